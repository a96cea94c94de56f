import { z } from 'zod';
import { emailAddressSchema, personNameSchema } from '../lib/email-address.ts';
import { ValidationError } from '../lib/errors.ts';
import { slugSchema } from '../lib/slug.ts';
import { parseInput } from '../lib/validation.ts';
import type { Newsletter } from './newsletter.ts';

/** Where a signup came from, recorded with the reader's consent. */
export const signupSources = ['footer', 'article', 'page', 'api', 'account', 'import'] as const;
export type SignupSource = (typeof signupSources)[number];

/** A form sends one checkbox value as a string and several as an array; JSON sends an array. */
const slugList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z.array(slugSchema).max(50),
);

export const signupSchema = z.object({
  email: emailAddressSchema,
  name: personNameSchema.optional().default(''),
  newsletters: slugList.optional().default([]),
});

export type SignupInput = z.output<typeof signupSchema>;

/** The newsletters named by slug; none named means all of them. An unknown slug is the reader's mistake (422). */
export function chooseNewsletters(all: Newsletter[], slugs: string[], field = 'newsletters'): Newsletter[] {
  if (all.length === 0)
    throw ValidationError.field(field, 'NO_NEWSLETTERS', 'This site has no newsletters to subscribe to yet.');
  if (slugs.length === 0) return all;
  const bySlug = new Map(all.map((newsletter) => [newsletter.slug, newsletter]));
  const unknown = slugs.findIndex((slug) => !bySlug.has(slug));
  if (unknown >= 0)
    throw ValidationError.field(
      `${field}[${unknown}]`,
      'UNKNOWN_NEWSLETTER',
      `There is no newsletter "${slugs[unknown]}".`,
    );
  return [...new Set(slugs)].map((slug) => bySlug.get(slug) as Newsletter);
}

export const parseSignup = (body: unknown): SignupInput => parseInput(signupSchema, body ?? {});

export const loginSchema = z.object({ email: emailAddressSchema });
