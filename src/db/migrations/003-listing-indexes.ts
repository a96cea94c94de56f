import type { Kysely } from 'kysely';

/**
 * Indexes for the reader's pages: an article's section neighbours (previous/next, More Articles)
 * newest first without scanning the section, and lists and sitemaps read from the index alone.
 */
export function listingIndexesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('articles_section_listing_idx')
        .on('articles')
        .columns(['primary_category_id', 'status', 'published_at', 'id'])
        .execute();
      await db.schema.dropIndex('articles_primary_category_idx').execute();
      // The listing index, widened to cover what sitemaps read, so 50,000 URLs come from the index
      // alone instead of from rows that carry whole article bodies.
      await db.schema
        .createIndex('articles_listing_covering_idx')
        .on('articles')
        .columns([
          'kind',
          'status',
          'published_at',
          'id',
          'updated_at',
          'created_at',
          'slug',
          'primary_category_id',
        ])
        .execute();
      await db.schema.dropIndex('articles_listing_idx').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('articles_listing_idx')
        .on('articles')
        .columns(['kind', 'status', 'published_at'])
        .execute();
      await db.schema.dropIndex('articles_listing_covering_idx').execute();
      await db.schema
        .createIndex('articles_primary_category_idx')
        .on('articles')
        .column('primary_category_id')
        .execute();
      await db.schema.dropIndex('articles_section_listing_idx').execute();
    },
  };
}
