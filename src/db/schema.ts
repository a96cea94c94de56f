import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Values cross the wire in either dialect's shape (SQLite: ISO text,
 * 0/1, JSON text; PostgreSQL: Date, boolean, jsonb); repositories normalise them with
 * `db/values.ts` so that no dialect shape leaks upward.
 */
export type DbTime = ColumnType<Date | string, Date | string, Date | string>;
export type DbBool = ColumnType<boolean | number, boolean | number, boolean | number>;
export type DbJson = ColumnType<unknown, string, string>;

export type ArticleKind = 'article' | 'page';
export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';

export type ArticleTable = {
  id: string;
  kind: ArticleKind;
  title: string;
  slug: string;
  standfirst: string;
  body_html: string;
  body_text: string;
  status: ArticleStatus;
  published_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
  language: string;
  featured_image_url: string | null;
  featured_image_alt: string | null;
  featured_image_caption: string | null;
  featured_image_credit: string | null;
  seo_title: string | null;
  seo_description: string | null;
  canonical_url: string | null;
  is_featured: DbBool;
  comments_open: DbBool;
  send_email: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  primary_category_id: string | null;
  revision: number;
  /** The staff member who created it (migration 009); null for tokens, the CLI and imports. */
  created_by: string | null;
};

export type PersonTable = {
  id: string;
  name: string;
  slug: string;
  bio: string;
  avatar_url: string | null;
  created_at: DbTime;
  updated_at: DbTime;
};

export type CategoryTable = {
  id: string;
  name: string;
  slug: string;
  description: string;
  parent_id: string | null;
  created_at: DbTime;
  updated_at: DbTime;
};

export type TagTable = {
  id: string;
  name: string;
  slug: string;
  description: string;
  created_at: DbTime;
  updated_at: DbTime;
};

export type ArticleAuthorTable = { article_id: string; person_id: string; position: number };
export type ArticleCategoryTable = { article_id: string; category_id: string; position: number };
export type ArticleTagTable = {
  article_id: string;
  tag_id: string;
  position: number;
  /** When the article was published, while it is a published article (migration 012, by trigger). */
  listed_at: ColumnType<Date | string | null, never, never>;
};

export type SlugRedirectTable = {
  kind: ArticleKind;
  old_slug: string;
  article_id: string;
  created_at: DbTime;
};

export type SettingTable = { key: string; value: DbJson };

export type ApiTokenTable = {
  id: string;
  name: string;
  token_hash: string;
  scope: 'admin' | 'read';
  created_at: DbTime;
  last_used_at: DbTime | null;
  revoked_at: DbTime | null;
};

export type JobState = 'pending' | 'running' | 'done' | 'failed';

export type JobTable = {
  id: string;
  name: string;
  payload: DbJson;
  key: string | null;
  state: JobState;
  run_at: DbTime;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: DbTime | null;
  created_at: DbTime;
  completed_at: DbTime | null;
};

export type SecretTable = { name: string; value: string; created_at: DbTime };

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

export type CommentTable = {
  id: string;
  article_id: string;
  parent_id: string | null;
  root_id: string;
  depth: number;
  status: CommentStatus;
  hold_reason: string | null;
  hold_detail: string | null;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  ip_hash: string | null;
  user_agent: string | null;
  body: string;
  body_html: string;
  is_staff: DbBool;
  is_featured: DbBool;
  notify_replies: DbBool;
  report_count: Generated<number>;
  reported_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
  approved_at: DbTime | null;
  erased_at: DbTime | null;
};

export type CommentReportReason = 'spam' | 'abuse' | 'off_topic' | 'illegal';

export type CommentReportTable = {
  id: string;
  comment_id: string;
  reason: CommentReportReason;
  note: string;
  reporter_hash: string;
  created_at: DbTime;
};

export type CommentBanTable = {
  id: string;
  kind: 'email' | 'ip';
  value: string;
  reason: string;
  created_at: DbTime;
};

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export type OutboxTable = {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: DbJson;
  state: OutboxState;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: DbTime;
  claimed_until: DbTime | null;
  created_at: DbTime;
  sent_at: DbTime | null;
};

export type ReplySubscriberTable = {
  email: string;
  confirmed_at: DbTime | null;
  unsubscribed_at: DbTime | null;
  last_confirmation_sent_at: DbTime | null;
  created_at: DbTime;
};

export type NewsletterCadence = 'publish' | 'daily' | 'weekly';

export type NewsletterTable = {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  category_ids: ColumnType<unknown, string | undefined, string>;
  cadence: NewsletterCadence;
  send_hour: Generated<number>;
  send_weekday: Generated<number>;
  track_opens: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  track_clicks: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  position: Generated<number>;
  created_at: DbTime;
  updated_at: DbTime;
};

export type SubscriberTable = {
  id: string;
  email: string;
  name: Generated<string>;
  created_at: DbTime;
  confirmed_at: DbTime | null;
  last_login_at: DbTime | null;
};

export type SubscriptionTable = { subscriber_id: string; newsletter_id: string; created_at: DbTime };

export type ConsentTable = {
  id: string;
  subscriber_id: string;
  source: string;
  newsletter_ids: ColumnType<unknown, string | undefined, string>;
  requested_at: DbTime;
  confirmed_at: DbTime;
};

