import type { FastifyReply, FastifyRequest } from 'fastify';
import { setActor } from '../auth/actor.ts';
import type { ApiTokenService } from '../auth/api-token-service.ts';
import { staffErrors } from './staff-errors.ts';
import { type StaffSession, staffActor } from './staff-login.ts';
import type { StaffService } from './staff-service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `'none'`: an Admin API route that strangers may call (sign in, password reset, invitation). */
    adminAuth?: 'none';
  }
}

/** The staff session cookie: HttpOnly, SameSite=Strict, Secure on https sites, for the whole site. */
export const STAFF_COOKIE = 'masthead_staff';
export const CSRF_HEADER = 'x-csrf-token';

export type AdminAuthentication = ReturnType<typeof createAdminAuthentication>;

/**
 * Who is calling the Admin API: a Bearer API token (as before: read tokens may only read), or else
 * the staff session cookie. Cookie-authenticated writes must carry the session's CSRF token in
 * `X-CSRF-Token`, because browsers send cookies with cross-site requests; Bearer tokens need none,
 * since browsers never add them on their own. The actor is named for the services with `setActor`.
 *
 * @example
 * const auth = createAdminAuthentication({ tokens, staff, isSecure: true });
 * admin.addHook('preHandler', auth.preHandler);
 */
export function createAdminAuthentication(deps: {
  tokens: ApiTokenService;
  staff: StaffService;
  isSecure: boolean;
}) {
  const sessions = new WeakMap<FastifyRequest, StaffSession>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.isSecure } as const;

  return {
    async preHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (request.routeOptions.config.adminAuth === 'none') return;
      const isRead = request.method === 'GET' || request.method === 'HEAD';
      const cookie = request.cookies[STAFF_COOKIE];
      if (request.headers.authorization !== undefined || cookie === undefined) {
        const token = await deps.tokens.authenticate({
          header: request.headers.authorization,
          needs: isRead ? 'read' : 'admin',
        });
        setActor({ kind: 'token', id: token.id, scope: token.scope });
        return;
      }
      const session = await deps.staff.authenticate(cookie);
      if (!session) {
        reply.clearCookie(STAFF_COOKIE, cookieOptions);
        throw staffErrors.sessionInvalid();
      }
      if (!isRead && !deps.staff.csrf.isValid(session.token, request.headers[CSRF_HEADER]))
        throw staffErrors.csrfInvalid();
      sessions.set(request, session);
      setActor(staffActor(session.user));
    },

    /** The signed-in staff member of this request; 401 when it came with a token or without a session. */
    sessionOf(request: FastifyRequest): StaffSession {
      const session = sessions.get(request);
      if (!session) throw staffErrors.sessionRequired();
      return session;
    },

    setCookie: (reply: FastifyReply, session: StaffSession) =>
      reply.setCookie(STAFF_COOKIE, session.token, cookieOptions),
    clearCookie: (reply: FastifyReply) => reply.clearCookie(STAFF_COOKIE, cookieOptions),
  };
}
