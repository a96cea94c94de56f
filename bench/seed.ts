import type { Masthead } from '../src/masthead.ts';

const BATCH = 250;
const words = (
  'harbour council budget ferry estuary school election market festival storm bridge housing tide ' +
  'shipyard library museum rail bus hospital river coast fishing port vote plan theatre club match'
).split(' ');

/** Deterministic pseudo-random text, so every run measures the same data. */
function sentence(seed: number, length: number): string {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(words[x % words.length] as string);
  }
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * Fills a database with `count` published articles spread over 8 sections, 40 tags and 10 authors,
 * through the ordinary services. Returns the slugs of the sections and of one article.
 */
export async function seedArticles(
  masthead: Masthead,
  count: number,
): Promise<{ category: string; articleSlug: string }> {
  const { people, taxonomy, articles } = masthead.services;
  for (let i = 0; i < 10; i += 1) await people.create({ name: `Reporter ${i}`, slug: `reporter-${i}` });
  for (let i = 0; i < 8; i += 1)
    await taxonomy.categories.create({ name: `Section ${i}`, slug: `section-${i}` });
  const start = Date.now() - count * 60_000;
  for (let offset = 0; offset < count; offset += BATCH) {
    const inputs = [];
    for (let i = offset; i < Math.min(count, offset + BATCH); i += 1) {
      const body = Array.from({ length: 6 }, (_, p) => `<p>${sentence(i * 7 + p, 60)}</p>`).join('');
      inputs.push({
        title: `${sentence(i, 8).slice(0, -1)} ${i}`,
        slug: `bench-article-${i}`,
        standfirst: sentence(i + 1, 25),
        body_html: body,
        status: 'published' as const,
        published_at: new Date(start + i * 60_000),
        primary_category: `section-${i % 8}`,
        tags: [`Topic ${i % 40}`, `Topic ${(i * 3) % 40}`],
        authors: [`reporter-${i % 10}`],
      });
    }
    await articles.create('article', inputs);
  }
  return { category: 'section-3', articleSlug: `bench-article-${Math.floor(count / 2)}` };
}
