import type { AuditService } from '../../audit/audit-service.ts';
import type { Database } from '../../db/connection.ts';
import type { Executor } from '../../db/transaction.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../../lib/pagination.ts';
import type { PersonService } from '../../people/person-service.ts';
import type { TaxonomyService } from '../../taxonomy/taxonomy-service.ts';
import type { Article, ArticleKind, ArticleUpdateInput, ArticleView } from '../article.ts';
import { requireEdit } from '../article-guard.ts';
import type { Revision, RevisionSnapshot, RevisionSummary } from './revision.ts';
import { createRevisionRepository } from './revision-repository.ts';

/** How the article service saves; a restore is a save with its own revision kind and audit entry. */
export type SaveArticle = (
  kind: ArticleKind,
  ref: string,
  input: ArticleUpdateInput,
  options: {
    revisionKind: 'restore';
    within: (executor: Executor, saved: Article) => Promise<void>;
  },
) => Promise<ArticleView>;

export type RevisionServiceDeps = {
  database: Database;
  audit: AuditService;
  people: PersonService;
  taxonomy: TaxonomyService;
  find: (kind: ArticleKind, ref: string) => Promise<Article>;
  save: SaveArticle;
};

export type RevisionService = ReturnType<typeof createRevisionService>;

/**
 * Reading an article's revisions and restoring one (Payload's versions, WordPress's revisions).
 * Whoever may edit the article may read its revisions and restore them: a restore is an edit.
 * The revisions themselves are written by the article service, in each save's transaction.
 *
 * @example
 * const { revisions } = await articles.revisions.list('article', id, { page: 1, limit: 50 });
 * const restored = await articles.revisions.restore('article', id, revisions[1].id, {});
 */
export function createRevisionService(deps: RevisionServiceDeps) {
  const { database, audit, people, taxonomy, find, save } = deps;
  const { db } = database;
  const repo = createRevisionRepository({ dialect: database.dialect });

  async function editable(kind: ArticleKind, ref: string): Promise<Article> {
    const article = await find(kind, ref);
    requireEdit(article);
    return article;
  }

  async function revisionOf(article: Article, id: string): Promise<Revision> {
    const revision = isUuid(id) ? await repo.findById(db, id.toLowerCase()) : undefined;
    if (!revision || revision.articleId !== article.id) throw new NotFoundError('revision');
    return revision;
  }

  /**
   * The snapshot as an update: sections, tags and bylines that no longer exist are left out (a
   * deleted tag is not made again), and a primary section that is gone gives way to the first
   * remaining one. Status and publication time are not part of it.
   */
  async function restoreInput(snapshot: RevisionSnapshot): Promise<ArticleUpdateInput> {
    const [authors, categories, tags] = await Promise.all([
      people.findByIds(snapshot.authors.map((a) => a.id)),
      taxonomy.categories.findByIds(snapshot.categories.map((c) => c.id)),
      taxonomy.tags.findByIds(snapshot.tags.map((t) => t.id)),
    ]);
    const inOrder = <T extends { id: string }>(wanted: { id: string }[], found: T[]): T[] => {
      const byId = new Map(found.map((item) => [item.id, item]));
      return wanted.flatMap((item) => byId.get(item.id) ?? []);
    };
    const categoryIds = inOrder(snapshot.categories, categories).map((c) => c.id);
    const primary = snapshot.primary_category?.id;
    return {
      title: snapshot.title,
      slug: snapshot.slug,
      standfirst: snapshot.standfirst,
      body_html: snapshot.body_html,
      language: snapshot.language,
      featured_image_url: snapshot.featured_image_url,
      featured_image_alt: snapshot.featured_image_alt,
      featured_image_caption: snapshot.featured_image_caption,
      featured_image_credit: snapshot.featured_image_credit,
      seo_title: snapshot.seo_title,
      seo_description: snapshot.seo_description,
      canonical_url: snapshot.canonical_url,
      featured: snapshot.featured,
      comments_open: snapshot.comments_open,
      send_email: snapshot.send_email,
      authors: inOrder(snapshot.authors, authors).map((p) => p.id),
      categories: categoryIds,
      primary_category: primary && categoryIds.includes(primary) ? primary : (categoryIds[0] ?? null),
      // Tags are named by slug: the article service finds them by slug (and these all exist).
      tags: inOrder(snapshot.tags, tags).map((t) => t.slug),
    };
  }

  return {
    /** A page of the article's revisions, newest first. */
    async list(
      kind: ArticleKind,
      ref: string,
      page: PageRequest,
    ): Promise<{ revisions: RevisionSummary[]; pagination: Pagination }> {
      const article = await editable(kind, ref);
      const [revisions, total] = await Promise.all([
        repo.list(db, article.id, { limit: page.limit, offset: pageOffset(page) }),
        repo.count(db, article.id),
      ]);
      return { revisions, pagination: paginationMeta(page, total) };
    },

    /** One revision with its snapshot; 404 REVISION_NOT_FOUND unless it is this article's. */
    async get(kind: ArticleKind, ref: string, id: string): Promise<Revision> {
      return revisionOf(await editable(kind, ref), id);
    },

    /**
     * Applies a revision's fields to the article as it stands (a published article stays published,
     * with the old words), as one save that writes a `restore` revision and an `article.restored`
     * audit entry. `updatedAt`, the `updated_at` the client last read, refuses a stale restore (409).
     */
    async restore(
      kind: ArticleKind,
      ref: string,
      id: string,
      options: { updatedAt?: Date | undefined } = {},
    ): Promise<ArticleView> {
      const article = await editable(kind, ref);
      const revision = await revisionOf(article, id);
      // Read before the save's transaction: on SQLite a read outside it would wait for it.
      const input = await restoreInput(revision.snapshot);
      return save(
        kind,
        article.id,
        { ...input, ...(options.updatedAt ? { updated_at: options.updatedAt } : {}) },
        {
          revisionKind: 'restore',
          within: (executor, saved) =>
            audit
              .record({
                action: 'article.restored',
                target: { type: kind, id: saved.id },
                summary: {
                  title: saved.title,
                  revision_id: revision.id,
                  revision_kind: revision.kind,
                  revision_created_at: revision.createdAt.toISOString(),
                },
                executor,
              })
              .then(() => undefined),
        },
      );
    },
  };
}
