import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document from a view: preact escapes every text and attribute it renders. */
export const renderDocument = (view: VNode): string => `<!doctype html>${renderToString(view)}`;

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are escaped so no
 * string inside can close the element (`</script>`) or open a comment.
 */
export const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
