import { useId } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { t } from '../i18n.ts';
import type { Draft } from './article-types.ts';
import { ChoiceList } from './choice-list.tsx';
import type { EditorChoices } from './editor-options.ts';
import { FeaturedImageField } from './featured-image-field.tsx';
import { TagsField } from './tags-field.tsx';

type SidebarProps = {
  draft: Draft;
  errors: Record<string, string>;
  choices: EditorChoices;
  change: (patch: Partial<Draft>) => void;
};

/** Language tags offered as suggestions; any BCP 47 tag is accepted. */
const LANGUAGE_SUGGESTIONS = ['en', 'en-GB', 'en-US', 'fr', 'ar', 'de', 'es', 'it', 'nl', 'pt'];

/**
 * Everything about the article besides its words: address, language, sections, tags, byline,
 * featured image, search-engine text, comments and the newsletter.
 */
export function MetadataSidebar(props: SidebarProps) {
  const { draft, errors, choices, change } = props;
  const headingId = useId();
  const primaryId = useId();
  const languagesId = useId();
  const value = (event: Event) => (event.target as HTMLInputElement).value;
  const others = choices.categories.filter((category) => category.id !== draft.primary_category);
  return (
    <aside class="editor-sidebar" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('editor.settings')}</h2>
      <Field
        label={t('editor.slug')}
        hint={t('editor.slugHint')}
        value={draft.slug}
        error={errors.slug}
        dir="ltr"
        autoComplete="off"
        onInput={(event) => change({ slug: value(event) })}
      />
      <Field
        label={t('editor.language')}
        hint={t('editor.languageHint')}
        value={draft.language}
        error={errors.language}
        list={languagesId}
        dir="ltr"
        autoComplete="off"
        onInput={(event) => change({ language: value(event) })}
      />
      <datalist id={languagesId}>
        {LANGUAGE_SUGGESTIONS.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <div class="field">
        <label for={primaryId}>{t('editor.primaryCategory')}</label>
        <select
          id={primaryId}
          value={draft.primary_category ?? ''}
          aria-invalid={errors.primary_category ? true : undefined}
          onChange={(event) => {
            const chosen = (event.target as HTMLSelectElement).value || null;
            change({
              primary_category: chosen,
              categories: draft.categories.filter((id) => id !== chosen),
            });
          }}
        >
          <option value="">{t('common.none')}</option>
          {choices.categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
        {errors.primary_category ? <p class="field-error">{errors.primary_category}</p> : null}
      </div>
      <ChoiceList
        legend={t('editor.otherCategories')}
        options={others}
        chosen={draft.categories}
        error={errors.categories}
        onChange={(categories) => change({ categories })}
      />
      <TagsField
        tags={draft.tags}
        known={choices.tags}
        error={errors.tags}
        onChange={(tags) => change({ tags })}
      />
      <ChoiceList
        legend={t('editor.authors')}
        options={choices.people}
        chosen={draft.authors}
        error={errors.authors}
        onChange={(authors) => change({ authors })}
      />
      <FeaturedImageField draft={draft} errors={errors} change={change} />
      <fieldset>
        <legend>{t('editor.seo')}</legend>
        <Field
          label={t('editor.seoTitle')}
          hint={t('editor.seoTitleHint')}
          value={draft.seo_title}
          error={errors.seo_title}
          dir="auto"
          onInput={(event) => change({ seo_title: value(event) })}
        />
        <Field
          label={t('editor.seoDescription')}
          hint={t('editor.seoDescriptionHint')}
          multiline
          rows={3}
          value={draft.seo_description}
          error={errors.seo_description}
          dir="auto"
          onInput={(event) => change({ seo_description: value(event) })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('editor.distribution')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.comments_open}
            onChange={(event) => change({ comments_open: (event.target as HTMLInputElement).checked })}
          />{' '}
          {t('editor.commentsOpen')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.send_email}
            onChange={(event) => change({ send_email: (event.target as HTMLInputElement).checked })}
          />{' '}
          {t('editor.sendEmail')}
        </label>
        <p class="hint">{t('editor.sendEmailHint')}</p>
      </fieldset>
    </aside>
  );
}
