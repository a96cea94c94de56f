import { isRfc3339Date } from './feed-values.ts';

/** One problem in a JSON Feed: where (a JSON path) and what. */
export type JsonFeedProblem = { path: string; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isAbsoluteUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

type Field = { name: string; kind: 'string' | 'url' | 'date' | 'boolean'; isRequired?: boolean };

const FEED_FIELDS: Field[] = [
  { name: 'title', kind: 'string', isRequired: true },
  { name: 'home_page_url', kind: 'url' },
  { name: 'feed_url', kind: 'url' },
  { name: 'description', kind: 'string' },
  { name: 'user_comment', kind: 'string' },
  { name: 'next_url', kind: 'url' },
  { name: 'icon', kind: 'url' },
  { name: 'favicon', kind: 'url' },
  { name: 'language', kind: 'string' },
  { name: 'expired', kind: 'boolean' },
];

const ITEM_FIELDS: Field[] = [
  { name: 'id', kind: 'string', isRequired: true },
  { name: 'url', kind: 'url' },
  { name: 'external_url', kind: 'url' },
  { name: 'title', kind: 'string' },
  { name: 'content_html', kind: 'string' },
  { name: 'content_text', kind: 'string' },
  { name: 'summary', kind: 'string' },
  { name: 'image', kind: 'url' },
  { name: 'banner_image', kind: 'url' },
  { name: 'date_published', kind: 'date' },
  { name: 'date_modified', kind: 'date' },
  { name: 'language', kind: 'string' },
];

function checkFields(
  object: Record<string, unknown>,
  fields: Field[],
  at: string,
  problems: JsonFeedProblem[],
) {
  for (const { name, kind, isRequired } of fields) {
    const value = object[name];
    const path = `${at}.${name}`;
    if (value === undefined) {
      if (isRequired) problems.push({ path, message: 'is required' });
    } else if (kind === 'boolean' ? typeof value !== 'boolean' : typeof value !== 'string')
      problems.push({ path, message: `must be a ${kind === 'boolean' ? 'boolean' : 'string'}` });
    else if (kind === 'url' && !isAbsoluteUrl(value))
      problems.push({ path, message: 'must be an absolute URL' });
    else if (kind === 'date' && !isRfc3339Date(value as string))
      problems.push({ path, message: 'must be an RFC 3339 date-time' });
    else if (kind === 'string' && isRequired && (value as string).trim() === '')
      problems.push({ path, message: 'must not be empty' });
  }
}

/** `authors`: objects with at least one of name, url, avatar (the 1.1 form; `author` is deprecated). */
function checkAuthors(value: unknown, at: string, problems: JsonFeedProblem[]) {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push({ path: at, message: 'must be an array' });
    return;
  }
  for (const [index, author] of value.entries()) {
    const path = `${at}[${index}]`;
    if (!isObject(author)) {
      problems.push({ path, message: 'must be an object' });
      continue;
    }
    if (author.name === undefined && author.url === undefined && author.avatar === undefined)
      problems.push({ path, message: 'needs a name, url or avatar' });
    checkFields(
      author,
      [
        { name: 'name', kind: 'string' },
        { name: 'url', kind: 'url' },
        { name: 'avatar', kind: 'url' },
      ],
      path,
      problems,
    );
  }
}

function checkItem(item: unknown, at: string, problems: JsonFeedProblem[]) {
  if (!isObject(item)) {
    problems.push({ path: at, message: 'must be an object' });
    return;
  }
  checkFields(item, ITEM_FIELDS, at, problems);
  if (item.content_html === undefined && item.content_text === undefined)
    problems.push({ path: at, message: 'needs content_html or content_text' });
  checkAuthors(item.authors, `${at}.authors`, problems);
  if (
    item.tags !== undefined &&
    !(Array.isArray(item.tags) && item.tags.every((tag) => typeof tag === 'string'))
  )
    problems.push({ path: `${at}.tags`, message: 'must be an array of strings' });
}

/**
 * Checks a document against JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the version URL,
 * required fields and their types, absolute URLs, RFC 3339 dates, content on every item, unique ids.
 *
 * @example
 * checkJsonFeed({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [] }) // []
 */
export function checkJsonFeed(document: unknown): JsonFeedProblem[] {
  const problems: JsonFeedProblem[] = [];
  if (!isObject(document)) return [{ path: '$', message: 'must be an object' }];
  if (document.version !== 'https://jsonfeed.org/version/1.1')
    problems.push({ path: '$.version', message: 'must be "https://jsonfeed.org/version/1.1"' });
  checkFields(document, FEED_FIELDS, '$', problems);
  checkAuthors(document.authors, '$.authors', problems);
  if (!Array.isArray(document.items)) return [...problems, { path: '$.items', message: 'must be an array' }];
  const ids = new Set<unknown>();
  document.items.forEach((item, index) => {
    checkItem(item, `$.items[${index}]`, problems);
    const id = isObject(item) ? item.id : undefined;
    if (id !== undefined && ids.has(id))
      problems.push({ path: `$.items[${index}].id`, message: `repeats "${String(id)}"` });
    ids.add(id);
  });
  return problems;
}
