import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseEnvelope } from '../lib/http/request-input.ts';
import type { ApiToken } from './api-token.ts';
import { tokenScopes } from './api-token.ts';
import type { ApiTokenService } from './api-token-service.ts';

/** What `POST /tokens` takes per item; the service checks the name again (the CLI's way in). */
export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(tokenScopes).default('admin'),
});

/** A token as the Admin API shows it: never its secret, which is not even stored. */
export const apiTokenJson = (token: ApiToken) => ({
  id: token.id,
  name: token.name,
  scope: token.scope,
  created_at: token.createdAt.toISOString(),
  last_used_at: token.lastUsedAt?.toISOString() ?? null,
});

/**
 * `/tokens` in the Admin API, for administrators (the service asks `tokens.manage`): the live
 * tokens, new ones (their secret in this one answer, never again) and revocation. The answers are
 * `no-store`: a secret must not sit in a cache.
 *
 * @example
 * registerApiTokenApi(admin, { tokens: services.tokens });
 */
export function registerApiTokenApi(app: FastifyInstance, { tokens }: { tokens: ApiTokenService }): void {
  app.get('/tokens', async (_request, reply) => {
    const live = (await tokens.list()).filter((token) => token.revokedAt === null);
    return reply.header('Cache-Control', 'no-store').send({ tokens: live.map(apiTokenJson) });
  });

  app.post('/tokens', async (request, reply) => {
    const inputs = parseEnvelope(request.body, 'tokens', tokenCreateSchema);
    const created = [];
    for (const input of inputs) {
      const { token, secret } = await tokens.create(input);
      created.push({ ...apiTokenJson(token), secret });
    }
    return reply.code(201).header('Cache-Control', 'no-store').send({ tokens: created });
  });

  app.delete<{ Params: { id: string } }>('/tokens/:id', async (request, reply) => {
    await tokens.revoke(request.params.id);
    return reply.code(204).send();
  });
}
