import { t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';

/** PLACEHOLDER — replaced by the screen's real implementation. */
export function PeopleScreen(_props: RouteProps) {
  return <h1>{t('common.navPeople')}</h1>;
}
