import { z } from 'zod';

/**
 * An image or link the site shows: an absolute http(s) URL, or a path on this site. A
 * protocol-relative `//host/…` is refused: it would silently point at another host.
 */
export const urlOrPathSchema = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) =>
      (value.startsWith('/') && !value.startsWith('//')) ||
      (/^https?:\/\/\S+$/i.test(value) && URL.canParse(value)),
    { message: 'must be an http(s) URL or a path starting with a single /' },
  );

/** An absolute http(s) URL. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
    message: 'must be an absolute http(s) URL',
  });
