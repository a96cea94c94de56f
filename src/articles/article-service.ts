import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import { actingStaffId, requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import type { EventBus } from '../lib/events.ts';
import { isUuid, newId } from '../lib/ids.ts';
import type { JobQueue } from '../lib/jobs/job-queue.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import { normaliseSlug } from '../lib/slug.ts';
import { availableSlug, retryDerivedSlug, withSlugConflict } from '../lib/unique-slug.ts';
import type { PersonService } from '../people/person-service.ts';
import type { SettingsService } from '../site/settings-service.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type {
  Article,
  ArticleCreateInput,
  ArticleKind,
  ArticleStatus,
  ArticleUpdateInput,
  ArticleView,
} from './article.ts';
import {
  articleResource,
  recordArticleChange,
  recordArticleDeleted,
  recordScheduledPublished,
  requireCreate,
  requireEdit,
  requirePublication,
} from './article-guard.ts';
import { applyArticleFields } from './article-input.ts';
import { resolvePublication } from './article-publication.ts';
import { linkRelations } from './article-relations.ts';
import { type ArticleListQuery, createArticleRepository } from './article-repository.ts';
import { withSections } from './article-summary-row.ts';
import { composeArticleViews } from './article-views.ts';
import { createArticleNoteService } from './notes/article-note-service.ts';
import { createPresenceService } from './presence/presence-service.ts';
import { type RevisionKind, revisionKindOf } from './revisions/revision.ts';
import { recordRevision } from './revisions/revision-recorder.ts';
import { createRevisionRepository } from './revisions/revision-repository.ts';
import { createRevisionService } from './revisions/revision-service.ts';
import { staffNames } from './staff-names.ts';

export const PUBLISH_JOB = 'article.publish';

export type ArticleServiceDeps = {
  database: Database;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  people: PersonService;
  taxonomy: TaxonomyService;
  settings: SettingsService;
  /** Where creations, publications and deletions are recorded (one is made when not given). */
  audit?: AuditService;
};

export type ArticleLinkIds = { categoryIds: string[]; tagIds: string[]; authorIds: string[] };

const mergeLinkIds = (a: ArticleLinkIds, b: ArticleLinkIds): ArticleLinkIds => ({
  categoryIds: [...new Set([...a.categoryIds, ...b.categoryIds])],
  tagIds: [...new Set([...a.tagIds, ...b.tagIds])],
  authorIds: [...new Set([...a.authorIds, ...b.authorIds])],
});

export type ArticleFilter = { category?: string; tag?: string; author?: string };

export type ListOptions = {
  kind: ArticleKind;
  statuses: ArticleStatus[];
  filter?: ArticleFilter;
  page: PageRequest;
  /** False skips counting (a block of the latest few needs no page count); `total` is then a lower bound. */
  isCounted?: boolean;
  /**
   * Counts no further than this many articles, so a list's first pages cost the same in a section
   * of 100 articles as in one of 100,000; `isTotalCapped` says when there were more.
   */
  countUpTo?: number;
  /** Articles to leave out (those a page already shows). */
  excludeIds?: string[];
  /** Part of the title or standfirst, any case (the newsroom's list). */
  text?: string;
  /** Only the articles this staff member created. */
  createdBy?: string;
  /** Newest publication first for published-only lists, else last updated first; `upcoming`: the schedule, soonest first. */
  order?: 'published' | 'updated' | 'upcoming';
};
export type ArticleService = ReturnType<typeof createArticleService>;

/** How a save is made beyond its fields (the editor's autosaves, a revision restored). */
export type UpdateOptions = {
  /** The revision's kind when the save changes no publication: an autosave or a restore. */
  revisionKind?: 'autosave' | 'restore';
  /** Runs in the save's transaction once the article is written (an audit entry of its own, say). */
  within?: (executor: Executor, saved: Article) => Promise<void>;
};

