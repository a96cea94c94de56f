import type { Insertable } from 'kysely';
import type {
  ArticleAuthorTable,
  ArticleCategoryTable,
  ArticleTable,
  ArticleTagTable,
} from '../src/db/schema.ts';
import { withTransaction } from '../src/db/transaction.ts';
import { toDbBool, toDbTime } from '../src/db/values.ts';
import { newId } from '../src/lib/ids.ts';
import type { Masthead } from '../src/masthead.ts';

const BATCH = 500;
const SECTIONS = 8;
const TAGS = 40;
const AUTHORS = 10;
const words = (
  'harbour council budget ferry estuary school election market festival storm bridge housing tide ' +
  'shipyard library museum rail bus hospital river coast fishing port vote plan theatre club match ' +
  'café zürich naïve résumé'
).split(' ');

/**
 * Deterministic pseudo-random text, so every run measures the same data. The LCG multiplies in 32
 * bits (`Math.imul`): in doubles the product passed 2^53, lost its low bits, and nearly every word
 * came out "harbour", which made every article the same text.
 */
export function sentence(seed: number, length: number): string {
  const out: string[] = [];
  let x = (seed + 7) >>> 0;
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(words[(x >>> 16) % words.length] as string);
  }
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export type Seeded = { category: string; articleSlug: string; articleSlugs: string[] };

/**
 * Fills a database with `count` published articles over 8 sections, 40 tags and 10 authors. People,
 * sections and tags go through the services; the articles are inserted in bulk (they are generated,
 * already-clean HTML), so that 100,000 of them take seconds rather than minutes.
 */
export async function seedArticles(masthead: Masthead, count: number): Promise<Seeded> {
  const { services, database } = masthead;
  const { db, dialect } = database;
  const people = await services.people.createMany(
    Array.from({ length: AUTHORS }, (_, i) => ({ name: `Reporter ${i}`, slug: `reporter-${i}` })),
  );
  const sections = await services.taxonomy.categories.createMany(
    Array.from({ length: SECTIONS }, (_, i) => ({ name: `Section ${i}`, slug: `section-${i}` })),
  );
  const tags = await services.taxonomy.tags.createMany(
    Array.from({ length: TAGS }, (_, i) => ({ name: `Topic ${i}` })),
  );
  const start = Date.now() - count * 60_000;
  const slugs: string[] = [];
  for (let offset = 0; offset < count; offset += BATCH) {
    const rows: Insertable<ArticleTable>[] = [];
    const authorLinks: Insertable<ArticleAuthorTable>[] = [];
    const sectionLinks: Insertable<ArticleCategoryTable>[] = [];
    const tagLinks: Insertable<ArticleTagTable>[] = [];
    for (let i = offset; i < Math.min(count, offset + BATCH); i += 1) {
      const id = newId();
      const paragraphs = Array.from({ length: 6 }, (_, p) => sentence(i * 7 + p, 60));
      const at = toDbTime(dialect, new Date(start + i * 60_000));
      const section = sections[i % SECTIONS];
      const slug = `bench-article-${i}`;
      slugs.push(slug);
      rows.push({
        id,
        kind: 'article' as const,
        title: `${sentence(i, 8).slice(0, -1)} ${i}`,
        slug,
        standfirst: sentence(i + 1, 25),
        body_html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
        body_text: paragraphs.join(' '),
        status: 'published' as const,
        published_at: at,
        created_at: at,
        updated_at: at,
        language: 'en',
        featured_image_url: null,
        featured_image_alt: null,
        featured_image_caption: null,
        featured_image_credit: null,
        seo_title: null,
        seo_description: null,
        canonical_url: null,
        is_featured: toDbBool(dialect, i % 97 === 0),
        comments_open: toDbBool(dialect, true),
        primary_category_id: section?.id ?? null,
        revision: 1,
      });
      authorLinks.push({ article_id: id, person_id: people[i % AUTHORS]?.id as string, position: 0 });
      sectionLinks.push({ article_id: id, category_id: section?.id as string, position: 0 });
      const first = tags[i % TAGS]?.id as string;
      const second = tags[(i * 3 + 1) % TAGS]?.id as string;
      tagLinks.push({ article_id: id, tag_id: first, position: 0 });
      if (second !== first) tagLinks.push({ article_id: id, tag_id: second, position: 1 });
    }
    await withTransaction(db, async (trx) => {
      await trx.insertInto('articles').values(rows).execute();
      await trx.insertInto('article_authors').values(authorLinks).execute();
      await trx.insertInto('article_categories').values(sectionLinks).execute();
      await trx.insertInto('article_tags').values(tagLinks).execute();
    });
  }
  return {
    category: 'section-3',
    articleSlug: `bench-article-${Math.floor(count / 2)}`,
    articleSlugs: slugs,
  };
}
