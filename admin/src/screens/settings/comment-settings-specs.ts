import { t } from '../../i18n.ts';
import type { SettingGroup } from './settings-form.tsx';

/** Every rule of `/api/admin/comments/settings`, grouped as a moderator thinks of them. */
export const commentGroups = (): SettingGroup[] => [
  {
    legend: t('settings.discussion'),
    fields: [
      { key: 'enabled', label: t('settings.commentsEnabled'), kind: 'check' },
      { key: 'require_email', label: t('settings.requireEmail'), kind: 'check' },
      {
        key: 'close_after_days',
        label: t('settings.closeAfterDays'),
        hint: t('settings.closeAfterDaysHint'),
        kind: 'number',
        min: 0,
        max: 36500,
      },
      { key: 'max_depth', label: t('settings.maxDepth'), kind: 'number', min: 1, max: 10 },
      {
        key: 'order',
        label: t('settings.order'),
        kind: 'select',
        options: [
          { value: 'oldest', label: t('settings.orderOldest') },
          { value: 'newest', label: t('settings.orderNewest') },
        ],
      },
      { key: 'threads_per_page', label: t('settings.threadsPerPage'), kind: 'number', min: 1, max: 200 },
    ],
  },
  {
    legend: t('settings.moderation'),
    fields: [
      { key: 'hold_all', label: t('settings.holdAll'), hint: t('settings.holdAllHint'), kind: 'check' },
      { key: 'hold_first_time', label: t('settings.holdFirstTime'), kind: 'check' },
      {
        key: 'approved_to_trust',
        label: t('settings.approvedToTrust'),
        hint: t('settings.approvedToTrustHint'),
        kind: 'number',
        min: 1,
        max: 100,
      },
      {
        key: 'report_threshold',
        label: t('settings.reportThreshold'),
        hint: t('settings.reportThresholdHint'),
        kind: 'number',
        min: 1,
        max: 100,
      },
      {
        key: 'moderator_emails',
        label: t('settings.moderatorEmails'),
        hint: t('settings.moderatorEmailsHint'),
        kind: 'lines',
        dir: 'ltr',
      },
      {
        key: 'banned_words',
        label: t('settings.bannedWords'),
        hint: t('settings.bannedWordsHint'),
        kind: 'lines',
      },
      {
        key: 'suspect_words',
        label: t('settings.suspectWords'),
        hint: t('settings.suspectWordsHint'),
        kind: 'lines',
      },
    ],
  },
  {
    legend: t('settings.spam'),
    fields: [
      { key: 'honeypot', label: t('settings.honeypot'), kind: 'check' },
      {
        key: 'min_seconds',
        label: t('settings.minSeconds'),
        hint: t('settings.minSecondsHint'),
        kind: 'number',
        min: 0,
        max: 3600,
      },
      {
        key: 'max_links',
        label: t('settings.maxLinks'),
        hint: t('settings.maxLinksHint'),
        kind: 'number',
        min: 0,
        max: 100,
      },
      { key: 'duplicate_check', label: t('settings.duplicateCheck'), kind: 'check' },
      { key: 'akismet', label: t('settings.akismet'), hint: t('settings.akismetHint'), kind: 'check' },
      { key: 'ip_rate_limit', label: t('settings.ipRateLimit'), kind: 'number', min: 0, max: 10000 },
      { key: 'email_rate_limit', label: t('settings.emailRateLimit'), kind: 'number', min: 0, max: 10000 },
      {
        key: 'rate_window_minutes',
        label: t('settings.rateWindowMinutes'),
        kind: 'number',
        min: 1,
        max: 1440,
      },
      {
        key: 'ip_retention_days',
        label: t('settings.ipRetentionDays'),
        hint: t('settings.ipRetentionDaysHint'),
        kind: 'number',
        min: 1,
        max: 3650,
      },
    ],
  },
];
