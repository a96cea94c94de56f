import { language, t } from '../../i18n.ts';

/** A newsletter as the Admin API shows it (newsletter-json.ts on the server). */
export type Newsletter = {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Category ids; none means every article feeds it. */
  categories: string[];
  cadence: Cadence;
  send_hour: number;
  send_weekday: number;
  track_opens: boolean;
  track_clicks: boolean;
  position: number;
  subscriber_count?: number;
};

export const cadences = ['publish', 'daily', 'weekly'] as const;
export type Cadence = (typeof cadences)[number];

/** What the form sends (`POST`/`PATCH /api/admin/newsletters`, inside `{ newsletters: [ … ] }`). */
export type NewsletterInput = Omit<Newsletter, 'id' | 'subscriber_count'>;

export const emptyNewsletter: NewsletterInput = {
  slug: '',
  name: '',
  description: '',
  categories: [],
  cadence: 'publish',
  send_hour: 7,
  send_weekday: 1,
  track_opens: false,
  track_clicks: false,
  position: 0,
};

const weekdays = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });

/** ISO weekday (1 Monday … 7 Sunday) in the newsroom's language; 1 January 2024 was a Monday. */
export const weekdayName = (isoDay: number): string => weekdays.format(new Date(Date.UTC(2024, 0, isoDay)));

export const hourText = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/**
 * When a newsletter goes out, in words: on each article, daily at 07:00, or on Mondays at 07:00.
 *
 * @example
 * scheduleText({ cadence: 'weekly', send_hour: 7, send_weekday: 1 }) // 'Weekly, Monday at 07:00'
 */
export function scheduleText(newsletter: Pick<Newsletter, 'cadence' | 'send_hour' | 'send_weekday'>): string {
  if (newsletter.cadence === 'publish') return t('newsletters.cadence_publish');
  if (newsletter.cadence === 'daily')
    return t('newsletters.scheduleDaily', { hour: hourText(newsletter.send_hour) });
  return t('newsletters.scheduleWeekly', {
    day: weekdayName(newsletter.send_weekday),
    hour: hourText(newsletter.send_hour),
  });
}
