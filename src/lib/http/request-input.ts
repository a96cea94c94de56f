import { z } from 'zod';
import { type ErrorDetail, ValidationError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { type PageRequest, pageQuerySchema } from '../pagination.ts';
import { isValidSlug, normaliseSlug } from '../slug.ts';
import { parseInput } from '../validation.ts';

/** The most resources one request may create or change. */
export const MAX_BATCH = 100;

/**
 * Reads `{ "<key>": [ {…}, … ] }` (the Ghost-style envelope) and parses each item, reporting every
 * problem by field: `title` for a single item, `articles[2].title` in a batch.
 *
 * @example
 * const inputs = parseEnvelope(request.body, 'articles', articleCreateSchema);
 */
export function parseEnvelope<S extends z.ZodType>(body: unknown, key: string, schema: S): z.output<S>[] {
  const envelope = parseInput(z.strictObject({ [key]: z.array(z.unknown()).min(1).max(MAX_BATCH) }), body);
  const items = envelope[key] as unknown[];
  const details: ErrorDetail[] = [];
  const parsed: z.output<S>[] = [];
  for (const [index, item] of items.entries()) {
    try {
      parsed.push(parseInput(schema, item, { fieldPrefix: items.length > 1 ? `${key}[${index}]` : '' }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      details.push(...error.details);
    }
  }
  if (details.length > 0) throw new ValidationError(details);
  return parsed;
}

/** A single-item envelope, as updates take. */
export function parseSingle<S extends z.ZodType>(body: unknown, key: string, schema: S): z.output<S> {
  const items = parseEnvelope(body, key, schema);
  if (items.length !== 1) {
    throw ValidationError.field(key, 'FIELD_INVALID', `"${key}" must hold exactly one item when updating.`);
  }
  return items[0] as z.output<S>;
}

/** An `:id` path parameter: an id (UUID) or a slug, anything else is refused with the field named. */
export function parseRef(value: unknown, field = 'id'): string {
  const text = typeof value === 'string' ? value : '';
  if (isUuid(text)) return text.toLowerCase();
  const slug = normaliseSlug(text);
  if (isValidSlug(slug)) return slug;
  throw ValidationError.field(
    field,
    'INVALID_REFERENCE',
    `"${field}" must be an id or a slug such as "city-council-vote".`,
  );
}

const slugValue = z
  .string()
  .transform(normaliseSlug)
  .refine(isValidSlug, { message: 'must be a slug such as "politics"' });

/** Query parameters Ghost clients send that Masthead accepts and does not need. */
const ignoredGhostParams = {
  key: z.string().optional(),
  include: z.string().optional(),
  formats: z.string().optional(),
};

export const listQuerySchema = z.strictObject({
  ...pageQuerySchema,
  ...ignoredGhostParams,
  filter: z.string().max(500).optional(),
  category: slugValue.optional(),
  tag: slugValue.optional(),
  author: slugValue.optional(),
});

export type ListFilter = { category?: string; tag?: string; author?: string };

/**
 * Page, limit and filter of a list request. `filter` takes Ghost's syntax for the three relations:
 * `category:news+tag:harbour`.
 */
export function parseListQuery(
  query: unknown,
  defaults: { limit: number },
  extra: Record<string, z.ZodType> = {},
) {
  const parsed = parseInput(listQuerySchema.extend(extra), query) as z.output<typeof listQuerySchema> &
    Record<string, unknown>;
  const filter: ListFilter = {
    ...(parsed.category ? { category: parsed.category } : {}),
    ...(parsed.tag ? { tag: parsed.tag } : {}),
    ...(parsed.author ? { author: parsed.author } : {}),
  };
  // An unencoded "+" arrives as a space (application/x-www-form-urlencoded): slugs hold neither.
  for (const clause of parsed.filter ? parsed.filter.trim().split(/[+ ]+/) : []) {
    const match = /^(category|tag|author|primary_tag):(.+)$/.exec(clause);
    const slug = normaliseSlug(match?.[2] ?? '');
    if (!match || !isValidSlug(slug)) {
      throw ValidationError.field(
        'filter',
        'INVALID_FILTER',
        '"filter" must look like "category:news+tag:harbour" (category, tag or author).',
      );
    }
    const key = match[1] === 'primary_tag' ? 'tag' : (match[1] as keyof ListFilter);
    if (filter[key] !== undefined) {
      throw ValidationError.field('filter', 'INVALID_FILTER', `"filter" may name ${key} only once.`);
    }
    filter[key] = slug;
  }
  const page: PageRequest = { page: parsed.page ?? 1, limit: parsed.limit ?? defaults.limit };
  return { page, filter, query: parsed };
}
