import type { FastifyInstance } from 'fastify';
import { registerCrudRoutes } from '../lib/http/crud-routes.ts';
import type { Urls } from '../site/urls.ts';
import { personCreateSchema, personUpdateSchema } from './person.ts';
import { personJson } from './person-json.ts';
import type { PersonService } from './person-service.ts';

/**
 * Authors for the Admin API (`isWritable`, at `/people` and `/authors`) or the Content API
 * (`/authors`, read-only).
 */
export function registerPersonApi(
  app: FastifyInstance,
  { people, urls, isWritable }: { people: PersonService; urls: Urls; isWritable: boolean },
): void {
  for (const key of isWritable ? ['people', 'authors'] : ['authors']) {
    registerCrudRoutes(app, {
      key,
      list: async (page) => {
        const result = await people.list(page);
        return { items: result.people, pagination: result.pagination };
      },
      get: people.get,
      toJson: (person) => personJson(person, urls),
      ...(isWritable
        ? {
            createMany: people.createMany,
            update: people.update,
            remove: people.remove,
            createSchema: personCreateSchema,
            updateSchema: personUpdateSchema,
          }
        : {}),
    });
  }
}
