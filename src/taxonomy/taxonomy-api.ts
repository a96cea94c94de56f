import type { FastifyInstance } from 'fastify';
import { registerCrudRoutes } from '../lib/http/crud-routes.ts';
import type { Urls } from '../site/urls.ts';
import { categoryCreateSchema, categoryUpdateSchema, tagCreateSchema, tagUpdateSchema } from './taxonomy.ts';
import { categoryJson, tagJson } from './taxonomy-json.ts';
import type { TaxonomyService } from './taxonomy-service.ts';

/** `/categories` and `/tags` for the Admin API (`isWritable`) or the Content API. */
export function registerTaxonomyApi(
  app: FastifyInstance,
  { taxonomy, urls, isWritable }: { taxonomy: TaxonomyService; urls: Urls; isWritable: boolean },
): void {
  const { categories, tags } = taxonomy;
  registerCrudRoutes(app, {
    key: 'categories',
    list: async (page) => {
      const result = await categories.list(page);
      return { items: result.categories, pagination: result.pagination };
    },
    get: categories.get,
    toJson: (category) => categoryJson(category, urls),
    ...(isWritable
      ? {
          createMany: categories.createMany,
          update: categories.update,
          remove: categories.remove,
          createSchema: categoryCreateSchema,
          updateSchema: categoryUpdateSchema,
        }
      : {}),
  });
  registerCrudRoutes(app, {
    key: 'tags',
    list: async (page) => {
      const result = await tags.list(page);
      return { items: result.tags, pagination: result.pagination };
    },
    get: tags.get,
    toJson: (tag) => tagJson(tag, urls),
    ...(isWritable
      ? {
          createMany: tags.createMany,
          update: tags.update,
          remove: tags.remove,
          createSchema: tagCreateSchema,
          updateSchema: tagUpdateSchema,
        }
      : {}),
  });
}
