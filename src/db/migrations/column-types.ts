import { type ColumnDataType, type Expression, sql } from 'kysely';
import type { Dialect } from '../connection.ts';

/** The column types that differ between the two dialects, side by side. */
export type ColumnTypes = {
  id: ColumnDataType;
  time: ColumnDataType;
  bool: ColumnDataType;
  json: ColumnDataType | Expression<unknown>;
};

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === 'sqlite'
    ? { id: 'text', time: 'text', bool: 'integer', json: 'text' }
    : { id: 'uuid', time: 'timestamptz', bool: 'boolean', json: sql`jsonb` };
}
