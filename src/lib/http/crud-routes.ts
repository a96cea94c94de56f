import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { PageRequest, Pagination } from '../pagination.ts';
import { parseEnvelope, parseListQuery, parseRef, parseSingle } from './request-input.ts';

export type CrudResource<T, C, U> = {
  /** URL segment and JSON envelope key, e.g. "tags". */
  key: string;
  list: (page: PageRequest) => Promise<{ items: T[]; pagination: Pagination }>;
  get: (ref: string) => Promise<T>;
  /** Creates every item of a request in one transaction: all or none. */
  createMany?: (inputs: C[]) => Promise<T[]>;
  update?: (ref: string, input: U) => Promise<T>;
  remove?: (ref: string) => Promise<void>;
  createSchema?: z.ZodType<C>;
  updateSchema?: z.ZodType<U>;
  toJson: (item: T) => unknown;
};

/**
 * The routes every named resource has: list and read (`/:ref`, `/slug/:slug`), and — when the
 * resource allows writing — create (201), update (PUT or PATCH, partial) and delete (204).
 *
 * @example
 * registerCrudRoutes(app, { key: 'tags', list, get, create, update, remove, createSchema, updateSchema, toJson });
 */
export function registerCrudRoutes<T, C, U>(app: FastifyInstance, resource: CrudResource<T, C, U>): void {
  const { key, toJson } = resource;
  const base = `/${key}`;

  app.get(base, async (request) => {
    const { page } = parseListQuery(request.query, { limit: 15 });
    const { items, pagination } = await resource.list(page);
    return { [key]: items.map(toJson), meta: { pagination } };
  });

  const readOne = async (ref: string) => ({ [key]: [toJson(await resource.get(ref))] });
  app.get<{ Params: { ref: string } }>(`${base}/:ref`, (request) => readOne(parseRef(request.params.ref)));
  app.get<{ Params: { slug: string } }>(`${base}/slug/:slug`, (request) =>
    readOne(parseRef(request.params.slug, 'slug')),
  );

  const { createMany, update, remove, createSchema, updateSchema } = resource;
  if (createMany && createSchema) {
    app.post(base, async (request, reply) => {
      const inputs = parseEnvelope(request.body, key, createSchema);
      const created = await createMany(inputs);
      return reply.code(201).send({ [key]: created.map(toJson) });
    });
  }
  if (update && updateSchema) {
    const handler = async (request: { params: { ref: string }; body: unknown }) => {
      const ref = parseRef(request.params.ref);
      const input = parseSingle(request.body, key, updateSchema);
      return { [key]: [toJson(await update(ref, input))] };
    };
    app.put<{ Params: { ref: string } }>(`${base}/:ref`, handler);
    app.patch<{ Params: { ref: string } }>(`${base}/:ref`, handler);
  }
  if (remove) {
    app.delete<{ Params: { ref: string } }>(`${base}/:ref`, async (request, reply) => {
      await remove(parseRef(request.params.ref));
      return reply.code(204).send();
    });
  }
}
