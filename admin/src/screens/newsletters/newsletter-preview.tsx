import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';
import type { Newsletter } from './newsletter-types.ts';

type Preview = { subject: string; html: string; text: string };

/**
 * A newsletter as a reader would get it, rendered by the API with a published article (the
 * latest that feeds it, or one named by id or slug) in a sandboxed frame that runs nothing; and a
 * test copy sent to one address.
 */
export function NewsletterPreview(props: { newsletter: Newsletter }) {
  const { newsletter } = props;
  const [article, setArticle] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState('');
  const [email, setEmail] = useState('');
  const [testErrors, setTestErrors] = useState<Record<string, string>>({});
  const [testMessage, setTestMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  const load = useCallback(
    async (articleRef: string) => {
      setPreviewError('');
      try {
        const query = articleRef ? `?${new URLSearchParams({ article: articleRef })}` : '';
        setPreview(await api<Preview>('GET', `/newsletters/${newsletter.id}/preview${query}`));
      } catch (caught) {
        setPreview(null);
        setPreviewError(describeError(caught));
      }
    },
    [newsletter.id],
  );
  useEffect(() => {
    void load('');
  }, [load]);

  const sendTest = async (event: Event) => {
    event.preventDefault();
    setTestErrors({});
    setTestMessage(null);
    try {
      await api('POST', `/newsletters/${newsletter.id}/test`, {
        email: email.trim(),
        ...(article.trim() ? { article: article.trim() } : {}),
      });
      setTestMessage({ kind: 'status', text: t('newsletters.testSent', { email: email.trim() }) });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422) setTestErrors(caught.fields);
      setTestMessage({ kind: 'alert', text: describeError(caught) });
    }
  };

  return (
    <div class="newsletter-preview">
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void load(article.trim());
        }}
        noValidate
      >
        <Field
          label={t('newsletters.previewArticle')}
          hint={t('newsletters.previewArticleHint')}
          name="article"
          value={article}
          onInput={(event) => setArticle((event.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button">
          {t('newsletters.refreshPreview')}
        </button>
      </form>
      {previewError ? <Notice kind="alert">{previewError}</Notice> : null}
      {preview ? (
        <>
          <p>
            <span class="label">{t('newsletters.subject')}</span> {preview.subject}
          </p>
          <iframe
            class="newsletter-frame"
            sandbox=""
            srcDoc={preview.html}
            title={t('newsletters.previewFrame', { name: newsletter.name })}
          />
        </>
      ) : null}
      <section aria-labelledby="test-heading">
        <h2 id="test-heading">{t('newsletters.testTitle')}</h2>
        <form class="toolbar" onSubmit={sendTest} noValidate>
          <Field
            label={t('newsletters.testEmail')}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            error={testErrors.email}
            onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button button-primary">
            {t('newsletters.sendTest')}
          </button>
        </form>
        {testMessage ? <Notice kind={testMessage.kind}>{testMessage.text}</Notice> : null}
      </section>
    </div>
  );
}
