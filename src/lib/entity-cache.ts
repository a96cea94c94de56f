/**
 * Rows that nearly every page shows and that rarely change (bylines' people, tags), kept in memory by
 * id and forgotten when their service announces a change (DESIGN.md, Events). Only committed data
 * belongs here: read through it outside transactions, never with a transaction's executor.
 *
 * A load that started before a change is not kept when it ends after it: the change may have
 * landed between the read and its answer (on PostgreSQL reads overlap writes).
 *
 * @example
 * const people = createEntityCache<Person>({ maxEntries: 10_000 });
 * events.on('person.changed', ({ id }) => people.forget(id));
 * const bylines = await people.findByIds(ids, (missing) => repo.findByIds(db, missing));
 */
export function createEntityCache<T extends { id: string }>(options: { maxEntries: number }) {
  const entries = new Map<string, T>();
  let generation = 0;

  return {
    /** The entities with these ids, in no particular order; unknown ids are skipped, as in SQL. */
    async findByIds(ids: string[], load: (missing: string[]) => Promise<T[]>): Promise<T[]> {
      const found: T[] = [];
      const missing: string[] = [];
      for (const id of new Set(ids)) {
        const entity = entries.get(id);
        if (entity) found.push(entity);
        else missing.push(id);
      }
      if (missing.length === 0) return found;
      const startedAt = generation;
      const loaded = await load(missing);
      if (startedAt === generation) {
        for (const entity of loaded) {
          if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
          entries.set(entity.id, entity);
        }
      }
      return [...found, ...loaded];
    },

    forget(id: string): void {
      generation += 1;
      entries.delete(id);
    },

    clear(): void {
      generation += 1;
      entries.clear();
    },
  };
}

/**
 * A whole small table in memory (the site's sections), loaded on first use and dropped on change.
 * Callers get their own copy of the list, so sorting it cannot reorder everyone else's.
 *
 * @example
 * const sections = createListCache(() => repo.categories.all(db));
 * events.on('category.changed', () => sections.clear());
 */
export function createListCache<T>(load: () => Promise<T[]>) {
  let current: Promise<T[]> | undefined;

  return {
    async all(): Promise<T[]> {
      let list = current;
      if (!list) {
        const loading = load();
        current = loading;
        loading.catch(() => {
          if (current === loading) current = undefined;
        });
        list = loading;
      }
      return [...(await list)];
    },

    clear(): void {
      current = undefined;
    },
  };
}
