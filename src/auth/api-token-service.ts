import { createHash, randomBytes } from 'node:crypto';
import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import type { Database } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../lib/errors.ts';
import { isUuid, newId } from '../lib/ids.ts';
import type { ApiToken, TokenScope } from './api-token.ts';
import { createApiTokenRepository } from './api-token-repository.ts';
import { requirePermission } from './permissions.ts';

const TOKEN_PREFIX = 'mh_';
const TOUCH_EVERY_MS = 60_000;

/** Tokens carry 256 random bits, so a fast hash is enough; only the hash is ever stored. */
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type ApiTokenService = ReturnType<typeof createApiTokenService>;

/** Admin API tokens: created by `masthead token create`, shown once, verified by hash. */
export function createApiTokenService({
  database,
  clock,
  audit = createAuditService({ database, clock }),
}: {
  database: Database;
  clock: Clock;
  audit?: AuditService;
}) {
  const { db } = database;
  const repo = createApiTokenRepository({ dialect: database.dialect });

  return {
    async create(options: {
      name: string;
      scope?: TokenScope;
    }): Promise<{ token: ApiToken; secret: string }> {
      requirePermission('tokens.manage');
      const name = options.name.trim();
      if (name.length === 0 || name.length > 100) {
        throw ValidationError.field('name', 'FIELD_INVALID', 'A token needs a name of 1 to 100 characters.');
      }
      const token: ApiToken = {
        id: newId(),
        name,
        scope: options.scope ?? 'admin',
        createdAt: clock.now(),
        lastUsedAt: null,
        revokedAt: null,
      };
      const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      await withTransaction(db, async (trx) => {
        await repo.insert(trx, token, hashToken(secret));
        await audit.record({
          action: 'token.created',
          target: { type: 'token', id: token.id },
          summary: { name: token.name, scope: token.scope },
          executor: trx,
        });
      });
      return { token, secret };
    },

    list: (): Promise<ApiToken[]> => {
      requirePermission('tokens.manage');
      return repo.list(db);
    },

    async revoke(id: string): Promise<void> {
      requirePermission('tokens.manage');
      await withTransaction(db, async (trx) => {
        if (!isUuid(id) || !(await repo.revoke(trx, id, clock.now()))) throw new NotFoundError('token');
        await audit.record({ action: 'token.revoked', target: { type: 'token', id }, executor: trx });
      });
    },

    /**
     * The token behind an `Authorization: Bearer …` header; 401 when missing, unknown or revoked,
     * 403 when a read-only token asks to write.
     */
    async authenticate(options: { header: string | undefined; needs: TokenScope }): Promise<ApiToken> {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(options.header ?? '');
      if (!match?.[1]) {
        throw new UnauthorizedError('TOKEN_MISSING', 'Send an API token as "Authorization: Bearer <token>".');
      }
      const token = await repo.findByHash(db, hashToken(match[1]));
      if (!token || token.revokedAt)
        throw new UnauthorizedError('TOKEN_INVALID', 'The API token is not valid or has been revoked.');
      if (options.needs === 'admin' && token.scope !== 'admin') {
        throw new ForbiddenError('TOKEN_READ_ONLY', 'This API token is read-only and cannot change content.');
      }
      const now = clock.now();
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await repo.touch(db, token.id, now);
      return token;
    },
  };
}
