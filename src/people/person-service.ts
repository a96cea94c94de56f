import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { createEntityCache } from '../lib/entity-cache.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import type { EventBus } from '../lib/events.ts';
import { isUuid, newId } from '../lib/ids.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import { normaliseSlug } from '../lib/slug.ts';
import { availableSlug, retryDerivedSlug, withSlugConflict } from '../lib/unique-slug.ts';
import type { Person, PersonCreateInput, PersonUpdateInput } from './person.ts';
import { createPersonRepository } from './person-repository.ts';

export type PersonService = ReturnType<typeof createPersonService>;

/** Authors: the rules for creating, renaming and removing the people in bylines. */
export function createPersonService({
  database,
  clock,
  events,
}: {
  database: Database;
  clock: Clock;
  events: EventBus;
}) {
  const { db } = database;
  const repo = createPersonRepository({ dialect: database.dialect });
  // Bylines are on every article page: the people in them stay in memory until they change.
  const known = createEntityCache<Person>({ maxEntries: 10_000 });
  events.on('person.changed', ({ id }) => known.forget(id));

  async function getOrThrow(executor: Executor, idOrSlug: string): Promise<Person> {
    const person = isUuid(idOrSlug)
      ? await repo.findById(executor, idOrSlug)
      : (await repo.findBySlugs(executor, [normaliseSlug(idOrSlug)]))[0];
    if (!person) throw new NotFoundError('author');
    return person;
  }

  async function insertPerson(executor: Executor, input: PersonCreateInput): Promise<Person> {
    const now = clock.now();
    const slug =
      input.slug ??
      (await availableSlug({
        base: input.name,
        fallback: 'author',
        isTaken: async (candidate) => (await repo.findBySlugs(executor, [candidate])).length > 0,
      }));
    const person: Person = {
      id: newId(),
      name: input.name,
      slug,
      bio: input.bio ?? '',
      avatarUrl: input.avatar_url ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await withSlugConflict('author', slug, () => repo.insert(executor, person), { isDerived: !input.slug });
    return person;
  }

  async function createMany(inputs: PersonCreateInput[]): Promise<Person[]> {
    requirePermission('people.write');
    const people = await retryDerivedSlug(() =>
      withTransaction(db, async (trx) => {
        const created: Person[] = [];
        for (const input of inputs) created.push(await insertPerson(trx, input));
        return created;
      }),
    );
    for (const person of people) events.emit('person.changed', { id: person.id });
    return people;
  }

  return {
    async list(request: PageRequest): Promise<{ people: Person[]; pagination: Pagination }> {
      const [people, total] = await Promise.all([
        repo.list(db, { limit: request.limit, offset: pageOffset(request) }),
        repo.count(db),
      ]);
      return { people, pagination: paginationMeta(request, total) };
    },

    get: (idOrSlug: string): Promise<Person> => getOrThrow(db, idOrSlug),

    /** People by id, in any order; for other services composing bylines. */
    findByIds: (ids: string[], executor: Executor = db): Promise<Person[]> =>
      executor === db
        ? known.findByIds(ids, (missing) => repo.findByIds(db, missing))
        : repo.findByIds(executor, ids),

    /**
     * Resolves byline references (slugs or ids) in the given order, failing with the field named
     * when one does not exist.
     */
    async resolve(refs: string[], options: { executor?: Executor; field: string }): Promise<Person[]> {
      const executor = options.executor ?? db;
      const keys = refs.map((ref) => (isUuid(ref) ? ref.toLowerCase() : normaliseSlug(ref)));
      const bySlug = await repo.findBySlugs(
        executor,
        keys.filter((key) => !isUuid(key)),
      );
      const byId = await repo.findByIds(executor, keys.filter(isUuid));
      const found = new Map([
        ...bySlug.map((p) => [p.slug, p] as const),
        ...byId.map((p) => [p.id, p] as const),
      ]);
      const missing = keys.findIndex((key) => !found.has(key));
      if (missing >= 0) {
        throw ValidationError.field(
          `${options.field}[${missing}]`,
          'UNKNOWN_AUTHOR',
          `There is no author "${refs[missing]}".`,
        );
      }
      // A person named twice (by slug and by id, say) appears once, where first named.
      const byIdOrder = new Map(keys.map((key) => found.get(key) as Person).map((p) => [p.id, p] as const));
      return [...byIdOrder.values()];
    },

    create: async (input: PersonCreateInput): Promise<Person> => (await createMany([input]))[0] as Person,

    /** Creates several people in one transaction: all of them or none. */
    createMany,

    async update(idOrSlug: string, input: PersonUpdateInput): Promise<Person> {
      requirePermission('people.write');
      const person = await withTransaction(db, async (trx) => {
        const current = await getOrThrow(trx, idOrSlug);
        const next: Person = {
          ...current,
          name: input.name ?? current.name,
          slug: input.slug ?? current.slug,
          bio: input.bio ?? current.bio,
          avatarUrl: input.avatar_url === undefined ? current.avatarUrl : input.avatar_url,
          updatedAt: clock.now(),
        };
        await withSlugConflict('author', next.slug, () => repo.update(trx, next));
        return next;
      });
      events.emit('person.changed', { id: person.id });
      return person;
    },

    async remove(idOrSlug: string): Promise<void> {
      requirePermission('people.write');
      const person = await getOrThrow(db, idOrSlug);
      await repo.remove(db, person.id);
      events.emit('person.changed', { id: person.id });
    },
  };
}
