/** The staff JSON API: session, second factor, password, accounts, departments, security events. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../http/api-route.js';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf } from '../audit/index.js';
import { listSecurityEvents, type SecurityEvent } from '../security/index.js';
import * as accounts from './accounts.js';
import { actorForSession } from './authenticator.js';
import { changePassword } from './change-password.js';
import { createDepartment } from './departments.js';
import { logIn } from './log-in.js';
import { beginMfaSetup, confirmMfaSetup, verifyMfaLogin } from './mfa.js';
import { acknowledgeAlert } from './security-alerts.js';
import { clearSessionCookie, setSessionCookie } from './sessions.js';
import * as s from './staff.schemas.js';
import { assertMfaPassed, logOut, sessionView, switchDepartment } from './staff-session.js';
import { listDepartments } from './staff.repository.js';
import { isSystemAdmin } from './staff.policy.js';

const meta = (req: FastifyRequest) => ({ clientIp: req.ip, requestId: req.id });
const tags = ['staff'];
const problem = (description: string) => ({ description });

export function requireSystemAdmin(actor: StaffActor) {
  if (!isSystemAdmin(actor)) throw errors.forbidden();
}

const eventView = (e: SecurityEvent) => ({
  id: e.id,
  occurredAt: e.occurredAt.toISOString(),
  kind: e.kind,
  severity: e.severity,
  clientIp: e.clientIp,
  subject: e.subject,
  detail: e.detail,
  acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
});

export function registerStaffApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/session',
    summary: 'Log in (password step). Sets the session cookie; the second factor may follow.',
    tags,
    auth: 'public',
    body: s.logInBody,
    responses: {
      200: { description: 'Logged in (check mustChangePassword / mfaPending)', schema: s.sessionResponse },
      401: problem('Wrong login id or password'),
      403: problem('Log-in not allowed from this network'),
      423: problem('Account locked (Retry-After)'),
      429: problem('Too many failed attempts for this login id from this address (Retry-After)'),
    },
    async handler({ req, reply, body }) {
      const r = await logIn(ctx, { ...body, clientIp: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), requestId: req.id });
      setSessionCookie(reply, ctx.config, r.token);
      const actor = await actorForSession(ctx, r.tokenHash);
      if (!actor) throw errors.unauthenticated();
      return sessionView(ctx, actor);
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/session',
    summary: 'The current session (also while log-in steps are pending).',
    tags,
    auth: 'staff',
    incompleteLogin: true,
    responses: { 200: { description: 'Session', schema: s.sessionResponse } },
    handler: async ({ staff }) => sessionView(ctx, staff),
  });

  defineApi(app, {
    method: 'DELETE',
    url: '/api/v1/staff/session',
    summary: 'Log out.',
    tags,
    auth: 'staff',
    incompleteLogin: true,
    responses: { 204: { description: 'Logged out' } },
    async handler({ req, reply, staff }) {
      await logOut(ctx, req, staff);
      clearSessionCookie(reply, ctx.config);
      reply.code(204);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/session/mfa',
    summary: 'Log in, second step: a TOTP code or a recovery code.',
    tags,
    auth: 'staff',
    incompleteLogin: true,
    body: s.mfaCodeBody,
    responses: {
      200: { description: 'Second factor passed', schema: s.sessionResponse },
      422: problem('Wrong code'),
      423: problem('Second factor locked after repeated wrong codes (Retry-After)'),
    },
    async handler({ req, body, staff }) {
      await verifyMfaLogin(ctx, staff, body.code, meta(req));
      return sessionView(ctx, (await actorForSession(ctx, staff.sessionTokenHash)) ?? staff);
    },
  });

  defineApi(app, {
    method: 'PUT',
    url: '/api/v1/staff/session/department',
    summary: 'Switch the current department (among your memberships).',
    tags,
    auth: 'staff',
    body: s.switchDepartmentBody,
    responses: { 200: { description: 'Switched', schema: s.sessionResponse }, 404: problem('Not one of your departments') },
    async handler({ body, staff }) {
      await switchDepartment(ctx, staff, body.departmentId);
      return sessionView(ctx, staff);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/password',
    summary: 'Change your own password (also the forced change at first log-in).',
    tags,
    auth: 'staff',
    incompleteLogin: true,
    body: s.changePasswordBody,
    responses: { 200: { description: 'Changed', schema: s.sessionResponse }, 422: problem('Policy or current password') },
    async handler({ req, body, staff }) {
      assertMfaPassed(staff);
      await changePassword(ctx, staff, body, meta(req));
      return sessionView(ctx, (await actorForSession(ctx, staff.sessionTokenHash)) ?? staff);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/mfa/setup',
    summary: 'Start setting up TOTP: secret, otpauth URI and QR code (SVG).',
    tags,
    auth: 'staff',
    incompleteLogin: true,
    responses: { 200: { description: 'Pending secret', schema: s.mfaSetupResponse } },
    async handler({ staff }) {
      assertMfaPassed(staff);
      return beginMfaSetup(ctx, staff);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/mfa/enable',
    summary: 'Confirm TOTP set-up with a first code; returns 10 single-use recovery codes (shown once).',
    tags,
    auth: 'staff',
    incompleteLogin: true,
    body: s.mfaCodeBody,
    responses: { 200: { description: 'Enabled', schema: s.recoveryCodesResponse }, 422: problem('Wrong code') },
    async handler({ req, body, staff }) {
      assertMfaPassed(staff);
      return { recoveryCodes: await confirmMfaSetup(ctx, staff, body.code, meta(req)) };
    },
  });

  // ---- accounts
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/accounts',
    summary: 'Accounts you may manage (all for system administrators, your departments for department administrators).',
    tags,
    auth: 'staff',
    responses: { 200: { description: 'Accounts', schema: z.array(s.accountSchema) } },
    handler: async ({ staff }) => accounts.listAccounts(ctx, staff),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/accounts',
    summary: 'Create an account (the initial password must be changed at first log-in).',
    tags,
    auth: 'staff',
    body: s.createAccountBody,
    responses: { 201: { description: 'Created', schema: s.accountWithPassword }, 404: problem('Department not administered by you') },
    async handler({ req, reply, body, staff }) {
      const r = await accounts.createAccount(ctx, staff, body, meta(req));
      reply.code(201);
      return r;
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/accounts/:id',
    summary: 'One account.',
    tags,
    auth: 'staff',
    params: s.idParams,
    responses: { 200: { description: 'Account', schema: s.accountSchema }, 404: problem('Unknown or not yours to manage') },
    handler: async ({ params, staff }) => accounts.getAccount(ctx, staff, params.id),
  });

  defineApi(app, {
    method: 'PATCH',
    url: '/api/v1/staff/accounts/:id',
    summary: 'Edit the display name.',
    tags,
    auth: 'staff',
    params: s.idParams,
    body: s.updateAccountBody,
    responses: { 200: { description: 'Account', schema: s.accountSchema } },
    handler: async ({ req, params, body, staff }) => accounts.updateDisplayName(ctx, staff, params.id, body.displayName, meta(req)),
  });

  defineApi(app, {
    method: 'PUT',
    url: '/api/v1/staff/accounts/:id/memberships/:departmentId',
    summary: 'Grant or change a role in a department you administer (department administrators never grant sys-admin).',
    tags,
    auth: 'staff',
    params: s.membershipParams,
    body: s.grantBody,
    responses: { 200: { description: 'Account', schema: s.accountSchema }, 403: problem('Role not grantable by you') },
    handler: async ({ req, params, body, staff }) =>
      accounts.grantMembership(ctx, staff, params.id, params.departmentId, body.role, meta(req)),
  });

  defineApi(app, {
    method: 'DELETE',
    url: '/api/v1/staff/accounts/:id/memberships/:departmentId',
    summary: 'Revoke a membership.',
    tags,
    auth: 'staff',
    params: s.membershipParams,
    responses: { 204: { description: 'Revoked' } },
    async handler({ req, reply, params, staff }) {
      await accounts.revokeMembership(ctx, staff, params.id, params.departmentId, meta(req));
      reply.code(204);
    },
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    defineApi(app, {
      method: 'POST',
      url: `/api/v1/staff/accounts/:id/${path}`,
      summary: disabled ? 'Disable an account (ends its sessions).' : 'Enable an account.',
      tags,
      auth: 'staff',
      params: s.idParams,
      responses: { 200: { description: 'Account', schema: s.accountSchema } },
      handler: async ({ req, params, staff }) => accounts.setDisabled(ctx, staff, params.id, disabled, meta(req)),
    });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/accounts/:id/reset-password',
    summary: 'Reset the password (typed or generated; must be changed at next log-in).',
    tags,
    auth: 'staff',
    params: s.idParams,
    body: s.resetPasswordBody,
    responses: { 200: { description: 'Reset', schema: s.accountWithPassword } },
    handler: async ({ req, params, body, staff }) => accounts.resetPassword(ctx, staff, params.id, body.password || undefined, meta(req)),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/accounts/:id/reset-mfa',
    summary: 'Turn off the second factor (the person sets it up again).',
    tags,
    auth: 'staff',
    params: s.idParams,
    responses: { 200: { description: 'Account', schema: s.accountSchema } },
    handler: async ({ req, params, staff }) => accounts.resetMfa(ctx, staff, params.id, meta(req)),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/accounts/:id/unlock',
    summary: 'Clear the password lockout and the second-factor lockout before they expire.',
    tags,
    auth: 'staff',
    params: s.idParams,
    responses: {
      200: { description: 'Account', schema: s.accountSchema },
      404: problem('Unknown or not yours to manage'),
      409: problem('Not locked'),
    },
    handler: async ({ req, params, staff }) => accounts.unlockAccount(ctx, staff, params.id, meta(req)),
  });

  // ---- departments
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/departments',
    summary: 'All departments (system administrators).',
    tags,
    auth: 'staff',
    responses: { 200: { description: 'Departments', schema: z.array(s.departmentSchema) } },
    async handler({ staff }) {
      requireSystemAdmin(staff);
      return (await listDepartments(ctx.db)).map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.name_en }));
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/departments',
    summary: 'Create a department (system administrators).',
    tags,
    auth: 'staff',
    body: s.createDepartmentBody,
    responses: { 201: { description: 'Created', schema: s.departmentSchema } },
    async handler({ req, reply, body, staff }) {
      requireSystemAdmin(staff);
      const d = await createDepartment(ctx, body, { ...auditContextOf(req) });
      reply.code(201);
      return { id: d.id, code: d.code, name: d.name, nameEn: d.name_en };
    },
  });

  // ---- security events
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/security-events',
    summary: 'Recent security events (system administrators).',
    tags,
    auth: 'staff',
    responses: { 200: { description: 'Events', schema: z.array(s.securityEventSchema) } },
    async handler({ staff }) {
      requireSystemAdmin(staff);
      return (await listSecurityEvents(ctx.db, { limit: 200 })).map(eventView);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/security-events/:id/acknowledge',
    summary: 'Acknowledge a security alert.',
    tags,
    auth: 'staff',
    params: z.object({ id: z.coerce.number().int().positive() }),
    responses: { 204: { description: 'Acknowledged' } },
    async handler({ req, reply, params, staff }) {
      await acknowledgeAlert(ctx, staff, params.id, meta(req));
      reply.code(204);
    },
  });
}
