import type { Translator } from '../lib/i18n.ts';
import { type ComposedMail, composeMail } from '../lib/mail/block-mail.tsx';

/** The double opt-in mail (nothing is sent until its link is opened). */
export function confirmationMail(input: {
  tr: Translator;
  site: string;
  newsletterNames: string[];
  confirmUrl: string;
}): ComposedMail {
  const { t } = input.tr;
  return composeMail(input.tr, t('subscribe.confirmSubject', { site: input.site }), [
    { kind: 'text', text: t('subscribe.confirmBody', { site: input.site }) },
    { kind: 'quote', text: input.newsletterNames.join('\n') },
    { kind: 'link', label: t('subscribe.confirmAction'), url: input.confirmUrl },
    { kind: 'text', text: t('subscribe.confirmIgnore') },
  ]);
}

/** The magic link: whoever can read this inbox may sign in, for 15 minutes, once. */
export function loginMail(input: { tr: Translator; site: string; loginUrl: string }): ComposedMail {
  const { t } = input.tr;
  return composeMail(input.tr, t('account.loginSubject', { site: input.site }), [
    { kind: 'text', text: t('account.loginBody', { site: input.site }) },
    { kind: 'link', label: t('account.loginAction'), url: input.loginUrl },
    { kind: 'text', text: t('account.loginIgnore') },
  ]);
}
