/**
 * The pinned facility log-in API: POST /api/v1/facility/session (password → code mailed),
 * POST /api/v1/facility/session/otp (code → session cookie), GET and DELETE /api/v1/facility/session,
 * PATCH /api/v1/facility/account (password change; any `email` → 403).
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import { errors } from '../../../http/errors.js';
import { validationMessages } from '../../../http/validation.messages.js';
import type { AppContext } from '../../../platform/context.js';
import { requireFacilityApi } from '../shared/facility-session.js';
import { changeOwnPassword, refuseEmailChange } from './change-own-password.js';
import { logOutFacility } from './log-out.js';
import { accountBody, codeBody, logInBody, logInResponse, sessionCreatedResponse, sessionResponse } from './portal-auth.schemas.js';
import { readPortalAccount } from './read-account.js';
import { startFacilityLogIn } from './start-log-in.js';
import { codeError, verifyFacilityCode } from './verify-code.js';

const tags = ['facility'];
const security = ['facilitySession'] as const;

export function registerPortalAuthApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/session',
    summary: 'Facility log-in, step 1: log-in ID and password; a one-time code is mailed to the registered address',
    description:
      'Wrong ID or password, an unknown, disabled or locked user: the same 401 invalid_credentials (and similar time). 5 wrong passwords lock the user for 15 minutes, longer each time. The code (6 digits, valid 10 minutes, 5 tries) belongs to the returned challengeId only; a new log-in supersedes older codes. Every attempt is audited.',
    tags,
    auth: 'public',
    body: logInBody,
    responses: {
      200: { description: 'Password accepted; the code was mailed', schema: logInResponse },
      401: { description: 'Wrong log-in ID or password (the same answer for unknown, disabled and locked users)' },
      429: {
        description: 'Too many failed attempts for this ID from this client or from this client, or too many codes mailed (Retry-After)',
      },
    },
    async handler({ req, body }) {
      const r = await startFacilityLogIn(ctx, { ...body, clientIp: req.ip, requestId: req.id });
      return { otpRequired: true as const, challengeId: r.challengeId };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/session/otp',
    summary: 'Facility log-in, step 2: the e-mailed code for the challenge; sets the session cookie',
    description:
      'A wrong, reused or expired code: 401 otp_failed. After 5 wrong codes the challenge is dead (even the right code fails): log in again.',
    tags,
    auth: 'public',
    body: codeBody,
    responses: {
      200: { description: 'Logged in; the session cookie is set', schema: sessionCreatedResponse },
      401: { description: 'Wrong, reused or expired code, or a dead challenge (otp_failed)' },
    },
    async handler({ req, reply, body }) {
      const c = await verifyFacilityCode(ctx, reply, { ...body, clientIp: req.ip, requestId: req.id });
      if (c.result !== 'ok') throw codeError(c);
      return { csrfToken: c.actor.csrfToken };
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/session',
    summary: 'Who is logged in: the log-in ID and the facility',
    tags,
    auth: 'public',
    security,
    responses: { 200: { description: 'The session', schema: sessionResponse }, 401: { description: 'No session' } },
    async handler({ req }) {
      const actor = await requireFacilityApi(ctx, req);
      const a = await readPortalAccount(ctx, actor);
      return {
        loginId: a.loginId,
        facility: { code: a.facility.code, name: a.facility.name, type: a.facility.type },
        csrfToken: actor.csrfToken,
      };
    },
  });

  defineApi(app, {
    method: 'DELETE',
    url: '/api/v1/facility/session',
    summary: 'Log out (the session ends on the server; the old cookie no longer works)',
    tags,
    auth: 'public',
    security,
    responses: { 204: { description: 'Logged out' }, 401: { description: 'No session' } },
    async handler({ req, reply }) {
      const actor = await requireFacilityApi(ctx, req);
      await logOutFacility(ctx, req, reply, actor);
      reply.code(204);
    },
  });

  defineApi(app, {
    method: 'PATCH',
    url: '/api/v1/facility/account',
    summary: 'Change your password; the registered e-mail address cannot be changed here (403)',
    description:
      'With an `email` property, whatever else is sent: 403, audited (facility.account.email_refused) — the address is registered by the city’s childcare facility division from the facility’s notification. `{ currentPassword, newPassword }` changes the password (at least 12 characters) and ends your other sessions.',
    tags,
    auth: 'public',
    security,
    body: accountBody,
    responses: {
      204: { description: 'Password changed' },
      401: { description: 'No session' },
      403: { description: 'An `email` was sent (or the CSRF token is missing)' },
      422: { description: 'Current password wrong, or the new one refused (field errors)' },
      429: { description: 'Too many wrong current passwords (Retry-After)' },
    },
    async handler({ req, reply, body }) {
      const actor = await requireFacilityApi(ctx, req);
      if (Object.hasOwn((req.body ?? {}) as object, 'email')) return refuseEmailChange(ctx, req, actor);
      const missing = (['currentPassword', 'newPassword'] as const).filter((f) => !body[f]);
      if (missing.length) throw errors.validation(missing.map((field) => ({ field, message: validationMessages.text('required') })));
      await changeOwnPassword(ctx, req, actor, { currentPassword: body.currentPassword ?? '', newPassword: body.newPassword ?? '' });
      reply.code(204);
    },
  });
}
