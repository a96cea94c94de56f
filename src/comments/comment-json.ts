import type { Comment, PublicComment } from './comment.ts';

/** A comment in the public JSON API: what readers see, never the email or the IP hash. */
export const publicCommentJson = (comment: PublicComment, url?: string) => ({
  id: comment.id,
  article_id: comment.articleId,
  parent_id: comment.parentId,
  depth: comment.depth,
  status: comment.status === 'approved' ? 'approved' : 'pending',
  author_name: comment.authorName,
  author_url: comment.authorUrl,
  body_html: comment.bodyHtml,
  is_staff: comment.isStaff,
  is_featured: comment.isFeatured,
  created_at: comment.createdAt.toISOString(),
  ...(url ? { url } : {}),
});

/** A comment for moderators, with why it was held and what readers reported. */
export const moderationCommentJson = (
  comment: Comment & { reports?: { reason: string; note: string; createdAt: Date }[] },
) => ({
  ...publicCommentJson(comment),
  status: comment.status,
  author_email: comment.authorEmail,
  ip_hash: comment.ipHash,
  user_agent: comment.userAgent,
  body: comment.body,
  hold_reason: comment.holdReason,
  hold_detail: comment.holdDetail,
  notify_replies: comment.notifyReplies,
  report_count: comment.reportCount,
  reported_at: comment.reportedAt?.toISOString() ?? null,
  is_erased: comment.isErased,
  updated_at: comment.updatedAt.toISOString(),
  approved_at: comment.approvedAt?.toISOString() ?? null,
  reports: (comment.reports ?? []).map((report) => ({
    reason: report.reason,
    note: report.note,
    created_at: report.createdAt.toISOString(),
  })),
});
