import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { Newsletter } from '../newsletter.ts';

type Schedule = Pick<Newsletter, 'cadence' | 'sendHour' | 'sendWeekday'>;

/** A calendar day (month 1–12) and a time of day, as a clock on the wall of the timezone reads. */
type Wall = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
};

const HOUR = 3_600_000;

/** Building an Intl formatter costs far more than using one: keep one per timezone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What the wall clock of `timeZone` reads at an instant. */
function wallClock(instant: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second, ms: ((instant % 1000) + 1000) % 1000 };
}

/** A wall reading as if it were UTC: the arithmetic of calendar days without any zone. */
const asUtc = (w: Wall): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

/** The zone's offset from UTC at an instant, in milliseconds. */
const offsetAt = (instant: number, timeZone: string): number => asUtc(wallClock(instant, timeZone)) - instant;

/**
 * The instant at which the zone's wall clock reads `wall`. A reading that happens twice (clocks
 * going back) gives the first; one that never happens (clocks going forward) gives the moment just
 * after the gap, read with the offset from before it (02:30 on a spring-forward night is 03:30).
 */
function instantOf(wall: Wall, timeZone: string): number {
  const local = asUtc(wall);
  const candidates = [
    local - offsetAt(local - 24 * HOUR, timeZone),
    local - offsetAt(local + 24 * HOUR, timeZone),
  ];
  const matching = candidates.filter((instant) => asUtc(wallClock(instant, timeZone)) === local);
  return matching.length > 0 ? Math.min(...matching) : (candidates[0] as number);
}

/** The wall reading `days` calendar days later (or earlier), at midnight or at the time given. */
function shiftDays(wall: Wall, days: number, time: Partial<Wall> = {}): Wall {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    ...time,
  };
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day. */
const isoWeekday = (wall: Wall): number =>
  new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() || 7;

const periodDays = (newsletter: Schedule): number => {
  if (newsletter.cadence === 'publish')
    throw new Error('A newsletter sent on publish has no digest schedule: check its cadence first.');
  return newsletter.cadence === 'weekly' ? 7 : 1;
};

/**
 * The first digest time strictly after `after`: `sendHour`:00 in `timezone`, and for weekly
 * newsletters on `sendWeekday` (ISO 1 Monday … 7 Sunday). An hour skipped by a clock change is
 * sent just after the gap.
 *
 * @example
 * nextDigestAt({ cadence: 'daily', sendHour: 7, sendWeekday: 1 }, new Date('2026-03-02T09:00:00Z'), 'Asia/Tokyo');
 * // 2026-03-02T22:00:00.000Z (07:00 on 3 March in Tokyo)
 */
export function nextDigestAt(newsletter: Schedule, after: Date, timezone: string): Date {
  const days = periodDays(newsletter);
  const today = wallClock(after.getTime(), timezone);
  for (let offset = 0; offset <= 8; offset += 1) {
    const day = shiftDays(today, offset, { hour: newsletter.sendHour });
    if (days === 7 && isoWeekday(day) !== newsletter.sendWeekday) continue;
    const instant = instantOf(day, timezone);
    if (instant > after.getTime()) return new Date(instant);
  }
  throw new Error(`No digest time found after ${after.toISOString()} in ${timezone}.`);
}

/**
 * The period a digest sent at `at` covers: [at − 1 day, at) for daily, [at − 7 days, at) for weekly,
 * in calendar days of the timezone (so a period over a clock change lasts an hour more or less).
 * Consecutive digests cover consecutive periods, also when a clock change moved the send hour.
 *
 * @example
 * digestPeriod({ cadence: 'daily', sendHour: 7, sendWeekday: 1 }, new Date('2026-03-29T05:00:00Z'), 'Europe/Paris');
 * // { from: 2026-03-28T06:00:00.000Z, to: 2026-03-29T05:00:00.000Z } (23 hours)
 */
export function digestPeriod(newsletter: Schedule, at: Date, timezone: string): { from: Date; to: Date } {
  const days = periodDays(newsletter);
  const wall = wallClock(at.getTime(), timezone);
  const sendTime = { hour: newsletter.sendHour };
  // At the send hour shifted by a clock change (02:00 read as 03:00), the period starts at the send
  // hour of the earlier day, where the previous digest's period ended.
  const isSendTime = instantOf(shiftDays(wall, 0, sendTime), timezone) === at.getTime();
  const time = isSendTime
    ? sendTime
    : { hour: wall.hour, minute: wall.minute, second: wall.second, ms: wall.ms };
  return { from: new Date(instantOf(shiftDays(wall, -days, time), timezone)), to: at };
}

/**
 * The period's top articles: published articles with `published_at` in [from, to), in one of
 * `categoryIds` (any category when empty), leaving out those the editor kept out of email
 * (`send_email` false); featured first, then by approved comments, then newest. Article ids in order.
 *
 * @example
 * const ids = await selectDigestArticles(db, { categoryIds: [], from, to, limit: 10 });
 */
export async function selectDigestArticles(
  executor: Executor,
  options: { categoryIds: string[]; from: Date; to: Date; limit?: number },
): Promise<string[]> {
  const { categoryIds, from, to, limit = 10 } = options;
  // ISO text compares in order in SQLite's text column and is read as timestamptz by PostgreSQL.
  let query = executor
    .selectFrom('articles')
    .select((eb) => [
      'articles.id',
      eb
        .selectFrom('comments')
        .select(eb.fn.countAll().as('count'))
        .whereRef('comments.article_id', '=', 'articles.id')
        .where('comments.status', '=', 'approved')
        .as('comment_count'),
    ])
    .where('articles.kind', '=', 'article')
    .where('articles.status', '=', 'published')
    .where('articles.send_email', '=', sql.lit(true))
    .where('articles.published_at', '>=', from.toISOString())
    .where('articles.published_at', '<', to.toISOString());
  if (categoryIds.length > 0)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_categories')
          .select('article_categories.article_id')
          .whereRef('article_categories.article_id', '=', 'articles.id')
          .where('article_categories.category_id', 'in', categoryIds),
      ),
    );
  const rows = await query
    .orderBy('articles.is_featured', 'desc')
    .orderBy('comment_count', 'desc')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
