import type { Selectable } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { ApiTokenTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../db/values.ts';
import type { ApiToken } from './api-token.ts';

const toToken = (row: Selectable<ApiTokenTable>): ApiToken => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  createdAt: fromDbTime(row.created_at),
  lastUsedAt: fromDbTimeOrNull(row.last_used_at),
  revokedAt: fromDbTimeOrNull(row.revoked_at),
});

/** SQL for API tokens. */
export function createApiTokenRepository({ dialect }: { dialect: Dialect }) {
  return {
    async insert(db: Executor, token: ApiToken, hash: string): Promise<void> {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          name: token.name,
          scope: token.scope,
          token_hash: hash,
          created_at: toDbTime(dialect, token.createdAt),
        })
        .execute();
    },
    async findByHash(db: Executor, hash: string): Promise<ApiToken | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      return row && toToken(row);
    },
    async list(db: Executor): Promise<ApiToken[]> {
      const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
      return rows.map(toToken);
    },
    async touch(db: Executor, id: string, at: Date): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: toDbTime(dialect, at) })
        .where('id', '=', id)
        .execute();
    },
    async revoke(db: Executor, id: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: toDbTime(dialect, at) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
