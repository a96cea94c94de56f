import { z } from 'zod';

const MAX_SLUG_LENGTH = 120;
const slugPattern = /^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u;

/** The stored form of a slug: NFC and lower-case (DESIGN.md, Emails and slugs). */
export const normaliseSlug = (value: string): string => value.trim().normalize('NFC').toLowerCase();

export const isValidSlug = (value: string): boolean =>
  value.length <= MAX_SLUG_LENGTH && slugPattern.test(value);

/**
 * A URL slug from a title. Latin letters lose their accents ("Café" → "cafe"); other scripts are
 * kept as they are, so an Arabic title gets an Arabic slug rather than an empty one.
 *
 * @example
 * slugify('Harbour Bridge: Vote Delayed!') // 'harbour-bridge-vote-delayed'
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return truncateSlug(slug, 80);
}

function truncateSlug(slug: string, max: number): string {
  const codePoints = Array.from(slug);
  if (codePoints.length <= max) return slug;
  return codePoints.slice(0, max).join('').replace(/-+$/, '');
}

/** Slug input as the APIs take it: normalised, then checked. */
export const slugSchema = z
  .string({ message: 'must be a string' })
  .transform(normaliseSlug)
  .refine(isValidSlug, {
    message: `must be lower-case letters, digits and single hyphens (at most ${MAX_SLUG_LENGTH} characters), e.g. "city-council-vote"`,
  });
