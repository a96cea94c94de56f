import type { Translator } from '../../lib/i18n.ts';
import { type ComposedMail, composeMail as compose } from '../../lib/mail/block-mail.tsx';

export type { ComposedMail } from '../../lib/mail/block-mail.tsx';

/** A reply quoted in a mail stays short: the link leads to the whole conversation. */
const MAX_QUOTE = 1500;

const shorten = (text: string): string =>
  text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE).trimEnd()}…` : text;

/** The double opt-in mail: nothing is sent about replies until its link is opened. */
export function optInMail(input: {
  tr: Translator;
  site: string;
  name: string;
  articleTitle: string;
  confirmUrl: string;
}): ComposedMail {
  const { t } = input.tr;
  return compose(input.tr, t('notifications.optinSubject', { site: input.site }), [
    { kind: 'text', text: t('notifications.greeting', { name: input.name }) },
    { kind: 'text', text: t('notifications.optinBody', { site: input.site, title: input.articleTitle }) },
    { kind: 'link', label: t('notifications.optinAction'), url: input.confirmUrl },
    { kind: 'text', text: t('notifications.optinIgnore') },
  ]);
}

/**
 * A reply notification. It is list mail in RFC 8058's sense, so it carries List-Unsubscribe with an
 * https URL and List-Unsubscribe-Post, which lets the mail client unsubscribe with one click
 * (https://www.rfc-editor.org/rfc/rfc8058).
 */
export function replyMail(input: {
  tr: Translator;
  recipientName: string;
  replierName: string;
  replyText: string;
  articleTitle: string;
  commentUrl: string;
  unsubscribeUrl: string;
  manageUrl: string;
}): ComposedMail {
  const { t } = input.tr;
  const subject = t('notifications.replySubject', { name: input.replierName, title: input.articleTitle });
  return compose(
    input.tr,
    subject,
    [
      { kind: 'text', text: t('notifications.greeting', { name: input.recipientName }) },
      {
        kind: 'text',
        text: t('notifications.replyIntro', { name: input.replierName, title: input.articleTitle }),
      },
      { kind: 'quote', text: shorten(input.replyText.trim()) },
      { kind: 'link', label: t('notifications.replyRead'), url: input.commentUrl },
      { kind: 'text', text: t('notifications.replyWhy') },
      { kind: 'link', label: t('notifications.unsubscribeLine'), url: input.unsubscribeUrl },
      { kind: 'link', label: t('notifications.manageLine'), url: input.manageUrl },
    ],
    {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  );
}

/** The link to delete one's comments: it only works from the inbox it was sent to. */
export function forgetMail(input: { tr: Translator; site: string; confirmUrl: string }): ComposedMail {
  const { t } = input.tr;
  return compose(input.tr, t('notifications.forgetSubject', { site: input.site }), [
    { kind: 'text', text: t('notifications.forgetBody', { site: input.site }) },
    { kind: 'link', label: t('notifications.forgetAction'), url: input.confirmUrl },
    { kind: 'text', text: t('notifications.forgetIgnore') },
  ]);
}
