import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../lib/clock.ts';
import { ConflictError } from '../lib/errors.ts';
import type { Services } from '../services.ts';
import { demoArticles, demoAuthors, demoCategories, demoPages, demoSite } from './demo-data.ts';
import { renderDemoAvatar, renderDemoImage } from './demo-images.ts';

const HOUR_MS = 3_600_000;

export type DemoSummary = {
  articles: number;
  pages: number;
  categories: number;
  authors: number;
  tags: number;
};

/** True when the database holds no article and no page, the only state the demo loads into. */
export async function isContentEmpty(services: Services): Promise<boolean> {
  const page = { page: 1, limit: 1 };
  const statuses = ['draft', 'scheduled', 'published', 'archived'] as const;
  const [articles, pages] = await Promise.all([
    services.articles.list({ kind: 'article', statuses: [...statuses], page }),
    services.articles.list({ kind: 'page', statuses: [...statuses], page }),
  ]);
  return articles.pagination.total === 0 && pages.pagination.total === 0;
}

/**
 * Fills an empty database with The Aldwyn Courier, a fictional local paper, through the ordinary
 * services (so it is validated and sanitised like anything an editor writes). Images are drawn
 * locally with sharp into MEDIA_DIR/demo; nothing is fetched.
 *
 * @example
 * await loadDemoContent({ services, mediaDir: config.mediaDir, clock });
 */
export async function loadDemoContent(options: {
  services: Services;
  mediaDir: string;
  clock: Clock;
}): Promise<DemoSummary> {
  const { services, mediaDir, clock } = options;
  if (!(await isContentEmpty(services))) {
    throw new ConflictError(
      'DEMO_NOT_EMPTY',
      'The database already has content; the demo only fills an empty database.',
    );
  }
  const demoDir = path.join(mediaDir, 'demo');
  mkdirSync(path.join(demoDir, 'authors'), { recursive: true });

  await services.settings.update({
    title: demoSite.title,
    description: demoSite.description,
    locale: demoSite.locale,
    timezone: demoSite.timezone,
  });

  for (const author of demoAuthors) {
    writeFileSync(
      path.join(demoDir, 'authors', `${author.slug}.webp`),
      await renderDemoAvatar({ seed: author.slug, size: 256 }),
    );
    await services.people.create({ ...author, avatar_url: `/media/demo/authors/${author.slug}.webp` });
  }

  // Parents before children, whatever order the data lists them in.
  const ordered = [...demoCategories].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
  for (const category of ordered) await services.taxonomy.categories.create(category);

  const now = clock.now().getTime();
  const inputs = [];
  for (const article of demoArticles) {
    // The full size and two narrower variants, which article pages offer as a srcset.
    for (const [width, suffix] of [
      [1200, ''],
      [800, '-800'],
      [400, '-400'],
    ] as const) {
      const image = await renderDemoImage({
        seed: article.image.seed,
        width,
        height: Math.round((width * 9) / 16),
      });
      writeFileSync(path.join(demoDir, `${article.slug}${suffix}.webp`), image);
    }
    inputs.push({
      title: article.title,
      slug: article.slug,
      standfirst: article.standfirst,
      body_html: article.body_html,
      language: article.language,
      status: 'published' as const,
      published_at: new Date(now - article.published_hours_ago * HOUR_MS),
      primary_category: article.primary_category,
      categories: article.categories,
      tags: article.tags,
      authors: article.authors,
      featured: article.featured,
      featured_image_url: `/media/demo/${article.slug}.webp`,
      featured_image_alt: article.image.alt,
      featured_image_caption: article.image.caption,
      featured_image_credit: article.image.credit,
    });
  }
  // Oldest first, so creation order matches publication order.
  inputs.sort((a, b) => a.published_at.getTime() - b.published_at.getTime());
  await services.articles.create('article', inputs);
  await services.articles.create(
    'page',
    demoPages.map((page) => ({
      ...page,
      status: 'published' as const,
      published_at: new Date(now - 900 * HOUR_MS),
      comments_open: false,
    })),
  );

  const tags = await services.taxonomy.tags.list({ page: 1, limit: 1 });
  return {
    articles: inputs.length,
    pages: demoPages.length,
    categories: demoCategories.length,
    authors: demoAuthors.length,
    tags: tags.pagination.total,
  };
}
