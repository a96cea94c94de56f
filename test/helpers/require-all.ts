import type { TestContext } from 'node:test';

/** True when CI asks that nothing be skipped (MASTHEAD_REQUIRE_ALL=1). */
export const isRequireAll = (): boolean => process.env.MASTHEAD_REQUIRE_ALL === '1';

/**
 * Skips the test with one line naming what is missing — or fails it when
 * MASTHEAD_REQUIRE_ALL=1, so that CI never counts a skip as a pass.
 *
 * @example
 * if (skipUnless(t, existsSync(dir), `../shared/fixtures missing at ${dir}`)) return;
 */
export function skipUnless(t: TestContext, isAvailable: boolean, reason: string): boolean {
  if (isAvailable) return false;
  if (isRequireAll()) throw new Error(`MASTHEAD_REQUIRE_ALL=1 but ${reason}`);
  console.log(`skipped: ${reason}`);
  t.skip(reason);
  return true;
}
