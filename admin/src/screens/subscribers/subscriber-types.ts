/** A subscriber as `GET /api/admin/subscribers` lists them (subscriber-directory.ts on the server). */
export type Subscriber = {
  id: string;
  email: string;
  name: string;
  created_at: string;
  confirmed_at: string | null;
  /** Slugs of the newsletters they receive. */
  newsletters: string[];
  suppressed: 'bounced' | 'complained' | 'unsubscribed' | null;
};

/** What `POST /api/admin/subscribers/import` answers: counts, and each line it could not take. */
export type ImportResult = {
  imported: number;
  updated: number;
  rejected: { line: number; field: string; message: string }[];
};

/** A newsletter in the few fields the subscriber screens need. */
export type NewsletterName = { id: string; slug: string; name: string };

export type DeliveryCounts = Record<
  'queued' | 'sending' | 'sent' | 'failed' | 'bounced' | 'skipped' | 'total',
  number
>;

/** One send of a newsletter and how far it got (`GET /api/admin/newsletter-sends`). */
export type SendProgress = {
  id: string;
  newsletter: NewsletterName;
  subject: string;
  state: 'sending' | 'done';
  created_at: string;
  finished_at: string | null;
  counts: DeliveryCounts;
};
