import { AsyncLocalStorage } from 'node:async_hooks';

/** The newsroom roles, least to most trusted (Ghost's names and meanings). */
export const staffRoles = ['contributor', 'author', 'editor', 'administrator'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * Who is asking: a signed-in staff member, an API token, or the system itself (the CLI, jobs,
 * start-up), which may do anything. Services check permissions against the current actor.
 */
export type Actor =
  | { kind: 'staff'; id: string; role: StaffRole; email: string }
  | { kind: 'token'; id: string; scope: 'admin' | 'read' }
  | { kind: 'system' };

/** A box per request: opened when the request starts, filled once authentication knows who it is. */
type Holder = { actor: Actor };
const storage = new AsyncLocalStorage<Holder>();

export const systemActor: Actor = { kind: 'system' };

/**
 * The actor of the current request (set by the Admin API's authentication for the rest of the
 * request), or the system when no request set one (CLI, jobs).
 *
 * @example
 * const actor = currentActor();
 */
export const currentActor = (): Actor => storage.getStore()?.actor ?? systemActor;

/** Runs `work` as `actor`; everything it awaits sees that actor. */
export const runAs = <T>(actor: Actor, work: () => T): T => storage.run({ actor }, work);

/**
 * Opens the request's box, as the system until told otherwise: call from an `onRequest` hook as
 * `openActorScope(done)`, so that the route's handler runs inside it.
 */
export const openActorScope = (next: () => void): void => storage.run({ actor: systemActor }, next);

/** Names the actor of the current request (from a later hook, once authenticated). */
export function setActor(actor: Actor): void {
  const holder = storage.getStore();
  if (!holder) throw new Error('setActor outside a request scope: register openActorScope in onRequest');
  holder.actor = actor;
}
