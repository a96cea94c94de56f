import type { ArticleKind, ArticleStatus } from '../db/schema.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { type Actor, currentActor, type StaffRole, staffRoles } from './actor.ts';

/** What an article check needs to know: its kind, who created it and where it stands. */
export type ArticleResource = { kind: ArticleKind; createdBy: string | null; status: ArticleStatus };

type StaffActor = Extract<Actor, { kind: 'staff' }>;

type Rule = {
  /** A read: allowed to read-only API tokens too. */
  isRead: boolean;
  /** Whether a staff member may, given their role (and the article, for the article actions). */
  allows: (actor: StaffActor, resource: ArticleResource | undefined) => boolean;
  /** The end of "A <role> may not …", for the refusal. */
  does: (resource: ArticleResource | undefined) => string;
};

const rank = (role: StaffRole): number => staffRoles.indexOf(role);
const atLeast =
  (role: StaffRole) =>
  (actor: StaffActor): boolean =>
    rank(actor.role) >= rank(role);
const isEditor = atLeast('editor');
const isAuthor = atLeast('author');
const isOwn = (actor: StaffActor, resource: ArticleResource | undefined): boolean =>
  resource !== undefined && resource.createdBy !== null && resource.createdBy === actor.id;
/** Pages are the site's furniture (About, Contact): editors' business, as in Ghost. */
const isArticle = (resource: ArticleResource | undefined): boolean => resource?.kind !== 'page';

const rule = (allows: Rule['allows'], does: string | Rule['does'], isRead = false): Rule => ({
  isRead,
  allows,
  does: typeof does === 'string' ? () => does : does,
});
const onArticle = (verb: string) => (resource: ArticleResource | undefined) =>
  resource ? `${verb} this ${resource.kind}` : `${verb} articles created by others`;

/**
 * The newsroom's policy (Ghost's roles): contributors write their own drafts; authors also publish
 * and delete their own articles and create tags; editors handle all content, comments, newsletters,
 * subscribers and media; administrators also staff accounts, settings, API tokens and the audit log.
 */
export const policy = {
  'articles.create': rule(
    (actor, resource) => isArticle(resource) || isEditor(actor),
    (resource) => `create ${resource?.kind ?? 'article'}s`,
  ),
  'articles.edit': rule(
    (actor, resource) =>
      isEditor(actor) ||
      (isArticle(resource) && isOwn(actor, resource) && (isAuthor(actor) || resource?.status === 'draft')),
    onArticle('edit'),
  ),
  'articles.publish': rule(
    (actor, resource) =>
      isEditor(actor) || (isAuthor(actor) && isArticle(resource) && isOwn(actor, resource)),
    (resource) =>
      resource && isArticle(resource) ? 'publish, schedule or unpublish this article' : 'publish pages',
  ),
  'articles.delete': rule(
    (actor, resource) =>
      isEditor(actor) ||
      (isArticle(resource) && isOwn(actor, resource) && (isAuthor(actor) || resource?.status === 'draft')),
    onArticle('delete'),
  ),
  'tags.create': rule(isAuthor, 'create tags'),
  'taxonomy.write': rule(isEditor, 'change categories or tags'),
  'people.write': rule(isEditor, 'change authors'),
  'media.upload': rule(() => true, 'upload media'),
  'media.write': rule(isEditor, 'change or delete media'),
  'comments.read': rule(isEditor, 'read the moderation queues', true),
  'comments.moderate': rule(isEditor, 'moderate comments'),
  'newsletters.manage': rule(isEditor, 'change newsletters'),
  'subscribers.read': rule(isEditor, 'read subscribers', true),
  'subscribers.manage': rule(isEditor, 'change subscribers or the suppression list'),
  'settings.write': rule(atLeast('administrator'), 'change settings'),
  'tokens.manage': rule(atLeast('administrator'), 'manage API tokens'),
  'staff.manage': rule(atLeast('administrator'), 'manage staff accounts'),
  'audit.read': rule(atLeast('administrator'), 'read the audit log'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof policy;

/**
 * Whether `actor` may do `action` (to `resource`, for the article actions). The system (CLI, jobs)
 * may do anything; an `admin` API token is an administrator; a `read` token may only read what an
 * editor may read.
 *
 * @example
 * can({ kind: 'staff', id, role: 'author', email }, 'articles.publish', { kind: 'article', createdBy: id, status: 'draft' }); // true
 */
export function can(actor: Actor, action: Action, resource?: ArticleResource): boolean {
  const entry: Rule = policy[action];
  if (actor.kind === 'system') return true;
  if (actor.kind === 'token') return actor.scope === 'admin' || entry.isRead;
  return entry.allows(actor, resource);
}

/**
 * Refuses (403 `FORBIDDEN_ROLE`) unless the current actor may do `action`: services call it first
 * thing in every write, so that the REST API, the admin app and the CLI share one rule.
 *
 * @example
 * requirePermission('settings.write');
 * requirePermission('articles.edit', { kind: 'article', createdBy: article.createdBy ?? null, status: article.status });
 */
export function requirePermission(action: Action, resource?: ArticleResource): void {
  const actor = currentActor();
  if (can(actor, action, resource)) return;
  const who =
    actor.kind === 'staff'
      ? `${/^[aeiou]/.test(actor.role) ? 'An' : 'A'} ${actor.role}`
      : 'A read-only API token';
  throw new ForbiddenError('FORBIDDEN_ROLE', `${who} may not ${policy[action].does(resource)}.`);
}

/** The id of the staff member acting, to record as an article's creator (none for tokens and the system). */
export function actingStaffId(): string | null {
  const actor = currentActor();
  return actor.kind === 'staff' ? actor.id : null;
}
