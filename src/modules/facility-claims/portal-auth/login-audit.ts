/**
 * Audit entries of log-in events, filed under the facility childcare division. A typed log-in id that is
 * no user's is recorded only as a keyed hash (a password typed into the id field must not reach the log).
 */
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';

/** Blind-index context of typed log-in ids (throttle keys, audit labels of unknown ids). */
const TYPED_LOGIN_ID = 'fc_users.login_id.typed';

export const UNKNOWN_LOGIN_PREFIX = 'unknown#';

/** A keyed hash of what was typed as the log-in id: comparable across entries, not reversible by guessing. */
export function typedLoginIdHash(ctx: Pick<AppContext, 'crypto'>, loginId: string): string {
  return ctx.crypto.blindIndex(loginId, TYPED_LOGIN_ID).slice(0, 16);
}

export function attemptActor(
  ctx: Pick<AppContext, 'crypto'>,
  loginId: string,
  user: { id: string; login_id: string } | undefined,
): AuditActor {
  return user
    ? { type: 'facility', id: user.id, label: user.login_id }
    : { type: 'facility', id: null, label: `${UNKNOWN_LOGIN_PREFIX}${typedLoginIdHash(ctx, loginId)}` };
}

export type LoginAuditEvent = {
  actor: AuditActor;
  action:
    | 'facility.login.password'
    | 'facility.login.failed'
    | 'facility.login.otp_failed'
    | 'facility.login.success'
    | 'facility.logout'
    | 'facility.account.email_refused'
    | 'facility.user.update';
  outcome?: 'success' | 'failure' | 'denied';
  userId?: string | null;
  clientIp: string;
  requestId: string;
  detail: Record<string, unknown>;
};

export async function recordLoginAudit(
  ctx: Pick<AppContext, 'config' | 'clock'>,
  tx: Queryable,
  e: LoginAuditEvent,
  now: Date = ctx.clock.now(),
): Promise<void> {
  await recordAudit(
    tx,
    {
      actor: e.actor,
      action: e.action,
      outcome: e.outcome ?? 'success',
      departmentId: await reviewDepartmentId(tx, ctx.config),
      recordType: e.userId ? 'fc_user' : null,
      recordId: e.userId ?? null,
      clientIp: e.clientIp,
      requestId: e.requestId,
      detail: e.detail,
    },
    now,
  );
}
