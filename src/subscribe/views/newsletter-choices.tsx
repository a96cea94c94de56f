import type { FormNewsletter } from './subscribe-form.tsx';

/**
 * One checkbox per newsletter (field `newsletters`, value its slug), with its description. Names
 * and descriptions are the newsroom's words in any script, so each takes its own direction.
 */
export function NewsletterChoices(props: {
  idPrefix: string;
  newsletters: FormNewsletter[];
  isChecked: (newsletter: FormNewsletter) => boolean;
}) {
  return (
    <>
      {props.newsletters.map((newsletter) => {
        const id = `${props.idPrefix}-${newsletter.slug}`;
        return (
          <p class="subscribe-choice" key={newsletter.slug}>
            <input
              id={id}
              name="newsletters"
              type="checkbox"
              value={newsletter.slug}
              checked={props.isChecked(newsletter)}
            />
            <label for={id} dir="auto">
              {newsletter.name}
            </label>
            {newsletter.description ? (
              <span class="subscribe-description" dir="auto">
                {newsletter.description}
              </span>
            ) : null}
          </p>
        );
      })}
    </>
  );
}
