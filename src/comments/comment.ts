import { z } from 'zod';
import type { CommentReportReason, CommentStatus } from '../db/schema.ts';

export type { CommentReportReason, CommentStatus };
export const commentStatuses = ['pending', 'approved', 'spam', 'trash'] as const;
export const reportReasons = ['spam', 'abuse', 'off_topic', 'illegal'] as const;

/**
 * Why a comment was held or marked spam, recorded on the comment so moderators see it (the matched
 * word, the link count, … go in `holdDetail`).
 */
export type HoldReason =
  | 'first_time'
  | 'suspect_word'
  | 'too_many_links'
  | 'too_fast'
  | 'honeypot'
  | 'no_captcha'
  | 'captcha_unavailable'
  | 'akismet'
  | 'akismet_unavailable'
  | 'all_held';

/** A comment as readers see it: never the email or the IP hash. */
export type PublicComment = {
  id: string;
  articleId: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  status: CommentStatus;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  isStaff: boolean;
  isFeatured: boolean;
  isErased: boolean;
  createdAt: Date;
};

/** A comment as moderators see it. */
export type Comment = PublicComment & {
  authorEmail: string | null;
  body: string;
  ipHash: string | null;
  userAgent: string | null;
  holdReason: HoldReason | null;
  holdDetail: string | null;
  notifyReplies: boolean;
  reportCount: number;
  reportedAt: Date | null;
  updatedAt: Date;
  approvedAt: Date | null;
};

/** A thread as the article page shows it: a comment and its replies, oldest reply first. */
export type CommentNode = PublicComment & { replies: CommentNode[] };

/** Who is posting: read from the request by the route, hashed before it is stored. */
export type RequestOrigin = { ip: string; userAgent: string; referrer: string };

const words = z.array(z.string().trim().min(1).max(100)).max(500);

/** Comment rules the newsroom sets (Admin API `/api/admin/comments/settings`). */
export const commentSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  require_email: z.boolean(),
  max_depth: z.number().int().min(1).max(10),
  order: z.enum(['oldest', 'newest']),
  threads_per_page: z.number().int().min(1).max(200),
  close_after_days: z.number().int().min(0).max(36_500),
  hold_all: z.boolean(),
  hold_first_time: z.boolean(),
  approved_to_trust: z.number().int().min(1).max(100),
  honeypot: z.boolean(),
  min_seconds: z.number().int().min(0).max(3600),
  max_links: z.number().int().min(0).max(100),
  banned_words: words,
  suspect_words: words,
  duplicate_check: z.boolean(),
  ip_rate_limit: z.number().int().min(0).max(10_000),
  email_rate_limit: z.number().int().min(0).max(10_000),
  rate_window_minutes: z.number().int().min(1).max(1440),
  report_threshold: z.number().int().min(1).max(100),
  ip_retention_days: z.number().int().min(1).max(3650),
  moderator_emails: z.array(z.email()).max(50),
  akismet: z.boolean(),
});

export type CommentSettings = z.output<typeof commentSettingsSchema>;

export const defaultCommentSettings: CommentSettings = {
  enabled: true,
  require_email: true,
  max_depth: 5,
  order: 'oldest',
  threads_per_page: 50,
  close_after_days: 0,
  hold_all: false,
  hold_first_time: true,
  approved_to_trust: 1,
  honeypot: true,
  min_seconds: 3,
  max_links: 2,
  banned_words: [],
  suspect_words: [],
  duplicate_check: true,
  ip_rate_limit: 10,
  email_rate_limit: 10,
  rate_window_minutes: 10,
  report_threshold: 3,
  ip_retention_days: 30,
  moderator_emails: [],
  akismet: true,
};

export const commentSettingsUpdateSchema = commentSettingsSchema.partial();

/** The Admin API's moderation change: a status, an edited body, featured or not. */
export const commentUpdateSchema = z.strictObject({
  status: z.enum(commentStatuses).optional(),
  body: z.string().min(1).max(10_000).optional(),
  is_featured: z.boolean().optional(),
});

export const commentBulkSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(500),
  action: z.enum(['approve', 'pending', 'spam', 'trash', 'delete']),
});

export const staffReplySchema = z.strictObject({
  body: z.string().min(1).max(10_000),
  name: z.string().trim().min(1).max(80).optional(),
});

export const commentBanSchema = z.union([
  z.strictObject({ email: z.email(), reason: z.string().max(500).optional() }),
  z.strictObject({
    comment_id: z.uuid(),
    by: z.array(z.enum(['email', 'ip'])).min(1),
    reason: z.string().max(500).optional(),
  }),
]);

export const commentReportSchema = z.strictObject({
  reason: z.enum(reportReasons),
  note: z.string().max(1000).optional(),
});
