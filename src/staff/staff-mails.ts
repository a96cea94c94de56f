import type { StaffRole } from '../auth/actor.ts';
import type { Translator } from '../lib/i18n.ts';
import { type ComposedMail, composeMail } from '../lib/mail/block-mail.tsx';

/** The invitation: whoever reads this inbox may set the account's name and password, once, within 7 days. */
export function invitationMail(input: {
  tr: Translator;
  site: string;
  role: StaffRole;
  acceptUrl: string;
}): ComposedMail {
  const { t } = input.tr;
  return composeMail(input.tr, t('staff.invitationSubject', { site: input.site }), [
    {
      kind: 'text',
      text: t('staff.invitationBody', { site: input.site, role: t(`staff.roles.${input.role}`) }),
    },
    { kind: 'link', label: t('staff.invitationAction'), url: input.acceptUrl },
    { kind: 'text', text: t('staff.invitationIgnore') },
  ]);
}

/** The password reset: a new password may be chosen through this link, once, within an hour. */
export function passwordResetMail(input: { tr: Translator; site: string; resetUrl: string }): ComposedMail {
  const { t } = input.tr;
  return composeMail(input.tr, t('staff.resetSubject', { site: input.site }), [
    { kind: 'text', text: t('staff.resetBody', { site: input.site }) },
    { kind: 'link', label: t('staff.resetAction'), url: input.resetUrl },
    { kind: 'text', text: t('staff.resetIgnore') },
  ]);
}

/**
 * Where the links in staff mail lead: pages of the admin app, which read the token from the
 * fragment (never sent to a server, so never in an access log) and post it to the Admin API.
 *
 * @example
 * staffLinks('https://news.example').resetUrl(token); // https://news.example/admin/reset-password#token=…
 */
export const staffLinks = (siteUrl: string) => {
  const base = siteUrl.replace(/\/+$/, '');
  return {
    acceptUrl: (token: string) => `${base}/admin/invitation#token=${token}`,
    resetUrl: (token: string) => `${base}/admin/reset-password#token=${token}`,
  };
};
