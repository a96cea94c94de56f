import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid, newId } from '../lib/ids.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import { normaliseSlug } from '../lib/slug.ts';
import { availableSlug, retryDerivedSlug, withSlugConflict } from '../lib/unique-slug.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.ts';
import type { Newsletter, NewsletterCreateInput, NewsletterUpdateInput } from './newsletter.ts';
import { createNewsletterRepository } from './newsletter-repository.ts';

export type NewsletterService = ReturnType<typeof createNewsletterService>;

/** What a client may send, by Newsletter field: the API's snake_case names mapped once, here. */
type WritableInput = Omit<NewsletterUpdateInput, 'categories'>;
function writableFields(input: WritableInput): Partial<Newsletter> {
  const fields: Partial<Newsletter> = {
    name: input.name,
    slug: input.slug,
    description: input.description,
    cadence: input.cadence,
    sendHour: input.send_hour,
    sendWeekday: input.send_weekday,
    tracksOpens: input.track_opens,
    tracksClicks: input.track_clicks,
    position: input.position,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * The newsletters a site offers (Admin API `/newsletters`): which categories feed each one, its
 * cadence and send time, and whether opens and clicks are tracked (off unless asked for).
 *
 * @example
 * const newsletters = createNewsletterService({ database, clock, taxonomy: services.taxonomy });
 * const [daily] = await newsletters.createMany([{ name: 'Morning briefing', cadence: 'daily' }]);
 */
export function createNewsletterService({
  database,
  clock,
  taxonomy,
  audit = createAuditService({ database, clock }),
}: {
  database: Database;
  clock: Clock;
  taxonomy: TaxonomyService;
  /** Where creations and deletions are recorded (one is made when not given). */
  audit?: AuditService;
}) {
  const { db } = database;
  const repo = createNewsletterRepository({ dialect: database.dialect });

  async function find(executor: Executor, ref: string): Promise<Newsletter> {
    const newsletter = isUuid(ref)
      ? await repo.findById(executor, ref.toLowerCase())
      : (await repo.findBySlugs(executor, [normaliseSlug(ref)]))[0];
    if (!newsletter) throw new NotFoundError('newsletter');
    return newsletter;
  }

  const categoryIds = async (executor: Executor, refs: string[]): Promise<string[]> =>
    (await taxonomy.categories.resolve(refs, { executor, field: 'categories' })).map((c) => c.id);

  async function createOne(trx: Executor, input: NewsletterCreateInput): Promise<Newsletter> {
    const now = clock.now();
    const slug =
      input.slug ??
      (await availableSlug({
        base: input.name,
        fallback: 'newsletter',
        isTaken: async (candidate) => (await repo.findBySlugs(trx, [candidate])).length > 0,
      }));
    const newsletter: Newsletter = {
      id: newId(),
      name: input.name,
      slug,
      description: '',
      categoryIds: await categoryIds(trx, input.categories ?? []),
      cadence: 'publish',
      sendHour: 7,
      sendWeekday: 1,
      tracksOpens: false,
      tracksClicks: false,
      position: 0,
      ...writableFields(input),
      createdAt: now,
      updatedAt: now,
    };
    await withSlugConflict('newsletter', newsletter.slug, () => repo.insert(trx, newsletter), {
      isDerived: !input.slug,
    });
    await audit.record({
      action: 'newsletter.created',
      target: { type: 'newsletter', id: newsletter.id },
      summary: { name: newsletter.name, slug: newsletter.slug, cadence: newsletter.cadence },
      executor: trx,
    });
    return newsletter;
  }

  return {
    async list(request: PageRequest): Promise<{ newsletters: Newsletter[]; pagination: Pagination }> {
      const [newsletters, total] = await Promise.all([
        repo.list(db, { limit: request.limit, offset: pageOffset(request) }),
        repo.count(db),
      ]);
      return { newsletters, pagination: paginationMeta(request, total) };
    },

    /** Every newsletter, in the order readers see them (position, then name). */
    listAll: (executor: Executor = db): Promise<Newsletter[]> => repo.all(executor),

    /** A newsletter by id or slug; 404 when there is none. */
    get: (ref: string, executor: Executor = db): Promise<Newsletter> => find(executor, ref),

    /**
     * Newsletters named by slug, in the order given and without repeats; an unknown slug is a 422 on
     * `field`, so a form or an import can point at what is wrong.
     */
    async findBySlugs(slugs: string[], field: string, executor: Executor = db): Promise<Newsletter[]> {
      const wanted = [...new Set(slugs.map(normaliseSlug))];
      const bySlug = new Map((await repo.findBySlugs(executor, wanted)).map((n) => [n.slug, n]));
      const unknown = wanted.find((slug) => !bySlug.has(slug));
      if (unknown !== undefined)
        throw ValidationError.field(field, 'UNKNOWN_NEWSLETTER', `There is no newsletter "${unknown}".`);
      return wanted.map((slug) => bySlug.get(slug) as Newsletter);
    },

    /** Confirmed subscribers of each newsletter, by newsletter id. */
    subscriberCounts: (ids: string[]): Promise<Map<string, number>> => repo.subscriberCounts(db, ids),

    /** Creates every newsletter of a request in one transaction: all of them or none. */
    async createMany(inputs: NewsletterCreateInput[]): Promise<Newsletter[]> {
      requirePermission('newsletters.manage');
      return retryDerivedSlug(() =>
        withTransaction(db, async (trx) => {
          const created: Newsletter[] = [];
          for (const input of inputs) created.push(await createOne(trx, input));
          return created;
        }),
      );
    },

    async update(ref: string, input: NewsletterUpdateInput): Promise<Newsletter> {
      requirePermission('newsletters.manage');
      return withTransaction(db, async (trx) => {
        const current = await find(trx, ref);
        const { categories, ...rest } = input;
        const next: Newsletter = {
          ...current,
          ...writableFields(rest),
          ...(categories ? { categoryIds: await categoryIds(trx, categories) } : {}),
          updatedAt: clock.now(),
        };
        await withSlugConflict('newsletter', next.slug, () => repo.update(trx, next));
        return next;
      });
    },

    /** Deletes a newsletter with its subscriptions and its sends (the readers themselves stay). */
    async remove(ref: string): Promise<void> {
      requirePermission('newsletters.manage');
      const newsletter = await find(db, ref);
      await withTransaction(db, async (trx) => {
        await repo.remove(trx, newsletter.id);
        await audit.record({
          action: 'newsletter.deleted',
          target: { type: 'newsletter', id: newsletter.id },
          summary: { name: newsletter.name, slug: newsletter.slug },
          executor: trx,
        });
      });
    },
  };
}
