import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseSingle } from '../lib/http/request-input.ts';
import { en } from '../locales/en.ts';
import { type AdminAuthentication, STAFF_COOKIE } from './staff-auth.ts';
import { LoginLockedError } from './staff-errors.ts';
import type { StaffSession } from './staff-login.ts';
import type { StaffService } from './staff-service.ts';
import { staffJson } from './staff-user.ts';

/** What strangers may send per client address: sign-ins per minute, reset requests per 10 minutes. */
const LOGINS_PER_MINUTE = 10;
const RESET_REQUESTS_PER_10_MINUTES = 5;
const LINK_USES_PER_10_MINUTES = 10;

const sessionJson = (session: StaffSession) => ({
  session: {
    staff: staffJson(session.user),
    csrf_token: session.csrfToken,
    expires_at: session.expiresAt.toISOString(),
  },
});

/**
 * The staff routes of the Admin API (registered inside `/api/admin`): sign in and out, the session
 * and its TOTP, password resets and invitations (these three work without authentication and are
 * rate-limited per client), and the staff directory for administrators.
 *
 * @example
 * registerStaffApi(admin, { staff, auth, isRateLimited: true });
 */
export function registerStaffApi(
  app: FastifyInstance,
  deps: { staff: StaffService; auth: AdminAuthentication; isRateLimited: boolean },
): void {
  const { staff, auth } = deps;
  const open = (max: number, timeWindow: string) => ({
    config: {
      adminAuth: 'none' as const,
      ...(deps.isRateLimited ? { rateLimit: { max, timeWindow } } : {}),
    },
  });

  // RFC 9110 §10.2.3: tell the client when it may try again.
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof LoginLockedError) reply.header('Retry-After', String(error.retryAfterSeconds));
  });

  app.post('/session', open(LOGINS_PER_MINUTE, '1 minute'), async (request, reply) => {
    const session = await staff.login(request.body, {
      ip: request.ip,
      previousSession: request.cookies[STAFF_COOKIE],
    });
    auth.setCookie(reply, session);
    return reply.header('Cache-Control', 'no-store').send(sessionJson(session));
  });

  app.get('/session', async (request, reply) =>
    reply.header('Cache-Control', 'no-store').send(sessionJson(auth.sessionOf(request))),
  );

  app.delete('/session', async (request, reply) => {
    await staff.logout(auth.sessionOf(request).token);
    auth.clearCookie(reply);
    return reply.code(204).send();
  });

  app.delete('/sessions', async (request, reply) => {
    await staff.logoutEverywhere(auth.sessionOf(request).user);
    auth.clearCookie(reply);
    return reply.code(204).send();
  });

  app.post('/session/totp', async (request, reply) => {
    const enrolled = await staff.enrolTotp(auth.sessionOf(request).user);
    return reply.header('Cache-Control', 'no-store').send({ totp: enrolled });
  });

  app.post('/session/totp/confirm', async (request) => ({
    staff: [staffJson(await staff.confirmTotp(auth.sessionOf(request).user, request.body))],
  }));

  app.delete('/session/totp', async (request) => ({
    staff: [
      staffJson(await staff.disableTotp(auth.sessionOf(request).user, request.body, { ip: request.ip })),
    ],
  }));

  app.post('/password-resets', open(RESET_REQUESTS_PER_10_MINUTES, '10 minutes'), async (request, reply) => {
    await staff.requestPasswordReset(request.body);
    return reply.code(202).send({
      status: 'pending',
      message: en.staff.resetRequested,
    });
  });

  app.post<{ Params: { token: string } }>(
    '/password-resets/:token',
    open(LINK_USES_PER_10_MINUTES, '10 minutes'),
    async (request, reply) => {
      await staff.resetPassword(request.params.token, request.body);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { token: string } }>(
    '/invitations/:token',
    open(LINK_USES_PER_10_MINUTES, '10 minutes'),
    async (request) => ({
      staff: [staffJson(await staff.acceptInvitation(request.params.token, request.body))],
    }),
  );

  app.post('/invitations', async (request, reply) => {
    const { user, expiresAt } = await staff.invite(parseSingle(request.body, 'invitations', z.unknown()));
    return reply.code(201).send({
      invitations: [
        { email: user.email, role: user.role, staff_id: user.id, expires_at: expiresAt.toISOString() },
      ],
    });
  });

  app.get('/staff', async () => ({ staff: (await staff.list()).map(staffJson) }));

  app.post('/staff', async (request, reply) => {
    const created = await staff.create(parseSingle(request.body, 'staff', z.unknown()));
    return reply.code(201).send({ staff: [staffJson(created)] });
  });

  app.get<{ Params: { id: string } }>('/staff/:id', async (request) => ({
    staff: [staffJson(await staff.get(request.params.id))],
  }));

  app.patch<{ Params: { id: string } }>('/staff/:id', async (request) => ({
    staff: [
      staffJson(await staff.update(request.params.id, parseSingle(request.body, 'staff', z.unknown()))),
    ],
  }));

  app.delete<{ Params: { id: string } }>('/staff/:id', async (request, reply) => {
    await staff.disable(request.params.id);
    return reply.code(204).send();
  });
}
