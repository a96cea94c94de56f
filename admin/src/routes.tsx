import type { ComponentType } from 'preact';
import { lazy } from 'preact/compat';
import { AccountScreen } from './screens/account/account-screen.tsx';
import { ArticleListScreen } from './screens/articles.tsx';
import { AuditScreen } from './screens/audit.tsx';
import { CategoriesScreen } from './screens/categories.tsx';
import { CommentsScreen } from './screens/comments.tsx';
import { DashboardScreen } from './screens/dashboard.tsx';
import { MediaScreen } from './screens/media.tsx';
import { NewslettersScreen } from './screens/newsletters.tsx';
import { PeopleScreen } from './screens/people.tsx';
import { SettingsScreen } from './screens/settings.tsx';
import { SubscribersScreen } from './screens/subscribers.tsx';
import { TagsScreen } from './screens/tags.tsx';
import { TokensScreen } from './screens/tokens.tsx';

/** The editor and TipTap load only when an article is opened (their own chunk). */
const EditorScreen = lazy(() => import('./editor/editor-screen.tsx').then((module) => module.EditorScreen));

export type RouteProps = { params: Record<string, string>; query: URLSearchParams };

/** Every signed-in screen by path; the first match wins. */
export const routes: [string, ComponentType<RouteProps>][] = [
  ['/', DashboardScreen],
  ['/articles', ArticleListScreen],
  ['/articles/new', EditorScreen],
  ['/articles/:id', EditorScreen],
  ['/comments', CommentsScreen],
  ['/subscribers', SubscribersScreen],
  ['/newsletters', NewslettersScreen],
  ['/media', MediaScreen],
  ['/people', PeopleScreen],
  ['/categories', CategoriesScreen],
  ['/tags', TagsScreen],
  ['/tokens', TokensScreen],
  ['/settings', SettingsScreen],
  ['/audit', AuditScreen],
  ['/account', AccountScreen],
];
