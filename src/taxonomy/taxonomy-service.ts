import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import { isForeignKeyViolation } from '../db/constraint-errors.ts';
import { type Executor, withTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { createEntityCache, createListCache } from '../lib/entity-cache.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import type { EventBus } from '../lib/events.ts';
import { isUuid, newId } from '../lib/ids.ts';
import { type PageRequest, type Pagination, pageOffset, paginationMeta } from '../lib/pagination.ts';
import { normaliseSlug, slugify } from '../lib/slug.ts';
import { availableSlug, retryDerivedSlug, withSlugConflict } from '../lib/unique-slug.ts';
import type {
  Category,
  CategoryCreateInput,
  CategoryUpdateInput,
  Tag,
  TagCreateInput,
  TagUpdateInput,
} from './taxonomy.ts';
import { createTaxonomyRepository } from './taxonomy-repository.ts';

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;

type Reads<T> = {
  findById: (db: Executor, id: string) => Promise<T | undefined>;
  findBySlugs: (db: Executor, slugs: string[]) => Promise<T[]>;
  findByIds: (db: Executor, ids: string[]) => Promise<T[]>;
};

async function findRef<T>(reads: Reads<T>, db: Executor, ref: string): Promise<T | undefined> {
  return isUuid(ref) ? reads.findById(db, ref) : (await reads.findBySlugs(db, [normaliseSlug(ref)]))[0];
}

/** Sections (hierarchical categories) and tags, and the rules that keep the tree a tree. */
export function createTaxonomyService({
  database,
  clock,
  events,
}: {
  database: Database;
  clock: Clock;
  events: EventBus;
}) {
  const { db } = database;
  const repo = createTaxonomyRepository({ dialect: database.dialect });
  // Every page shows the sections and most show tags: both stay in memory until they change.
  const sections = createListCache(() => repo.categories.all(db));
  const knownTags = createEntityCache<Tag>({ maxEntries: 10_000 });
  events.on('category.changed', () => sections.clear());
  events.on('tag.changed', ({ id }) => knownTags.forget(id));

  /** A committed category by id or slug from memory; the database answers what memory lacks. */
  async function findCategory(ref: string): Promise<Category | undefined> {
    const slug = isUuid(ref) ? null : normaliseSlug(ref);
    const known = (await sections.all()).find((c) => (slug === null ? c.id === ref : c.slug === slug));
    return known ?? findRef(repo.categories, db, ref);
  }

  async function getTag(executor: Executor, ref: string): Promise<Tag> {
    const tag = await findRef(repo.tags, executor, ref);
    if (!tag) throw new NotFoundError('tag');
    return tag;
  }

  async function getCategory(executor: Executor, ref: string): Promise<Category> {
    const category = await findRef(repo.categories, executor, ref);
    if (!category) throw new NotFoundError('category');
    return category;
  }

  async function resolveParent(executor: Executor, ref: string | null | undefined): Promise<Category | null> {
    if (ref === null || ref === undefined) return null;
    const parent = await findRef(repo.categories, executor, ref);
    if (!parent)
      throw ValidationError.field(
        'parent',
        'UNKNOWN_CATEGORY',
        `There is no category "${ref}" to nest under.`,
      );
    return parent;
  }

  /** Inside a transaction, pass it: on SQLite a query outside it would wait for it forever. */
  const freeSlug = (executor: Executor, table: Reads<unknown>, base: string, fallback: string) =>
    availableSlug({
      base,
      fallback,
      isTaken: async (slug) => (await table.findBySlugs(executor, [slug])).length > 0,
    });

  function newTag(input: TagCreateInput, slug: string): Tag {
    const now = clock.now();
    return {
      id: newId(),
      name: input.name,
      slug,
      description: input.description ?? '',
      createdAt: now,
      updatedAt: now,
    };
  }

  async function createTags(inputs: TagCreateInput[]): Promise<Tag[]> {
    requirePermission('tags.create');
    const tags = await retryDerivedSlug(() =>
      withTransaction(db, async (trx) => {
        const created: Tag[] = [];
        for (const input of inputs) {
          const tag = newTag(input, input.slug ?? (await freeSlug(trx, repo.tags, input.name, 'tag')));
          await withSlugConflict('tag', tag.slug, () => repo.tags.insert(trx, tag), {
            isDerived: !input.slug,
          });
          created.push(tag);
        }
        return created;
      }),
    );
    for (const tag of tags) events.emit('tag.changed', { id: tag.id });
    return tags;
  }

  async function createCategories(inputs: CategoryCreateInput[]): Promise<Category[]> {
    requirePermission('taxonomy.write');
    const categories = await retryDerivedSlug(() =>
      withTransaction(db, async (trx) => {
        const created: Category[] = [];
        for (const input of inputs) {
          const parent = await resolveParent(trx, input.parent);
          const category: Category = {
            ...newTag(input, input.slug ?? (await freeSlug(trx, repo.categories, input.name, 'category'))),
            parentId: parent?.id ?? null,
          };
          await withSlugConflict('category', category.slug, () => repo.categories.insert(trx, category), {
            isDerived: !input.slug,
          });
          created.push(category);
        }
        return created;
      }),
    );
    for (const category of categories) events.emit('category.changed', { id: category.id });
    return categories;
  }

  return {
    tags: {
      async list(request: PageRequest): Promise<{ tags: Tag[]; pagination: Pagination }> {
        const [tags, total] = await Promise.all([
          repo.tags.list(db, { limit: request.limit, offset: pageOffset(request) }),
          repo.tags.count(db),
        ]);
        return { tags, pagination: paginationMeta(request, total) };
      },
      get: (ref: string) => getTag(db, ref),
      findByIds: (ids: string[], executor: Executor = db): Promise<Tag[]> =>
        executor === db
          ? knownTags.findByIds(ids, (missing) => repo.tags.findByIds(db, missing))
          : repo.tags.findByIds(executor, ids),

      create: async (input: TagCreateInput): Promise<Tag> => (await createTags([input]))[0] as Tag,
      /** Creates several tags in one transaction: all of them or none. */
      createMany: createTags,

      /**
       * Tags named on an article: each name or slug is matched by its slug, and the missing ones are
       * created, as a newsroom expects when it types a new tag into the editor.
       */
      async resolveOrCreate(names: string[], executor: Executor): Promise<Tag[]> {
        const wanted = names.map((name) => ({ name: name.trim(), slug: slugify(name) }));
        const bad = wanted.findIndex((tag) => tag.slug === '');
        if (bad >= 0)
          throw ValidationError.field(
            `tags[${bad}]`,
            'INVALID_TAG',
            'A tag needs at least one letter or digit.',
          );
        const slugs = [...new Set(wanted.map((t) => t.slug))];
        const known = new Set((await repo.tags.findBySlugs(executor, slugs)).map((t) => t.slug));
        // Naming a tag that does not exist yet creates it: only those allowed to create tags may.
        if (slugs.some((slug) => !known.has(slug))) requirePermission('tags.create');
        for (const { name, slug } of wanted) {
          if (known.has(slug)) continue;
          await repo.tags.insertIfAbsent(executor, newTag({ name }, slug));
          known.add(slug);
        }
        const bySlug = new Map((await repo.tags.findBySlugs(executor, slugs)).map((t) => [t.slug, t]));
        return slugs.map((slug) => bySlug.get(slug) as Tag);
      },

      async update(ref: string, input: TagUpdateInput): Promise<Tag> {
        requirePermission('taxonomy.write');
        const tag = await withTransaction(db, async (trx) => {
          const current = await getTag(trx, ref);
          const next: Tag = { ...current, ...definedFields(input), updatedAt: clock.now() };
          await withSlugConflict('tag', next.slug, () => repo.tags.update(trx, next));
          return next;
        });
        events.emit('tag.changed', { id: tag.id });
        return tag;
      },

      async remove(ref: string): Promise<void> {
        requirePermission('taxonomy.write');
        const tag = await getTag(db, ref);
        await repo.tags.remove(db, tag.id);
        events.emit('tag.changed', { id: tag.id });
      },
    },

    categories: {
      async list(request: PageRequest): Promise<{ categories: Category[]; pagination: Pagination }> {
        const [categories, total] = await Promise.all([
          repo.categories.list(db, { limit: request.limit, offset: pageOffset(request) }),
          repo.categories.count(db),
        ]);
        return { categories, pagination: paginationMeta(request, total) };
      },
      all: (): Promise<Category[]> => sections.all(),
      async get(ref: string): Promise<Category> {
        const category = await findCategory(ref);
        if (!category) throw new NotFoundError('category');
        return category;
      },
      async findByIds(ids: string[], executor: Executor = db): Promise<Category[]> {
        if (executor !== db) return repo.categories.findByIds(executor, ids);
        const wanted = new Set(ids);
        const known = (await sections.all()).filter((c) => wanted.has(c.id));
        for (const c of known) wanted.delete(c.id);
        return wanted.size === 0 ? known : [...known, ...(await repo.categories.findByIds(db, [...wanted]))];
      },

      /** The category and every category below it, for archives that include sub-sections. */
      async descendantIds(id: string, executor: Executor = db): Promise<string[]> {
        return collectDescendants(
          executor === db ? await sections.all() : await repo.categories.all(executor),
          id,
        );
      },

      /** Categories named on an article, in order; each must exist. */
      async resolve(refs: string[], options: { executor: Executor; field: string }): Promise<Category[]> {
        const result: Category[] = [];
        for (const [index, ref] of refs.entries()) {
          const category = await findRef(repo.categories, options.executor, ref);
          if (!category) {
            throw ValidationError.field(
              refs.length === 1 && !options.field.endsWith('s')
                ? options.field
                : `${options.field}[${index}]`,
              'UNKNOWN_CATEGORY',
              `There is no category "${ref}".`,
            );
          }
          if (!result.some((c) => c.id === category.id)) result.push(category);
        }
        return result;
      },

      create: async (input: CategoryCreateInput): Promise<Category> =>
        (await createCategories([input]))[0] as Category,
      /** Creates several categories in one transaction (a parent may come earlier in the same batch). */
      createMany: createCategories,

      async update(ref: string, input: CategoryUpdateInput): Promise<Category> {
        requirePermission('taxonomy.write');
        const category = await withTransaction(db, async (trx) => {
          const current = await getCategory(trx, ref);
          const { parent: parentRef, ...rest } = input;
          let parentId = current.parentId;
          if (parentRef !== undefined) {
            const parent = await resolveParent(trx, parentRef);
            parentId = parent?.id ?? null;
            if (
              parentId &&
              collectDescendants(await repo.categories.all(trx), current.id).includes(parentId)
            ) {
              throw ValidationError.field(
                'parent',
                'CATEGORY_CYCLE',
                'A category cannot be nested under itself or one of its own sub-categories.',
              );
            }
          }
          const next: Category = { ...current, ...definedFields(rest), parentId, updatedAt: clock.now() };
          await withSlugConflict('category', next.slug, () => repo.categories.update(trx, next));
          return next;
        });
        events.emit('category.changed', { id: category.id });
        return category;
      },

      async remove(ref: string): Promise<void> {
        requirePermission('taxonomy.write');
        const category = await getCategory(db, ref);
        const hasChildren = () =>
          new ConflictError(
            'CATEGORY_HAS_CHILDREN',
            'Move or delete its sub-categories before deleting this category.',
          );
        if (await repo.categories.hasChildren(db, category.id)) throw hasChildren();
        try {
          await repo.categories.remove(db, category.id);
        } catch (error) {
          // A sub-category created since the check above: the foreign key refuses the delete.
          if (isForeignKeyViolation(error)) throw hasChildren();
          throw error;
        }
        events.emit('category.changed', { id: category.id });
      },
    },
  };
}

function collectDescendants(all: Category[], rootId: string): string[] {
  const result = [rootId];
  for (let i = 0; i < result.length; i += 1) {
    for (const category of all)
      if (category.parentId === result[i] && !result.includes(category.id)) result.push(category.id);
  }
  return result;
}

function definedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
