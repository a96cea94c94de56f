import type { Kysely } from 'kysely';

/**
 * Indexes for the reader's pages: an article's section neighbours (previous/next, More Articles)
 * and tag neighbours, newest first, without scanning the section.
 */
export function listingIndexesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('articles_section_listing_idx')
        .on('articles')
        .columns(['primary_category_id', 'status', 'published_at'])
        .execute();
      await db.schema.dropIndex('articles_primary_category_idx').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('articles_primary_category_idx')
        .on('articles')
        .column('primary_category_id')
        .execute();
      await db.schema.dropIndex('articles_section_listing_idx').execute();
    },
  };
}
