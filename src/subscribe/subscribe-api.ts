import type { FastifyInstance } from 'fastify';
import type { Subscribe } from './subscribe.ts';

/** Signups a client may send through the API in ten minutes. */
const SIGNUPS_PER_10_MINUTES = 10;

/**
 * `POST /api/subscribe` (JSON `{ email, name?, newsletters?: [slug] }`): the same operation as the
 * form. 202 whether or not the address is known, so the answer tells nobody who subscribes.
 *
 * @example
 * registerSubscribeApi(app, { subscribe, isRateLimited: true });
 */
export function registerSubscribeApi(
  app: FastifyInstance,
  deps: { subscribe: Subscribe; isRateLimited: boolean },
): void {
  app.post(
    '/api/subscribe',
    deps.isRateLimited
      ? { config: { rateLimit: { max: SIGNUPS_PER_10_MINUTES, timeWindow: '10 minutes' } } }
      : {},
    async (request, reply) => {
      await deps.subscribe.signup.signup(request.body, { source: 'api' });
      return reply.code(202).header('Cache-Control', 'no-store').send({
        status: 'pending',
        message: 'If the address can receive mail, a confirmation link is on its way.',
      });
    },
  );
}
