import { t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';

/** PLACEHOLDER — replaced by the editor. */
export function EditorScreen(_props: RouteProps) {
  return <h1>{t('common.navArticles')}</h1>;
}
