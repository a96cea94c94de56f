import type { Dialect } from './connection.ts';

/**
 * Dialect value shapes in one place: SQLite stores ISO-8601 text ending in Z, 0/1 and JSON text;
 * PostgreSQL stores timestamptz, boolean and jsonb. Repositories convert at their edge.
 */
export const toDbTime = (dialect: Dialect, date: Date): Date | string =>
  dialect === 'sqlite' ? date.toISOString() : date;

export const toDbTimeOrNull = (dialect: Dialect, date: Date | null | undefined): Date | string | null =>
  date ? toDbTime(dialect, date) : null;

export function fromDbTime(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export const fromDbTimeOrNull = (value: Date | string | null): Date | null =>
  value === null ? null : fromDbTime(value);

export const toDbBool = (dialect: Dialect, value: boolean): boolean | number =>
  dialect === 'sqlite' ? (value ? 1 : 0) : value;

export const fromDbBool = (value: boolean | number): boolean => value === true || value === 1;

export const toDbJson = (value: unknown): string => JSON.stringify(value);

/** SQLite hands back JSON text; pg has already parsed jsonb, and a JSON string value stays a string. */
export const fromDbJson = (dialect: Dialect, value: unknown): unknown =>
  dialect === 'sqlite' && typeof value === 'string' ? JSON.parse(value) : value;
