import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { useFormAction } from './form-action.ts';
import { FormResult } from './form-result.tsx';
import type { MailStatus } from './mail-types.ts';
import { OutboxView } from './outbox-view.tsx';

/**
 * Mail: whether SMTP is set (never its password), a test email to oneself or a typed address, and
 * the outbox, where mail waits when SMTP is not set.
 */
export function MailSection() {
  const { session } = useSession();
  const status = useLoaded((signal) => api<{ mail: MailStatus }>('GET', '/mail', undefined, { signal }), []);
  const [to, setTo] = useState(session.staff.email);
  const [round, setRound] = useState(0);
  const form = useFormAction();
  const mail = status.data?.mail;

  const submit = async (event: Event) => {
    event.preventDefault();
    await form.run(async () => {
      const answer = await api<{ mail: { to: string } }>('POST', '/mail/test', { to });
      setRound((value) => value + 1);
      return `${t('settings.testQueued', { to: answer.mail.to })} ${
        mail?.smtp_configured ? t('settings.testWillSend') : t('settings.testWillWait')
      }`;
    });
  };

  return (
    <section class="settings-section" id="settings-mail" aria-labelledby="mail-heading">
      <h2 id="mail-heading">{t('settings.mailHeading')}</h2>
      {status.error ? <Notice kind="alert">{status.error}</Notice> : null}
      {mail ? (
        <dl class="settings-facts">
          <dt>{t('settings.smtp')}</dt>
          <dd>
            {mail.smtp_configured ? (
              <>
                <span class="badge">{t('settings.smtpOn')}</span> <code dir="ltr">{mail.smtp_host}</code>
              </>
            ) : (
              <span class="badge">{t('settings.smtpOff')}</span>
            )}
          </dd>
          <dt>{t('settings.mailFrom')}</dt>
          <dd>
            <bdi>{mail.from}</bdi>
          </dd>
        </dl>
      ) : null}
      {mail && !mail.smtp_configured ? <p class="hint">{t('settings.smtpOffHint')}</p> : null}
      <form onSubmit={submit} noValidate aria-labelledby="mail-test-heading">
        <h3 id="mail-test-heading">{t('settings.testHeading')}</h3>
        <div class="toolbar">
          <Field
            label={t('settings.testTo')}
            type="email"
            name="to"
            dir="ltr"
            value={to}
            error={form.errors.to}
            onInput={(event) => setTo((event.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button button-primary" disabled={form.isBusy}>
            {form.isBusy ? t('settings.testSending') : t('settings.testSend')}
          </button>
        </div>
        <FormResult outcome={form.outcome} />
      </form>
      <OutboxView round={round} />
    </section>
  );
}
