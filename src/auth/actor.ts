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

const storage = new AsyncLocalStorage<Actor>();

export const systemActor: Actor = { kind: 'system' };

/**
 * The actor of the current request (set by the Admin API's authentication for the rest of the
 * request), or the system when no request set one (CLI, jobs).
 *
 * @example
 * const actor = currentActor();
 */
export const currentActor = (): Actor => storage.getStore() ?? systemActor;

/** Runs `work` as `actor`; everything it awaits sees that actor. */
export const runAs = <T>(actor: Actor, work: () => T): T => storage.run(actor, work);

/** Makes `actor` current for the rest of this asynchronous flow (a Fastify hook's request). */
export const enterAs = (actor: Actor): void => storage.enterWith(actor);
