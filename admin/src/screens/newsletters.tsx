import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { NewsletterForm } from './newsletters/newsletter-form.tsx';
import { NewsletterList } from './newsletters/newsletter-list.tsx';
import { NewsletterPreview } from './newsletters/newsletter-preview.tsx';
import type { Newsletter } from './newsletters/newsletter-types.ts';
import './comments/list-controls.css';
import './newsletters/newsletters.css';

/** One newsletter by id for the form and the preview; null while it loads. */
function useNewsletter(id: string | null) {
  const [newsletter, setNewsletter] = useState<Newsletter | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setNewsletter(null);
    setError('');
    if (!id) return;
    api<{ newsletters: Newsletter[] }>('GET', `/newsletters/${encodeURIComponent(id)}`)
      .then((answer) => setNewsletter(answer.newsletters[0] ?? null))
      .catch((caught) => setError(describeError(caught)));
  }, [id]);
  return { newsletter, error };
}

function BackLink() {
  return (
    <p>
      <Link href="/newsletters">{t('newsletters.back')}</Link>
    </p>
  );
}

/**
 * Newsletters: the list (`/newsletters`), the form to create one (`?edit=new`) or edit one
 * (`?edit=ID`), and a preview with a test send (`?preview=ID`).
 */
export function NewslettersScreen(props: RouteProps) {
  const edit = props.query.get('edit');
  const previewId = props.query.get('preview');
  const single = useNewsletter(edit && edit !== 'new' ? edit : previewId);
  const [list, setList] = useState<Newsletter[] | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    try {
      setList((await api<{ newsletters: Newsletter[] }>('GET', '/newsletters?limit=100')).newsletters);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, []);
  useEffect(() => {
    if (!edit && !previewId) void load();
  }, [edit, previewId, load]);

  const saved = (name: string) => {
    setMessage(t('newsletters.saved', { name }));
    navigate('/newsletters');
  };

  const remove = async (newsletter: Newsletter) => {
    if (!confirm(t('common.confirmDelete', { name: newsletter.name }))) return;
    try {
      await api('DELETE', `/newsletters/${newsletter.id}`);
      await load();
      setMessage(t('newsletters.deleted', { name: newsletter.name }));
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  if (edit === 'new')
    return (
      <div class="newsletters">
        <BackLink />
        <h1>{t('newsletters.newTitle')}</h1>
        <NewsletterForm newsletter={null} onSaved={saved} />
      </div>
    );
  if (edit || previewId) {
    const { newsletter } = single;
    const title = edit
      ? t('newsletters.editTitle', { name: newsletter?.name ?? '' })
      : t('newsletters.previewTitle', { name: newsletter?.name ?? '' });
    return (
      <div class="newsletters">
        <BackLink />
        <h1>{title}</h1>
        {single.error ? <Notice kind="alert">{single.error}</Notice> : null}
        {!newsletter && !single.error ? <p class="loading">{t('common.loading')}</p> : null}
        {newsletter && edit ? <NewsletterForm newsletter={newsletter} onSaved={saved} /> : null}
        {newsletter && !edit ? <NewsletterPreview newsletter={newsletter} /> : null}
      </div>
    );
  }

  return (
    <div class="newsletters">
      <h1>{t('newsletters.title')}</h1>
      <div class="toolbar">
        <Link class="button button-primary" href="/newsletters?edit=new">
          {t('newsletters.new')}
        </Link>
      </div>
      {message ? <Notice kind="status">{message}</Notice> : null}
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {list === null && !error ? <p class="loading">{t('common.loading')}</p> : null}
      {list?.length === 0 ? <p>{t('newsletters.none')}</p> : null}
      {list && list.length > 0 ? (
        <NewsletterList newsletters={list} onDelete={(newsletter) => void remove(newsletter)} />
      ) : null}
    </div>
  );
}
