/**
 * The token of a mailed link, from the page's fragment (`#token=…`): fragments never reach a
 * server, so the token is in no access log; it goes to the API in a POST only.
 *
 * @example
 * linkToken('#token=abc') // 'abc'
 */
export const linkToken = (hash = location.hash): string =>
  new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
