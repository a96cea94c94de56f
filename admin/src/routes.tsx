import type { ComponentType } from 'preact';
import { lazy } from 'preact/compat';
import { DashboardScreen } from './screens/dashboard.tsx';

/**
 * Each screen but the dashboard is its own chunk, loaded when first opened, so the first load carries
 * only the frame, the sign-in screen and the dashboard; the editor (TipTap) is the largest of them.
 */
const AccountScreen = lazy(() =>
  import('./screens/account/account-screen.tsx').then((module) => module.AccountScreen),
);
const ArticleListScreen = lazy(() =>
  import('./screens/articles.tsx').then((module) => module.ArticleListScreen),
);
const AuditScreen = lazy(() => import('./screens/audit.tsx').then((module) => module.AuditScreen));
const CategoriesScreen = lazy(() =>
  import('./screens/categories.tsx').then((module) => module.CategoriesScreen),
);
const CommentsScreen = lazy(() => import('./screens/comments.tsx').then((module) => module.CommentsScreen));
const MediaScreen = lazy(() => import('./screens/media.tsx').then((module) => module.MediaScreen));
const NewslettersScreen = lazy(() =>
  import('./screens/newsletters.tsx').then((module) => module.NewslettersScreen),
);
const PeopleScreen = lazy(() => import('./screens/people.tsx').then((module) => module.PeopleScreen));
const SettingsScreen = lazy(() => import('./screens/settings.tsx').then((module) => module.SettingsScreen));
const SubscribersScreen = lazy(() =>
  import('./screens/subscribers.tsx').then((module) => module.SubscribersScreen),
);
const TagsScreen = lazy(() => import('./screens/tags.tsx').then((module) => module.TagsScreen));
const TokensScreen = lazy(() => import('./screens/tokens.tsx').then((module) => module.TokensScreen));
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
