import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Dialect } from '../db/connection.ts';
import type { MediaTable, Schema } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { fromDbJson, fromDbTime, toDbJson, toDbTime } from '../db/values.ts';
import { type PageRequest, pageOffset } from '../lib/pagination.ts';
import type { Media } from './media.ts';

/** A row's variants are read like any outside input: parsed, not trusted. */
const variantsSchema = z.array(
  z.object({ width: z.number().int().positive(), format: z.enum(['webp', 'avif']), path: z.string().min(1) }),
);

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL for the media library; only this file touches the `media` table. */
export function createMediaRepository({ dialect }: { dialect: Dialect }) {
  const toMedia = (row: Selectable<MediaTable>): Media => ({
    id: row.id,
    kind: row.kind,
    originalName: row.original_name,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: Number(row.bytes),
    path: row.path,
    variants: variantsSchema.parse(fromDbJson(dialect, row.variants)),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    createdAt: fromDbTime(row.created_at),
    uploadedBy: row.uploaded_by,
  });

  /** `q` matches part of the original file name, alt text, caption or credit, ignoring case. */
  const matching = (q: string | undefined) => (eb: ExpressionBuilder<Schema, 'media'>) => {
    if (!q) return eb.and([]);
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    return eb.or(
      (['original_name', 'alt', 'caption', 'credit'] as const).map(
        (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
      ),
    );
  };

  return {
    async insert(db: Executor, media: Media): Promise<void> {
      await db
        .insertInto('media')
        .values({
          id: media.id,
          kind: media.kind,
          original_name: media.originalName,
          mime: media.mime,
          width: media.width,
          height: media.height,
          bytes: media.bytes,
          path: media.path,
          variants: toDbJson(media.variants),
          alt: media.alt,
          caption: media.caption,
          credit: media.credit,
          created_at: toDbTime(dialect, media.createdAt),
          uploaded_by: media.uploadedBy,
        })
        .execute();
    },

    async findById(db: Executor, id: string): Promise<Media | undefined> {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMedia(row) : undefined;
    },

    /** Newest first. */
    async list(
      db: Executor,
      query: { q?: string; page: PageRequest },
    ): Promise<{ items: Media[]; total: number }> {
      const [rows, counted] = await Promise.all([
        db
          .selectFrom('media')
          .selectAll()
          .where(matching(query.q))
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.page.limit)
          .offset(pageOffset(query.page))
          .execute(),
        db
          .selectFrom('media')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(matching(query.q))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toMedia), total: Number(counted.n) };
    },

    async updateText(db: Executor, media: Media): Promise<void> {
      await db
        .updateTable('media')
        .set({ alt: media.alt, caption: media.caption, credit: media.credit })
        .where('id', '=', media.id)
        .execute();
    },

    async remove(db: Executor, id: string): Promise<boolean> {
      const result = await db.deleteFrom('media').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