export type ReaderTokenTable = {
  token_hash: string;
  purpose: string;
  email: string;
  payload: DbJson;
  created_at: DbTime;
  expires_at: DbTime;
  used_at: DbTime | null;
};

export type SessionKind = 'reader' | 'staff';

export type SessionTable = {
  id_hash: string;
  kind: SessionKind;
  principal_id: string;
  created_at: DbTime;
  expires_at: DbTime;
  last_seen_at: DbTime;
};

export type SuppressionReason = 'bounced' | 'complained' | 'unsubscribed';

export type SuppressionTable = {
  email: string;
  reason: SuppressionReason;
  detail: Generated<string>;
  created_at: DbTime;
};

export type NewsletterSendState = 'sending' | 'done';

export type NewsletterSendTable = {
  id: string;
  newsletter_id: string;
  dedupe_key: string;
  article_ids: ColumnType<unknown, string | undefined, string>;
  subject: string;
  html_body: string;
  text_body: string;
  state: NewsletterSendState;
  created_at: DbTime;
  finished_at: DbTime | null;
};

export type DeliveryState = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced' | 'skipped';

export type NewsletterDeliveryTable = {
  send_id: string;
  email: string;
  subscriber_id: string | null;
  name: Generated<string>;
  state: DeliveryState;
  attempts: Generated<number>;
  next_attempt_at: DbTime;
  claimed_until: DbTime | null;
  last_error: string | null;
  sent_at: DbTime | null;
  opened_at: DbTime | null;
  clicked_at: DbTime | null;
};

/** A media library item; `variants` holds `[{ width, format, path }]`. */
export type MediaTable = {
  id: string;
  kind: 'image';
  original_name: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  path: string;
  variants: DbJson;
  alt: string;
  caption: string;
  credit: string;
  created_at: DbTime;
  uploaded_by: string | null;
};

export type AuditActorKind = 'staff' | 'token' | 'system';

/** One line of the audit log: who did what to which thing, and the details worth keeping. */
export type AuditLogTable = {
  id: string;
  at: DbTime;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: DbJson;
};

export type StaffRoleName = 'contributor' | 'author' | 'editor' | 'administrator';

/** A newsroom account (migration 008); no password until its invitation is accepted. */
export type StaffUserTable = {
  id: string;
  email: string;
  name: Generated<string>;
  role: StaffRoleName;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  totp_last_step: number | null;
  created_at: DbTime;
  updated_at: DbTime;
  disabled_at: DbTime | null;
};

/** Failed sign-ins per `account:EMAIL` or `ip:ADDRESS`, for the brute-force backoff. */
export type StaffLoginAttemptTable = {
  key: string;
  failures: Generated<number>;
  last_failure_at: DbTime | null;
  locked_until: DbTime | null;
};

export type StaffTokenPurpose = 'invitation' | 'password-reset';

/** Single-use invitation and password-reset links, stored as SHA-256 hashes. */
export type StaffTokenTable = {
  token_hash: string;
  purpose: StaffTokenPurpose;
  user_id: string;
  expires_at: DbTime;
  used_at: DbTime | null;
  created_at: DbTime;
};

export type ArticleRevisionKind =
  | 'autosave'
  | 'save'
  | 'publish'
  | 'unpublish'
  | 'schedule'
  | 'restore'
  | 'create';

/** A snapshot of an article's writable fields at one save (migration 011). */
export type ArticleRevisionTable = {
  id: string;
  article_id: string;
  kind: ArticleRevisionKind;
  title: string;
  snapshot: DbJson;
  created_by: string | null;
  created_at: DbTime;
};

/** A dated correction or update shown under an article (migration 011). */
export type ArticleNoteTable = {
  id: string;
  article_id: string;
  kind: 'correction' | 'update';
  text: string;
  created_by: string | null;
  created_at: DbTime;
};

/** A staff member with an article open in the editor: `since` the stretch began, `seen_at` the last heartbeat. */
export type ArticlePresenceTable = { article_id: string; staff_id: string; since: DbTime; seen_at: DbTime };

export type Schema = {
  articles: ArticleTable;
  people: PersonTable;
  categories: CategoryTable;
  tags: TagTable;
  article_authors: ArticleAuthorTable;
  article_categories: ArticleCategoryTable;
  article_tags: ArticleTagTable;
  slug_redirects: SlugRedirectTable;
  settings: SettingTable;
  api_tokens: ApiTokenTable;
  jobs: JobTable;
  secrets: SecretTable;
  comments: CommentTable;
  comment_reports: CommentReportTable;
  comment_bans: CommentBanTable;
  outbox: OutboxTable;
  reply_subscribers: ReplySubscriberTable;
  captcha_spent: { key_hash: string; expires_at: DbTime };
  newsletters: NewsletterTable;
  subscribers: SubscriberTable;
  subscriptions: SubscriptionTable;
  consents: ConsentTable;
  reader_tokens: ReaderTokenTable;
  sessions: SessionTable;
  suppressions: SuppressionTable;
  newsletter_sends: NewsletterSendTable;
  newsletter_deliveries: NewsletterDeliveryTable;
  staff_users: StaffUserTable;
  staff_login_attempts: StaffLoginAttemptTable;
  staff_tokens: StaffTokenTable;
  audit_log: AuditLogTable;
  media: MediaTable;
  article_revisions: ArticleRevisionTable;
  article_notes: ArticleNoteTable;
  article_presence: ArticlePresenceTable;
};
