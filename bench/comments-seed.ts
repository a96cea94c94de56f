import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import { renderCommentBody } from '../src/comments/comment-text.ts';
import type { CommentTable } from '../src/db/schema.ts';
import { withTransaction } from '../src/db/transaction.ts';
import { toDbBool, toDbTime } from '../src/db/values.ts';
import { newId } from '../src/lib/ids.ts';
import type { Masthead } from '../src/masthead.ts';
import { sentence } from './seed.ts';

const BATCH = 400;
/** Approved comments on the benchmark's busy article. */
export const LONG_THREAD_COMMENTS = 500;
/** Addresses of readers who already have approved comments: their new comments skip first-time hold. */
export const RETURNING_READERS = 2000;
export const returningEmail = (n: number) => `reader-${n % RETURNING_READERS}@readers.example`;

export type SeededComments = {
  /** Comments inserted in all (background + the long thread + reply targets). */
  total: number;
  /** Articles that readers post to in the submission run, each with approved comments to reply to. */
  targets: { articleId: string; parentIds: string[] }[];
};

/** A comment body in the markdown-lite readers write: paragraphs, emphasis, a quote, now and then a link. */
export function commentBody(seed: number): string {
  const parts = [sentence(seed, 12 + (seed % 30))];
  if (seed % 3 === 0) parts.push(`> ${sentence(seed + 1, 8)}`);
  if (seed % 4 === 1) parts.push(`I *really* think ${sentence(seed + 2, 10).toLowerCase()}`);
  if (seed % 7 === 2) parts.push(`More at https://example.org/notes/${seed} for anyone curious.`);
  return parts.join('\n\n');
}

type Row = Insertable<CommentTable>;

function rowFor(
  masthead: Masthead,
  c: {
    articleId: string;
    parent: Row | null;
    seed: number;
    at: Date;
    status?: Row['status'];
    isFeatured?: boolean;
    isStaff?: boolean;
  },
): Row {
  const { dialect } = masthead.database;
  const id = newId();
  const body = commentBody(c.seed);
  const status = c.status ?? 'approved';
  const at = toDbTime(dialect, c.at);
  return {
    id,
    article_id: c.articleId,
    parent_id: c.parent?.id ?? null,
    root_id: c.parent?.root_id ?? id,
    depth: c.parent ? (c.parent.depth ?? 0) + 1 : 0,
    status,
    hold_reason: status === 'pending' ? 'first_time' : null,
    hold_detail: null,
    author_name: c.isStaff ? 'The Newsroom' : `Reader ${c.seed % 5000}`,
    author_email: returningEmail(c.seed),
    author_url: c.seed % 5 === 0 ? `https://blog.example/${c.seed}` : null,
    ip_hash: randomBytes(24).toString('base64url'),
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    body,
    body_html: renderCommentBody(body),
    is_staff: toDbBool(dialect, c.isStaff ?? false),
    is_featured: toDbBool(dialect, c.isFeatured ?? false),
    notify_replies: toDbBool(dialect, c.seed % 4 === 0),
    created_at: at,
    updated_at: at,
    approved_at: status === 'approved' ? at : null,
  };
}

/**
 * `count` approved comments on one article in threads of 1 to 8 comments (replies up to depth 4,
 * a staff reply now and then, two featured comments): what a busy story gathers.
 */
export function longThread(masthead: Masthead, articleId: string, count: number, start: Date): Row[] {
  const sizes = [1, 3, 6, 2, 8];
  const rows: Row[] = [];
  let minute = 0;
  for (let thread = 0; rows.length < count; thread += 1) {
    const at = () => {
      minute += 1;
      return new Date(start.getTime() + minute * 60_000);
    };
    const root = rowFor(masthead, {
      articleId,
      parent: null,
      seed: 100_000 + rows.length,
      at: at(),
      isFeatured: thread === 3 || thread === 40,
    });
    rows.push(root);
    let previous = root;
    const size = sizes[thread % sizes.length] as number;
    for (let j = 1; j < size && rows.length < count; j += 1) {
      const parent = j % 3 === 0 || (previous.depth ?? 0) >= 4 ? root : previous;
      previous = rowFor(masthead, {
        articleId,
        parent,
        seed: 100_000 + rows.length,
        at: at(),
        isStaff: rows.length % 20 === 0,
      });
      rows.push(previous);
    }
  }
  return rows;
}

async function insertAll(masthead: Masthead, rows: Row[]): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const batch = rows.slice(offset, offset + BATCH);
    await withTransaction(masthead.database.db, (trx) => trx.insertInto('comments').values(batch).execute());
  }
}

/**
 * Fills the comments table around a seeded archive: `background` comments over the older articles
 * (mostly approved, some pending or spam, from a pool of returning readers, over the past 30 days),
 * `longThreadCount` approved comments on `longThreadArticleId`, and five approved comments on each
 * target article for the submission run to reply to.
 */
export async function seedComments(
  masthead: Masthead,
  options: {
    articleIds: string[];
    background: number;
    longThreadArticleId: string;
    longThreadCount: number;
    targetArticleIds: string[];
  },
): Promise<SeededComments> {
  const now = Date.now();
  const rows: Row[] = [];
  const pool = options.articleIds;
  for (let i = 0; i < options.background; i += 1) {
    // Four comments an article: a thread of three (root, reply, reply to the reply) and one alone.
    const articleId = pool[(Math.floor(i / 4) * 7919) % pool.length] as string;
    const position = i % 4;
    const parent = position === 1 ? rows[i - 1] : position === 3 ? rows[i - 2] : undefined;
    const status =
      position >= 2 && i % 20 >= 18 ? 'spam' : position >= 2 && i % 10 >= 8 ? 'pending' : 'approved';
    const at = new Date(now - 30 * 86_400_000 + Math.floor((i / options.background) * 29 * 86_400_000));
    rows.push(rowFor(masthead, { articleId, parent: parent ?? null, seed: i, at, status }));
  }
  const threadStart = new Date(now - 2 * 86_400_000);
  rows.push(...longThread(masthead, options.longThreadArticleId, options.longThreadCount, threadStart));
  const targets = options.targetArticleIds.map((articleId, t) => {
    const parents = Array.from({ length: 5 }, (_, k) =>
      rowFor(masthead, {
        articleId,
        parent: null,
        seed: 200_000 + t * 5 + k,
        at: new Date(now - 3_600_000 + k * 60_000),
      }),
    );
    rows.push(...parents);
    return { articleId, parentIds: parents.map((p) => p.id as string) };
  });
  await insertAll(masthead, rows);
  return { total: rows.length, targets };
}
