import { useRef, useState } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { t } from '../i18n.ts';
import type { Draft } from './article-types.ts';
import { MediaDialog } from './media-dialog.tsx';

type FeaturedImageProps = {
  draft: Draft;
  errors: Record<string, string>;
  change: (patch: Partial<Draft>) => void;
};

/** The article's lead image: chosen from the media library, with its own alt text, caption and credit. */
export function FeaturedImageField(props: FeaturedImageProps) {
  const { draft, errors, change } = props;
  const [isPicking, setPicking] = useState(false);
  const chooser = useRef<HTMLButtonElement>(null);
  const text = (field: 'featured_image_alt' | 'featured_image_caption' | 'featured_image_credit') => ({
    value: draft[field],
    error: errors[field],
    onInput: (event: Event) => change({ [field]: (event.target as HTMLInputElement).value }),
  });
  return (
    <fieldset class="featured-image">
      <legend>{t('editor.featuredImage')}</legend>
      {errors.featured_image_url ? <p class="field-error">{errors.featured_image_url}</p> : null}
      {draft.featured_image_url ? (
        <>
          <img class="featured-preview" src={draft.featured_image_url} alt="" />
          <Field label={t('editor.featuredAlt')} {...text('featured_image_alt')} />
          <Field label={t('editor.featuredCaption')} multiline rows={2} {...text('featured_image_caption')} />
          <Field label={t('editor.featuredCredit')} {...text('featured_image_credit')} />
        </>
      ) : (
        <p class="hint">{t('editor.featuredNone')}</p>
      )}
      <div class="button-row">
        <button ref={chooser} type="button" class="button button-quiet" onClick={() => setPicking(true)}>
          {draft.featured_image_url ? t('editor.featuredChange') : t('editor.featuredChoose')}
        </button>
        {draft.featured_image_url ? (
          <button
            type="button"
            class="button button-danger"
            onClick={() =>
              change({
                featured_image_url: null,
                featured_image_alt: '',
                featured_image_caption: '',
                featured_image_credit: '',
              })
            }
          >
            {t('editor.featuredRemove')}
          </button>
        ) : null}
      </div>
      <MediaDialog
        open={isPicking}
        purpose="featured"
        current={null}
        onClose={() => setPicking(false)}
        onClosed={() => chooser.current?.focus()}
        onChoose={(image) => {
          change({
            featured_image_url: image.src,
            featured_image_alt: image.alt,
            featured_image_caption: image.caption,
            featured_image_credit: image.credit,
          });
          setPicking(false);
        }}
      />
    </fieldset>
  );
}
