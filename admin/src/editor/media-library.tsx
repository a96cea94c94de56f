import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { describeError } from '../components/errors.ts';
import { Notice } from '../components/notice.tsx';
import { t } from '../i18n.ts';
import type { MediaItem } from './article-types.ts';

/** The smallest WebP copy wide enough for a thumbnail, else the image itself. */
export const thumbnailOf = (item: MediaItem): string =>
  item.variants.filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width)[0]?.url ?? item.url;

/**
 * Searches the media library and lets the writer pick one image (a list of toggle buttons).
 *
 * @example
 * <MediaLibrary selectedId={picked?.id ?? null} onSelect={setPicked} />
 */
export function MediaLibrary(props: { selectedId: string | null; onSelect: (item: MediaItem) => void }) {
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [error, setError] = useState('');
  const searchId = useId();
  const headingId = useId();

  useEffect(() => {
    const controller = new AbortController();
    const params = new URLSearchParams({ limit: '24' });
    if (asked) params.set('q', asked);
    setItems(null);
    api<{ media: MediaItem[] }>('GET', `/media?${params}`, undefined, { signal: controller.signal })
      .then(({ media }) => setItems(media))
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(describeError(caught));
          setItems([]);
        }
      });
    return () => controller.abort();
  }, [asked]);

  return (
    <section class="media-library" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('editor.mediaLibrary')}</h3>
      <div class="media-search">
        <label for={searchId}>{t('editor.mediaSearch')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              setAsked(query.trim());
            }
          }}
        />
        <button type="button" class="button button-quiet" onClick={() => setAsked(query.trim())}>
          {t('common.search')}
        </button>
      </div>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {items === null ? <p class="hint">{t('common.loading')}</p> : null}
      {items?.length === 0 && !error ? <p class="hint">{t('editor.mediaEmpty')}</p> : null}
      {items && items.length > 0 ? (
        <ul class="media-grid">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class="media-choice"
                aria-pressed={props.selectedId === item.id}
                onClick={() => props.onSelect(item)}
              >
                <img
                  src={thumbnailOf(item)}
                  alt=""
                  width={160}
                  height={Math.round((160 * item.height) / item.width)}
                  loading="lazy"
                />
                <span>{item.alt || item.original_name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
