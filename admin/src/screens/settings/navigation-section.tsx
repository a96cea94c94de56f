import { Notice } from '../../components/notice.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { t } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { fetchAll } from '../taxonomy/fetch-all.ts';
import type { Category } from '../taxonomy/taxonomy-types.ts';

/**
 * The public site's top navigation: Home, then every top-level category by name. It follows the
 * category tree (there is no separate menu to keep in step), so this section shows it and leads there.
 */
export function NavigationSection() {
  const categories = useLoaded((signal) => fetchAll<Category>('/categories', 'categories', signal), []);
  const top = (categories.data ?? [])
    .filter((category) => category.parent_id === null)
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section class="settings-section" id="settings-navigation" aria-labelledby="navigation-heading">
      <h2 id="navigation-heading">{t('settings.navigationHeading')}</h2>
      <p class="hint">{t('settings.navigationIntro')}</p>
      {categories.error ? <Notice kind="alert">{categories.error}</Notice> : null}
      {categories.data ? (
        <ol class="settings-navigation">
          <li>{t('settings.navigationHome')}</li>
          {top.map((category) => (
            <li key={category.id}>{category.name}</li>
          ))}
        </ol>
      ) : null}
      <p>
        <Link href="/categories">{t('settings.navigationEdit')}</Link>
      </p>
    </section>
  );
}
