import type { FastifyInstance } from 'fastify';
import { CAPTCHA_CHALLENGE_URL, type Captcha } from './captcha.ts';
import { CAPTCHA_ASSETS_PREFIX, captchaAssets } from './captcha-assets.ts';

/**
 * Challenges a client may fetch per minute. The widget fetches one when the reader submits
 * (or focuses the form), so a person needs a handful; a script harvesting challenges to solve
 * elsewhere is held to this.
 */
const CHALLENGES_PER_MINUTE = 30;

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * `GET /api/captcha/challenge` (altcha's signed challenge, never cached, limited per client) and
 * the provider's self-hosted files under /assets/captcha/ (cached for a year under their `?v=`
 * version): altcha's whole widget, or the reCAPTCHA v3 glue.
 * `isRateLimited: false` lifts the limit (API_RATE_LIMIT=0, e.g. behind a CDN that limits).
 *
 * @example
 * await registerCaptchaRoutes(app, { captcha });
 */
export async function registerCaptchaRoutes(
  app: FastifyInstance,
  options: { captcha: Captcha; isRateLimited?: boolean },
): Promise<void> {
  const { captcha, isRateLimited = true } = options;

  app.get(
    CAPTCHA_CHALLENGE_URL,
    isRateLimited ? { config: { rateLimit: { max: CHALLENGES_PER_MINUTE, timeWindow: '1 minute' } } } : {},
    async (_request, reply) => {
      // A NotFoundError (JSON, through the error handler) for every provider but altcha.
      const challenge = await captcha.createChallenge();
      return reply.header('Cache-Control', 'no-store').send(challenge);
    },
  );

  const { version, files } = captchaAssets(captcha.provider);
  for (const [name, file] of Object.entries(files)) {
    app.get(`${CAPTCHA_ASSETS_PREFIX}/${name}`, async (request, reply) => {
      const isCurrent = (request.query as Record<string, unknown>).v === version;
      return reply
        .type(file.contentType)
        .header(
          'Cache-Control',
          isCurrent ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, max-age=300',
        )
        .send(file.body);
    });
  }
}
