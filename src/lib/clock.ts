/** Time as a dependency, so that tests decide what "now" is. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until told to move.
 *
 * @example
 * const clock = createFixedClock(new Date('2026-01-01T00:00:00Z'));
 * clock.advance(60_000);
 */
export function createFixedClock(
  start: Date,
): Clock & { set: (date: Date) => void; advance: (ms: number) => void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
