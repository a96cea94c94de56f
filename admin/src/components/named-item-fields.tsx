import type { Ref } from 'preact';
import { Field } from './field.tsx';

/**
 * The fields of a named item the public site has a page for (a byline, a category, a tag): the
 * name (required), the slug (made from the name when left empty) and one longer text, as
 * `NamedItemTable` lists them. `firstRef` wraps the name field so the form can focus it.
 *
 * @example
 * <NamedItemFields labels={labels} text={{ name: 'bio', rows: 4 }} draft={draft} errors={form.errors}
 *   onInput={set} firstRef={firstRef} />
 */
export function NamedItemFields<Key extends string>(props: {
  labels: { name: string; slug: string; slugHint: string; text: string };
  /** The longer text's field name (its key in the draft and in the API's errors) and height. */
  text: { name: Key; rows: number };
  draft: { name: string; slug: string } & Record<Key, string>;
  errors: Record<string, string | undefined>;
  onInput: (key: 'name' | 'slug' | Key) => (event: Event) => void;
  firstRef: Ref<HTMLDivElement>;
}) {
  const { labels, text, draft, errors, onInput } = props;
  return (
    <>
      <div ref={props.firstRef}>
        <Field
          label={labels.name}
          name="name"
          required
          value={draft.name}
          error={errors.name}
          onInput={onInput('name')}
        />
      </div>
      <Field
        label={labels.slug}
        hint={labels.slugHint}
        name="slug"
        value={draft.slug}
        error={errors.slug}
        onInput={onInput('slug')}
      />
      <Field
        label={labels.text}
        multiline
        name={text.name}
        rows={text.rows}
        value={draft[text.name]}
        error={errors[text.name]}
        onInput={onInput(text.name)}
      />
    </>
  );
}
