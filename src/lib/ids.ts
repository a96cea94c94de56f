import { v7 as uuidv7 } from 'uuid';

/** A new primary key: UUIDv7, time-ordered and safe to expose (DESIGN.md, Identifiers). */
export const newId = (): string => uuidv7();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);