/** Articles and pages: writing, publishing, scheduling and reading them, for every entry point. */
export function createArticleService(deps: ArticleServiceDeps) {
  const { database, clock, events, jobs, people, taxonomy, settings } = deps;
  const { db } = database;
  const audit = deps.audit ?? createAuditService({ database, clock });
  const repo = createArticleRepository({ dialect: database.dialect });
  const revisionRepo = createRevisionRepository({ dialect: database.dialect });
  const compose = (executor: Executor, articles: Article[]) =>
    composeArticleViews({ executor, articles, repo, people, taxonomy });
  /** Every save writes a revision in its own transaction (revisions/revision-recorder.ts). */
  const recordRevisionOf = (executor: Executor, article: ArticleView, kind: RevisionKind) =>
    recordRevision({
      repo: revisionRepo,
      executor,
      article,
      kind,
      actorId: actingStaffId(),
      now: clock.now(),
    });

  async function find(executor: Executor, kind: ArticleKind, ref: string): Promise<Article> {
    const article = isUuid(ref)
      ? await repo.findById(executor, ref)
      : await repo.findBySlug(executor, kind, normaliseSlug(ref));
    if (!article || article.kind !== kind) throw new NotFoundError(kind);
    return article;
  }

  async function viewOf(executor: Executor, article: Article): Promise<ArticleView> {
    return (await compose(executor, [article]))[0] as ArticleView;
  }

  async function scheduleJob(executor: Executor, article: Article): Promise<void> {
    if (article.status !== 'scheduled' || !article.publishedAt) return;
    await jobs.enqueue(
      PUBLISH_JOB,
      { id: article.id },
      { runAt: article.publishedAt, key: `${article.id}@${article.publishedAt.toISOString()}`, executor },
    );
  }

  async function insertOne(
    trx: Executor,
    kind: ArticleKind,
    input: ArticleCreateInput,
    language: string,
  ): Promise<Article> {
    const now = clock.now();
    const publication = resolvePublication({
      current: null,
      status: input.status,
      publishedAt: input.published_at,
      now,
    });
    const slug =
      input.slug ??
      (await availableSlug({
        base: input.title,
        fallback: kind,
        isTaken: (s) => repo.slugExists(trx, kind, s),
      }));
    const creator = actingStaffId();
    const blank: Article = {
      id: newId(),
      kind,
      title: input.title,
      slug,
      standfirst: '',
      bodyHtml: '',
      bodyText: '',
      ...publication,
      createdAt: now,
      updatedAt: now,
      language,
      featuredImage: null,
      seoTitle: null,
      seoDescription: null,
      canonicalUrl: null,
      isFeatured: false,
      hasCommentsOpen: true,
      sendsEmail: true,
      primaryCategoryId: null,
      revision: 1,
      ...(creator ? { createdBy: creator } : {}),
    };
    const links = await linkRelations({
      executor: trx,
      input,
      current: null,
      people,
      taxonomy,
      currentCategoryIds: async () => [],
    });
    const article = { ...applyArticleFields(blank, input), primaryCategoryId: links.primaryCategoryId };
    await withSlugConflict(kind, slug, () => repo.insert(trx, article), { isDerived: !input.slug });
    await repo.clearRedirect(trx, kind, slug);
    await writeLinks(trx, article.id, links);
    await scheduleJob(trx, article);
    await recordArticleChange({ audit, executor: trx, before: null, after: article });
    return article;
  }

  async function writeLinks(
    trx: Executor,
    articleId: string,
    links: Awaited<ReturnType<typeof linkRelations>>,
  ) {
    if (links.authorIds) await repo.setAuthors(trx, articleId, links.authorIds);
    if (links.categoryIds) await repo.setCategories(trx, articleId, links.categoryIds);
    if (links.tagIds) await repo.setTags(trx, articleId, links.tagIds);
  }

  /** Ids of the sections, tags and people linked to the articles, for precise cache invalidation. */
  async function linkedIds(executor: Executor, articleIds: string[]): Promise<ArticleLinkIds> {
    const links = await repo.relationsOf(executor, articleIds);
    return {
      categoryIds: links.categories.map((l) => l.id),
      tagIds: links.tags.map((l) => l.id),
      authorIds: links.authors.map((l) => l.id),
    };
  }

  function announce(before: ArticleStatus | null, article: Article, linked: ArticleLinkIds): void {
    const payload = { id: article.id, kind: article.kind, ...linked };
    events.emit(before === null ? 'article.created' : 'article.updated', payload);
    if (article.status === 'published' && before !== 'published') events.emit('article.published', payload);
    if (before === 'published' && article.status !== 'published') events.emit('article.unpublished', payload);
  }

  async function update(
    kind: ArticleKind,
    ref: string,
    input: ArticleUpdateInput,
    options: UpdateOptions = {},
  ): Promise<ArticleView> {
    let before: ArticleStatus = 'draft';
    const { article, view, linked } = await withTransaction(db, async (trx) => {
      const current = await find(trx, kind, ref);
      requireEdit(current);
      before = current.status;
      const linkedBefore = await linkedIds(trx, [current.id]);
      if (input.updated_at && input.updated_at.getTime() !== current.updatedAt.getTime()) {
        throw new ConflictError(
          'UPDATE_COLLISION',
          'Someone else saved this article since you opened it; reload it to see their changes.',
          'updated_at',
        );
      }
      const now = clock.now();
      const publication = resolvePublication({
        current,
        status: input.status,
        publishedAt: input.published_at,
        now,
      });
      requirePublication(current, publication);
      const links = await linkRelations({
        executor: trx,
        input,
        current,
        people,
        taxonomy,
        currentCategoryIds: async () =>
          (await repo.relationsOf(trx, [current.id])).categories.map((link) => link.id),
      });
      const next: Article = {
        ...applyArticleFields(current, input),
        ...publication,
        slug: input.slug ?? current.slug,
        primaryCategoryId: links.primaryCategoryId,
        updatedAt:
          now.getTime() > current.updatedAt.getTime() ? now : new Date(current.updatedAt.getTime() + 1),
        revision: current.revision + 1,
      };
      const isWritten = await withSlugConflict(kind, next.slug, () =>
        repo.update(trx, next, current.revision),
      );
      if (!isWritten)
        throw new ConflictError('UPDATE_COLLISION', 'This article was changed while saving; try again.');
      await recordArticleChange({ audit, executor: trx, before: current, after: next });
      if (next.slug !== current.slug) {
        const wasPublic = current.status === 'published' || current.status === 'archived';
        if (wasPublic)
          await repo.recordSlugChange(trx, {
            kind,
            articleId: next.id,
            oldSlug: current.slug,
            newSlug: next.slug,
            at: now,
          });
        else await repo.clearRedirect(trx, kind, next.slug);
      }
      await writeLinks(trx, next.id, links);
      await scheduleJob(trx, next);
      // Before and after: an article moved out of a section changes that section's pages too.
      const linkedAfter = await linkedIds(trx, [next.id]);
      const linked = mergeLinkIds(linkedBefore, linkedAfter);
      const view = await viewOf(trx, next);
      await recordRevisionOf(trx, view, revisionKindOf(current, next, options.revisionKind));
      if (options.within) await options.within(trx, next);
      return { article: next, view, linked };
    });
    announce(before, article, linked);
    return view;
  }

  const findIn = (kind: ArticleKind, ref: string) => find(db, kind, ref);

  return {
    /** Revisions of every save, and restoring one (revisions/). */
    revisions: createRevisionService({ database, audit, people, taxonomy, find: findIn, save: update }),
    /** Corrections and updates shown under an article (notes/). */
    notes: createArticleNoteService({ database, clock, events, audit, find: findIn }),
    /** Who has an article open in the editor (presence/). */
    presence: createPresenceService({ database, clock, find: findIn }),

    /** The article, if the current actor may edit it (403 otherwise): for what editing unlocks, like a preview link. */
    async editable(kind: ArticleKind, ref: string): Promise<ArticleView> {
      const article = await find(db, kind, ref);
      requireEdit(article);
      return viewOf(db, article);
    },

    /** Names of the staff members who created these articles, by id, for the Admin API's `created_by`. */
    creatorNames: (articles: Pick<Article, 'createdBy'>[]): Promise<Map<string, string>> =>
      staffNames(
        db,
        articles.map((article) => article.createdBy),
      ),

    /** A page of articles with bylines, sections and tags, for feeds and the APIs. */
    list: (options: ListOptions) =>
      listing(
        options,
        (query) => repo.list(db, query),
        (rows) => compose(db, rows),
      ),

    /** The same page of articles with only what a card shows: for the site's lists. */
    listSummaries: (options: ListOptions) =>
      listing(
        options,
        (query) => repo.listSummaries(db, query),
        (rows) => withSections(rows, taxonomy),
      ),

    /** One article by id or slug; with `statuses`, others are reported as not found. */
    async get(options: { kind: ArticleKind; ref: string; statuses?: ArticleStatus[] }): Promise<ArticleView> {
      const article = await find(db, options.kind, options.ref);
      if (options.statuses && !options.statuses.includes(article.status))
        throw new NotFoundError(options.kind);
      return viewOf(db, article);
    },

    /** The article that used to live at an old slug, for 301 redirects. */
    async findByOldSlug(kind: ArticleKind, slug: string): Promise<ArticleView | undefined> {
      const id = await repo.findRedirect(db, kind, normaliseSlug(slug));
      const article = id ? await repo.findById(db, id) : undefined;
      return article ? viewOf(db, article) : undefined;
    },

    /** Creates one or more articles in one transaction: all are written or none. */
    async create(kind: ArticleKind, inputs: ArticleCreateInput[]): Promise<ArticleView[]> {
      for (const input of inputs) requireCreate(kind, input.status);
      // Read before the transaction: on SQLite, a query outside an open transaction waits for it.
      const { locale } = await settings.get();
      const created = await retryDerivedSlug(() =>
        withTransaction(db, async (trx) => {
          const articles: Article[] = [];
          for (const input of inputs) articles.push(await insertOne(trx, kind, input, locale));
          const views = await compose(trx, articles);
          for (const view of views) await recordRevisionOf(trx, view, 'create');
          return { articles, views };
        }),
      );
      for (const view of created.views) {
        announce(null, view, {
          categoryIds: view.categories.map((c) => c.id),
          tagIds: view.tags.map((t) => t.id),
          authorIds: view.authors.map((p) => p.id),
        });
      }
      return created.views;
    },

    /** Saves the fields given; `{ revisionKind: 'autosave' }` for the editor's background saves. */
    update: (kind: ArticleKind, ref: string, input: ArticleUpdateInput, options?: UpdateOptions) =>
      update(kind, ref, input, options),
    publish: (kind: ArticleKind, ref: string, publishedAt?: Date) =>
      update(kind, ref, { status: 'published', ...(publishedAt ? { published_at: publishedAt } : {}) }),
    unpublish: (kind: ArticleKind, ref: string) => update(kind, ref, { status: 'draft' }),
    schedule: (kind: ArticleKind, ref: string, publishedAt: Date) =>
      update(kind, ref, { status: 'scheduled', published_at: publishedAt }),

    async remove(kind: ArticleKind, ref: string): Promise<void> {
      const article = await find(db, kind, ref);
      requirePermission('articles.delete', articleResource(article));
      const payload = { id: article.id, kind, ...(await linkedIds(db, [article.id])) };
      await withTransaction(db, async (trx) => {
        await repo.remove(trx, article.id);
        await recordArticleDeleted({ audit, executor: trx, article });
      });
      if (article.status === 'published') events.emit('article.unpublished', payload);
      events.emit('article.deleted', payload);
    },

    /**
     * Publishes every scheduled article whose time has come (or just `id`). The conditional update
     * makes it exactly-once however many workers or restarts call it.
     */
    async publishDue(id?: string): Promise<string[]> {
      const flipped = await withTransaction(db, async (trx) => {
        const due = await repo.publishDue(trx, { now: clock.now(), ...(id ? { id } : {}) });
        for (const article of due) await recordScheduledPublished({ audit, executor: trx, article });
        for (const view of await compose(
          trx,
          await repo.findByIds(
            trx,
            due.map((a) => a.id),
          ),
        ))
          await recordRevisionOf(trx, view, 'publish');
        return due;
      });
      for (const article of flipped)
        events.emit('article.published', { ...article, ...(await linkedIds(db, [article.id])) });
      return flipped.map((article) => article.id);
    },

    /** Re-enqueues the publish job of every scheduled article (idempotent by job key). */
    async ensureScheduledJobs(): Promise<number> {
      const scheduled = await repo.scheduled(db);
      for (const item of scheduled) {
        await jobs.enqueue(
          PUBLISH_JOB,
          { id: item.id },
          { runAt: item.publishedAt, key: `${item.id}@${item.publishedAt.toISOString()}` },
        );
      }
      return scheduled.length;
    },

    /**
     * Published articles or pages for sitemaps, lean (no bodies, no bylines; see the repository's
     * `sitemapListing`), each with its primary section's slug for `{category}` permalinks.
     */
    async sitemapListing(query: Parameters<typeof repo.sitemapListing>[1]) {
      const { chunks, rows } = await repo.sitemapListing(db, query);
      const sectionSlugs = rows.some((row) => row.primaryCategoryId)
        ? new Map((await taxonomy.categories.all()).map((category) => [category.id, category.slug]))
        : new Map<string, string>();
      const entries = rows.map(({ primaryCategoryId, ...row }) => ({
        ...row,
        primaryCategorySlug: primaryCategoryId ? (sectionSlugs.get(primaryCategoryId) ?? null) : null,
      }));
      return { chunks, entries };
    },
  };

  /** One page of a list and how many pages it has (counted up to `countUpTo`, when given). */
  async function listing<R, T>(
    options: ListOptions,
    read: (query: ArticleListQuery) => Promise<R[]>,
    finish: (rows: R[]) => Promise<T[]>,
  ): Promise<{ articles: T[]; pagination: Pagination; isTotalCapped: boolean }> {
    const scope = await resolveFilter(options.filter ?? {});
    if (scope === 'none')
      return { articles: [], pagination: paginationMeta(options.page, 0), isTotalCapped: false };
    const query = {
      kind: options.kind,
      statuses: options.statuses,
      excludeIds: options.excludeIds,
      ...(options.text ? { text: options.text } : {}),
      ...(options.createdBy ? { createdBy: options.createdBy } : {}),
      ...scope,
    };
    const isPublicOnly = options.statuses.every((s) => s === 'published');
    const upTo = options.countUpTo;
    const [rows, total] = await Promise.all([
      read({
        ...query,
        order: options.order ?? (isPublicOnly ? 'published' : 'updated'),
        limit: options.page.limit,
        offset: pageOffset(options.page),
      }),
      options.isCounted === false
        ? Promise.resolve(-1)
        : repo.count(db, query, upTo === undefined ? {} : { upTo: upTo + 1 }),
    ]);
    const known = total >= 0 ? total : pageOffset(options.page) + rows.length;
    const isTotalCapped = upTo !== undefined && known > upTo;
    return {
      articles: await finish(rows),
      pagination: paginationMeta(options.page, isTotalCapped ? upTo : known),
      isTotalCapped,
    };
  }

  async function resolveFilter(
    filter: ArticleFilter,
  ): Promise<'none' | { categoryIds?: string[]; tagId?: string; authorId?: string }> {
    try {
      const scope: { categoryIds?: string[]; tagId?: string; authorId?: string } = {};
      if (filter.category)
        scope.categoryIds = await taxonomy.categories.descendantIds(
          (await taxonomy.categories.get(filter.category)).id,
        );
      if (filter.tag) scope.tagId = (await taxonomy.tags.get(filter.tag)).id;
      if (filter.author) scope.authorId = (await people.get(filter.author)).id;
      return scope;
    } catch (error) {
      if (error instanceof NotFoundError) return 'none';
      throw error;
    }
  }
}
