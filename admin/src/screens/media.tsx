import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { LoadedView } from '../components/loaded-view.tsx';
import { Notice } from '../components/notice.tsx';
import { Pagination } from '../components/pagination.tsx';
import { SearchBox } from '../components/search-box.tsx';
import { useApiGet } from '../components/use-api-get.ts';
import { t } from '../i18n.ts';
import { navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { isAtLeast, useSession } from '../session.tsx';
import { MediaCard } from './media/media-card.tsx';
import type { MediaItem, MediaList } from './media/media-types.ts';
import { MediaUpload } from './media/media-upload.tsx';
import './media/media.css';

const PER_PAGE = 24;

type Message = { kind: 'status' | 'alert'; text: string };

/** `?q=harbour&page=2` of the screen, and the matching Admin API call. */
function pathsOf(q: string, page: number): { screen: string; api: string } {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  const apiParams = new URLSearchParams(params);
  apiParams.set('limit', String(PER_PAGE));
  return { screen: search ? `/media?${search}` : '/media', api: `/media?${apiParams.toString()}` };
}

/**
 * The media library: upload (several files at once, each refused or accepted on its own), search
 * by name, alt text, caption or credit, and for editors, edit the texts or delete an item.
 */
export function MediaScreen(props: RouteProps) {
  const { session } = useSession();
  const canChange = isAtLeast(session.staff, 'editor');
  const q = (props.query.get('q') ?? '').trim();
  const page = Math.max(1, Number.parseInt(props.query.get('page') ?? '1', 10) || 1);
  const { state, reload } = useApiGet<MediaList>(pathsOf(q, page).api);
  const [search, setSearch] = useState(q);
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => setSearch(q), [q]);

  const go = (nextQ: string, nextPage: number) =>
    navigate(pathsOf(nextQ, nextPage).screen, { replace: true });

  const remove = async (item: MediaItem) => {
    const name = item.original_name || item.id;
    if (!confirm(t('common.confirmDelete', { name }))) return;
    try {
      await api('DELETE', `/media/${item.id}`);
      setMessage({ kind: 'status', text: t('media.deleted', { name }) });
      reload();
    } catch (error) {
      setMessage({ kind: 'alert', text: describeError(error) });
    }
  };

  return (
    <>
      <h1>{t('common.navMedia')}</h1>
      <MediaUpload
        onUploaded={() => {
          setMessage(null);
          if (q || page > 1) go('', 1);
          else reload();
        }}
      />
      <form
        class="toolbar"
        aria-label={t('media.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          setMessage(null);
          go(search.trim(), 1);
        }}
      >
        <SearchBox
          label={t('media.search')}
          buttonLabel={t('common.search')}
          value={search}
          maxLength={200}
          onInput={setSearch}
        />
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <LoadedView
        state={state}
        isEmpty={(data) => data.media.length === 0}
        empty={<p>{q ? t('media.noMatch', { q }) : t('media.empty')}</p>}
      >
        {(data) => (
          <>
            <p class="hint" role="status">
              {t('media.count', { count: data.meta.pagination.total })}
            </p>
            <ul class="media-grid" aria-label={t('media.library')}>
              {data.media.map((item) => (
                <MediaCard
                  key={item.id}
                  item={item}
                  canChange={canChange}
                  onSaved={(saved) => {
                    setMessage({ kind: 'status', text: t('media.saved', { name: saved.original_name }) });
                    reload();
                  }}
                  onDelete={(target) => void remove(target)}
                />
              ))}
            </ul>
            <Pagination
              label={t('media.pagination')}
              pagination={data.meta.pagination}
              onPage={(next) => go(q, next)}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}
