import { existsSync } from 'node:fs';
import path from 'node:path';

/** The shared fixtures folder (../shared/fixtures beside the repository), read in place, never copied. */
export const fixturesRoot = path.resolve(import.meta.dirname, '../../../shared/fixtures');

export function fixturePath(...parts: string[]): string {
  return path.join(fixturesRoot, ...parts);
}

export const hasFixtures = (...parts: string[]): boolean => existsSync(fixturePath(...parts));
