import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { NamedRef } from './article-types.ts';

export type CategoryOption = NamedRef & { parent_id?: string | null };

/** What the settings sidebar offers: the site's sections, tags and bylines. */
export type EditorChoices = { categories: CategoryOption[]; tags: NamedRef[]; people: NamedRef[] };

type Page<T> = Record<string, T[] | undefined> & { meta?: { pagination?: { next: number | null } } };

/** Reads every page of a list (at most 10 pages of 100: the sidebar lists them all). */
async function readAll<T>(path: string, key: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= 10; page += 1) {
    const answer = await api<Page<T>>('GET', `${path}?limit=100&page=${page}`);
    items.push(...(answer[key] ?? []));
    if (!answer.meta?.pagination?.next) break;
  }
  return items;
}

/**
 * Loads the categories, tags and people the sidebar lets the writer pick; empty lists until
 * they arrive (or when the API refuses: the article can still be written and saved).
 *
 * @example
 * const { categories, tags, people } = useEditorChoices();
 */
export function useEditorChoices(): EditorChoices {
  const [choices, setChoices] = useState<EditorChoices>({ categories: [], tags: [], people: [] });
  useEffect(() => {
    let isCurrent = true;
    const fail = () => [];
    Promise.all([
      readAll<CategoryOption>('/categories', 'categories').catch(fail),
      readAll<NamedRef>('/tags', 'tags').catch(fail),
      readAll<NamedRef>('/people', 'people').catch(fail),
    ]).then(([categories, tags, people]) => {
      if (isCurrent) setChoices({ categories, tags, people });
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  return choices;
}
