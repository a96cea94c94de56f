import type { Clock } from '../../lib/clock.ts';
import { deriveKey } from '../../lib/secret.ts';
import { createSignedTokens } from '../../lib/signed-token.ts';

/** How long a preview link works. */
export const PREVIEW_TTL_MS = 60 * 60_000;

const PURPOSE = 'article-preview';

export type PreviewLinks = ReturnType<typeof createPreviewLinks>;

/**
 * Signed links that show an article as readers will see it, whatever its status, for an hour:
 * `SITE_URL/preview/<token>`. The token names the article's id and its expiry, signed with a key
 * derived from the site secret (`signed-token.ts`), so nothing is stored and any instance can
 * check it; whoever holds the link may look, as with Ghost's and WordPress's preview links.
 *
 * @example
 * const previews = createPreviewLinks({ secret, clock, siteUrl: 'https://news.example' });
 * const { url } = previews.create(article.id); // https://news.example/preview/eyJ…
 * previews.articleIdOf(token); // the id, or null when tampered with or expired
 */
export function createPreviewLinks(options: { secret: string; clock: Clock; siteUrl: string }) {
  const tokens = createSignedTokens<typeof PURPOSE>({
    key: deriveKey(options.secret, PURPOSE),
    clock: options.clock,
  });
  const base = options.siteUrl.replace(/\/+$/, '');

  return {
    create(articleId: string): { url: string; expiresAt: Date } {
      const expiresAt = new Date(options.clock.now().getTime() + PREVIEW_TTL_MS);
      return { url: `${base}/preview/${tokens.sign(PURPOSE, articleId, PREVIEW_TTL_MS)}`, expiresAt };
    },

    /** The article a token shows, or null for a token that was altered, made for something else, or expired. */
    articleIdOf(token: unknown): string | null {
      const check = tokens.check(token, PURPOSE);
      return check.status === 'valid' ? check.email : null;
    },
  };
}
