/**
 * The forms of a facility user on the facility screen: POST /staff/facilities/:id/users/:userId/email
 * (a new address from the facility's notification: ends the user's sessions and open log-ins),
 * …/password (a new password set by staff: ends the sessions), …/unlock and …/disable. Each calls one
 * operation and goes back to the facility screen; a refusal shows it again with the message at the field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect, type PageResult } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { changeFacilityUserEmail } from '../change-facility-user-email.js';
import { disableFacilityUser } from '../disable-facility-user.js';
import { changeEmailBody, facilityUserParams, resetPasswordBody } from '../facilities.schemas.js';
import { staffActing } from '../facility-admin.js';
import { getFacility } from '../get-facility.js';
import { resetFacilityUserPassword } from '../reset-facility-user-password.js';
import { unlockFacilityUser } from '../unlock-facility-user.js';
import { renderDetail, userField, type Done } from './detail.view.js';
import { mayManage, rawOf } from './facility-form.view.js';

type At = { req: FastifyRequest; actor: StaffActor; params: { id: string; userId: string }; csrf: string };

export function registerFacilityUserActions(app: FastifyInstance, ctx: AppContext): void {
  /** The facility screen again, the user's fields keyed by the user (what was typed kept, except a password). */
  const again = async (a: At, raw: Record<string, string>, errors: { field: string; message: string }[]): Promise<PageResult> => {
    const f = await getFacility(ctx, staffActing(a.req, a.actor), a.params.id);
    const key = (field: string) => userField(a.params.userId, field);
    const keyedRaw = Object.fromEntries(
      Object.entries(raw)
        .filter(([k]) => k !== 'password')
        .map(([k, v]) => [key(k), v]),
    );
    const keyed = errors.map((e) => ({ ...e, field: key(e.field) }));
    return { html: renderDetail(ctx, a.req, a.actor, f, { csrf: a.csrf, raw: keyedRaw, errors: keyed }), status: 422 };
  };
  const run = async (a: At, op: () => Promise<unknown>, done: Done): Promise<PageResult> => {
    try {
      await op();
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return again(a, rawOf(a.req.body), pageErrorsOf(err, a.req.lang));
    }
    return redirect(`/staff/facilities/${a.params.id}?done=${done}&user=${a.params.userId}`);
  };
  const base = { auth: 'staff', allow: mayManage(ctx.config), params: facilityUserParams } as const;

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/facilities/:id/users/:userId/email',
    summary: "Change a facility user's address from a new notification (ends their sessions and open log-ins; audited)",
    body: changeEmailBody,
    invalid: ({ req, actor, params, csrf, raw, errors }) => again({ req, actor, params, csrf }, raw, errors),
    handler: ({ req, actor, params, body, csrf }) =>
      run(
        { req, actor, params, csrf },
        () => changeFacilityUserEmail(ctx, staffActing(req, actor), params.id, params.userId, body),
        'emailChanged',
      ),
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/facilities/:id/users/:userId/password',
    summary: 'Set a new password for a facility user (ends their sessions; audited)',
    body: resetPasswordBody,
    invalid: ({ req, actor, params, csrf, raw, errors }) => again({ req, actor, params, csrf }, raw, errors),
    handler: ({ req, actor, params, body, csrf }) =>
      run(
        { req, actor, params, csrf },
        () => resetFacilityUserPassword(ctx, staffActing(req, actor), params.id, params.userId, body.password),
        'passwordReset',
      ),
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/facilities/:id/users/:userId/unlock',
    summary: "Clear a facility user's log-in lockout (audited)",
    handler: ({ req, actor, params, csrf }) =>
      run({ req, actor, params, csrf }, () => unlockFacilityUser(ctx, staffActing(req, actor), params.id, params.userId), 'userUnlocked'),
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/facilities/:id/users/:userId/disable',
    summary: 'Disable a facility user (ends their sessions; audited)',
    handler: ({ req, actor, params, csrf }) =>
      run({ req, actor, params, csrf }, () => disableFacilityUser(ctx, staffActing(req, actor), params.id, params.userId), 'userDisabled'),
  });
}
