import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './transaction.ts';

/** Stands for the value at `index` while the query is built; never reaches the database. */
const marker = (index: number) => `\u0000masthead-value-${index}`;
/** The most values a prepared read takes. */
export const MAX_PREPARED_VALUES = 16;
const markerIndex = new Map(Array.from({ length: MAX_PREPARED_VALUES }, (_, i) => [marker(i), i]));

/** A read whose SQL is always the same, run with new values. */
export type PreparedRead<Values extends unknown[], Row> = (
  executor: Executor,
  ...values: Values
) => Promise<Row[]>;

/**
 * A read of a fixed shape, built and compiled by Kysely once and from then on sent with new values
 * only. Building and compiling a query costs more JavaScript than SQLite takes to run a small
 * one, and the pages readers ask for most run the same few reads on every request.
 *
 * `build` is called once, with a placeholder for each value, so it may pass the values to Kysely
 * (where, limit, offset) but not look at them: a value decides nothing about the query's shape.
 * Lists of varying length change the SQL and do not belong here. The compiled SQL is that of the
 * first executor's dialect: create a prepared read per database, in a repository's factory.
 *
 * @example
 * const bySlug = preparedRead((db, kind: ArticleKind, slug: string) =>
 *   db.selectFrom('articles').selectAll().where('kind', '=', kind).where('slug', '=', slug));
 * const [row] = await bySlug(db, 'article', 'harbour-opens');
 */
export function preparedRead<Values extends unknown[], Row>(
  build: (db: Executor, ...values: Values) => Compilable<Row>,
): PreparedRead<Values, Row> {
  let compiled: CompiledQuery<Row> | undefined;
  let slots: number[] = [];

  const compile = (executor: Executor, arity: number): CompiledQuery<Row> => {
    if (arity > MAX_PREPARED_VALUES)
      throw new Error(`preparedRead: ${arity} values, more than ${MAX_PREPARED_VALUES}`);
    const placeholders = Array.from({ length: arity }, (_, i) => marker(i)) as Values;
    const query = build(executor, ...placeholders).compile();
    slots = query.parameters.map((value) =>
      typeof value === 'string' ? (markerIndex.get(value) ?? -1) : -1,
    );
    const used = new Set(slots);
    const unused = placeholders.findIndex((_, i) => !used.has(i));
    if (unused >= 0)
      throw new Error(`preparedRead: value ${unused} is not a parameter of ${query.sql}; was it inspected?`);
    return query;
  };

  return async (executor, ...values) => {
    compiled ??= compile(executor, values.length);
    const fixed = compiled.parameters;
    const parameters = slots.map((slot, i) => (slot >= 0 ? values[slot] : fixed[i]));
    return (await executor.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
