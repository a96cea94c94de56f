import { z } from 'zod';

// The HTML living standard's e-mail rule (https://html.spec.whatwg.org/#valid-e-mail-address), so
// the browser's check and the server's agree. It admits no spaces, line breaks, commas or angle
// brackets: nothing that could add a recipient or a header.
const emailPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address is at most 254. */
export const MAX_EMAIL_LENGTH = 254;

export const isEmailAddress = (value: string): boolean =>
  value.length <= MAX_EMAIL_LENGTH && emailPattern.test(value);

/** An address as typed, trimmed and lower-cased (DESIGN.md, Emails: stored normalised). */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(MAX_EMAIL_LENGTH)
  .transform((value) => value.toLowerCase())
  .refine(isEmailAddress, { message: 'must be an email address such as reader@example.com' });

/** A person's name for mail headers and greetings: one line, no control characters. */
export const personNameSchema = z
  .string()
  .trim()
  .max(100)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: 'must be one line of text' });
