/** A reader's report on a comment, as the Admin API lists it. */
export type CommentReport = { reason: string; note: string; created_at: string };

/** A comment as moderators get it from `GET /api/admin/comments` (comment-json.ts on the server). */
export type ModeratedComment = {
  id: string;
  article_id: string;
  parent_id: string | null;
  status: 'pending' | 'approved' | 'spam' | 'trash';
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  ip_hash: string | null;
  body: string;
  hold_reason: string | null;
  hold_detail: string | null;
  is_staff: boolean;
  is_featured: boolean;
  report_count: number;
  reported_at: string | null;
  created_at: string;
  reports: CommentReport[];
};

export type Pagination = {
  page: number;
  pages: number;
  total: number;
  next: number | null;
  prev: number | null;
};

/** The queues the API lists (`reported` is approved comments readers reported past the threshold). */
export const queues = ['pending', 'reported', 'spam', 'approved', 'trash'] as const;
export type Queue = (typeof queues)[number];

/** The views of the screen: the queues, and the list of bans. */
export type View = Queue | 'bans';

export const isQueue = (value: string | null): value is Queue =>
  (queues as readonly string[]).includes(value ?? '');

/** What one button does to a comment; the keyboard's a/r/s run the first three. */
export type Decision = 'approve' | 'reject' | 'spam';

/** The status each decision gives a comment (the API's vocabulary: reject = trash). */
export const decisionStatus: Record<Decision, ModeratedComment['status']> = {
  approve: 'approved',
  reject: 'trash',
  spam: 'spam',
};

export const decisionKeys: Record<Decision, string> = { approve: 'a', reject: 'r', spam: 's' };

/**
 * The decisions that change something in a queue: nothing approves what is approved (a reported
 * comment can be approved: that settles its reports), rejects what is in the trash, or marks spam twice.
 *
 * @example
 * decisionsFor('trash') // ['approve', 'spam']
 */
export function decisionsFor(queue: Queue): Decision[] {
  return (['approve', 'reject', 'spam'] as const).filter(
    (decision) => queue === 'reported' || decisionStatus[decision] !== queue,
  );
}

/** Bulk actions of `POST /api/admin/comments/bulk` offered in a queue. */
export type BulkAction = 'approve' | 'spam' | 'trash' | 'delete';

export function bulkActionsFor(queue: Queue): BulkAction[] {
  const actions: BulkAction[] = [];
  if (queue !== 'approved') actions.push('approve');
  if (queue !== 'spam') actions.push('spam');
  if (queue !== 'trash') actions.push('trash');
  if (queue === 'spam' || queue === 'trash') actions.push('delete');
  return actions;
}

/** A comment ban as `GET /api/admin/comments/bans` lists it. */
export type CommentBan = {
  id: string;
  kind: 'email' | 'ip';
  value: string;
  reason: string;
  created_at: string;
};

/** The article a comment belongs to, as far as the queue shows it. */
export type ArticleRef = { id: string; title: string; url: string };
