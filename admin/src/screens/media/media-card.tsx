import { useState } from 'preact/hooks';
import { formatNumber, t } from '../../i18n.ts';
import { MediaEditForm } from './media-edit-form.tsx';
import { type MediaItem, thumbnailOf } from './media-types.ts';

/**
 * One item of the library: its smallest copy as a thumbnail, the file's name, its alt text and its
 * size in pixels; for editors, Edit (alt, caption, credit in place) and Delete.
 */
export function MediaCard(props: {
  item: MediaItem;
  canChange: boolean;
  onSaved: (item: MediaItem) => void;
  onDelete: (item: MediaItem) => void;
}) {
  const { item } = props;
  const [isEditing, setEditing] = useState(false);
  const name = item.original_name || item.id;
  return (
    <li class="media-card">
      <figure>
        <img
          src={thumbnailOf(item)}
          alt=""
          width={item.width}
          height={item.height}
          loading="lazy"
          decoding="async"
        />
        <figcaption>
          <span class="media-name">{name}</span>
          <span class="hint">
            {t('media.dimensions', { width: formatNumber(item.width), height: formatNumber(item.height) })}
          </span>
          {item.alt ? (
            <span class="media-alt">
              <span class="visually-hidden">{t('media.alt')}: </span>
              {item.alt}
            </span>
          ) : (
            <span class="badge media-no-alt">{t('media.noAlt')}</span>
          )}
        </figcaption>
      </figure>
      {props.canChange && isEditing ? (
        <MediaEditForm
          item={item}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            props.onSaved(saved);
          }}
        />
      ) : null}
      {props.canChange && !isEditing ? (
        <div class="toolbar media-actions">
          <button
            type="button"
            class="button button-quiet"
            aria-label={t('media.editNamed', { name })}
            onClick={() => setEditing(true)}
          >
            {t('common.edit')}
          </button>
          <button
            type="button"
            class="button button-danger"
            aria-label={t('media.deleteNamed', { name })}
            onClick={() => props.onDelete(item)}
          >
            {t('common.delete')}
          </button>
        </div>
      ) : null}
    </li>
  );
}
