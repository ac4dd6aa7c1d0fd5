/**
 * Staff log-in, step one (password). Same 401 and similar timing for an unknown login id (a dummy
 * hash is verified). Lockout after N consecutive failures via one conditional UPDATE (per
 * account); failures are also throttled per (account, client address). A whole address is never
 * refused for everyone (an office shares one address behind its NAT): a burst of failures across
 * many accounts from one address raises a security alert instead. Optional network allow-list.
 * Every outcome is audited; an unknown login id is recorded only as a keyed hash (a password
 * typed into the id field must not end up in the audit log).
 */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { hitThrottle, isAddressAllowed, peekThrottle, recordSecurityEvent } from '../security/index.js';
import { lockedError, lockedUntilAfter, normaliseLoginId, retryAfterSeconds } from './lockout.js';
import { verifyDummy, verifyPassword } from '../../platform/passwords.js';
import { createSession } from './sessions.js';
import { findStaffByLoginId, membershipsOf, registerFailedLogin, registerSuccessfulLogin, type StaffRow } from './staff.repository.js';
import { staffErrors } from './staff-errors.messages.js';

/** Failed log-ins tolerated per (login id, client address) per 15 minutes. */
export const ACCOUNT_ADDRESS_FAILURE_LIMIT = { limit: 10, windowSeconds: 900 };
/** Failed log-ins from one address (any accounts) per 15 minutes that raise a security alert; nobody is refused for it. */
export const ADDRESS_FAILURE_ALERT = { limit: 30, windowSeconds: 900 };

export type LogInInput = { loginId: string; password: string; clientIp: string; userAgent: string; requestId: string };

/** Keyed (HMAC) hash of a typed login id: comparable across entries, not reversible by guessing. */
export const loginIdHash = (ctx: AppContext, loginId: string) => ctx.crypto.blindIndex(loginId, 'staff.login_id').slice(0, 16);

/** Audit label of an attempt: the login id of a real account, else only the keyed hash of what was typed. */
export const UNKNOWN_LOGIN_PREFIX = 'unknown#';
function attemptActor(ctx: AppContext, loginId: string, staff: StaffRow | undefined): AuditActor {
  return staff
    ? { type: 'staff', id: staff.id, label: staff.login_id }
    : { type: 'staff', id: null, label: `${UNKNOWN_LOGIN_PREFIX}${loginIdHash(ctx, loginId)}` };
}

export async function logIn(ctx: AppContext, input: LogInInput) {
  const now = ctx.clock.now();
  const loginId = normaliseLoginId(input.loginId);
  const base = { clientIp: input.clientIp, requestId: input.requestId };
  const staff = await findStaffByLoginId(ctx.db, loginId);
  const actor = attemptActor(ctx, loginId, staff);
  const unknownDetail = staff ? {} : { loginIdHash: loginIdHash(ctx, loginId) };

  if (!isAddressAllowed(input.clientIp, ctx.config.staff.loginAllowedNetworks)) {
    await ctx.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        { ...base, actor, action: 'staff.login_failed', outcome: 'denied', detail: { reason: 'network_not_allowed', ...unknownDetail } },
        now,
      );
      // the intrusion detector login_outside_network counts these (src/modules/operations/detection)
      await recordSecurityEvent(
        tx,
        {
          kind: 'staff.login_outside_network',
          severity: 'warning',
          clientIp: input.clientIp,
          subject: staff?.id ?? null,
          detail: unknownDetail,
        },
        now,
      );
    });
    throw errors.forbidden(staffErrors.text('networkNotAllowed'));
  }

  // Every failed attempt from the address counts (locked and throttled ones too); the one that
  // reaches the limit raises the alert, exactly once per window. Nobody is refused for it.
  const noteAddressFailure = async () => {
    const r = await hitThrottle(ctx.db, `staff-login-fail:ip:${input.clientIp}`, ADDRESS_FAILURE_ALERT, now);
    if (r.count === ADDRESS_FAILURE_ALERT.limit)
      await recordSecurityEvent(
        ctx.db,
        {
          kind: 'staff.login_failure_burst',
          severity: 'alert',
          clientIp: input.clientIp,
          detail: { failures: r.count, windowSeconds: ADDRESS_FAILURE_ALERT.windowSeconds },
        },
        now,
      );
  };

  const pairKey = `staff-login-fail:account-ip:${loginIdHash(ctx, loginId)}:${input.clientIp}`;
  if ((await peekThrottle(ctx.db, pairKey, ACCOUNT_ADDRESS_FAILURE_LIMIT, now)) >= ACCOUNT_ADDRESS_FAILURE_LIMIT.limit) {
    const r = await hitThrottle(ctx.db, pairKey, ACCOUNT_ADDRESS_FAILURE_LIMIT, now);
    await noteAddressFailure();
    await ctx.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        {
          ...base,
          actor,
          action: 'staff.login_failed',
          outcome: 'denied',
          recordType: staff ? 'staff' : null,
          recordId: staff?.id ?? null,
          detail: { reason: 'throttled', ...unknownDetail },
        },
        now,
      );
    });
    throw errors.tooManyRequests(r.retryAfterSeconds);
  }

  if (staff && staff.locked_until && retryAfterSeconds(staff.locked_until, now) > 0) {
    await noteAddressFailure();
    await ctx.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        {
          ...base,
          actor,
          action: 'staff.login_failed',
          outcome: 'denied',
          recordType: 'staff',
          recordId: staff.id,
          detail: { reason: 'locked' },
        },
        now,
      );
    });
    throw lockedError(staff.locked_until, now, 'password');
  }

  const ok = staff ? await verifyPassword(staff.password_hash, input.password) : await verifyDummy(input.password);

  if (!staff || !ok || staff.is_disabled) {
    await hitThrottle(ctx.db, pairKey, ACCOUNT_ADDRESS_FAILURE_LIMIT, now);
    await noteAddressFailure();
    const locked = await ctx.db.transaction(async (tx) => {
      let result: Awaited<ReturnType<typeof registerFailedLogin>> = null;
      if (staff && !staff.is_disabled) {
        result = await registerFailedLogin(
          tx,
          staff.id,
          now,
          ctx.config.staff.lockoutThreshold,
          lockedUntilAfter(now, ctx.config.staff.lockoutMinutes),
        );
        if (result === null) {
          // locked by a concurrent attempt between our read and this update
          await recordAudit(
            tx,
            {
              ...base,
              actor,
              action: 'staff.login_failed',
              outcome: 'denied',
              recordType: 'staff',
              recordId: staff.id,
              detail: { reason: 'locked' },
            },
            now,
          );
          return { lockedUntil: (await findStaffByLoginId(tx, loginId))?.locked_until ?? null };
        }
      }
      await recordAudit(
        tx,
        {
          ...base,
          actor,
          action: 'staff.login_failed',
          outcome: 'failure',
          recordType: staff ? 'staff' : null,
          recordId: staff?.id ?? null,
          detail: staff
            ? { reason: staff.is_disabled ? 'disabled' : 'wrong_password', failedCount: result?.count ?? null }
            : { reason: 'unknown_login_id', ...unknownDetail },
        },
        now,
      );
      if (staff && result?.justLocked) {
        const detail = { loginId: staff.login_id, failedCount: result.count, lockedUntil: result.lockedUntil?.toISOString() };
        await recordAudit(tx, { ...base, actor, action: 'staff.locked', recordType: 'staff', recordId: staff.id, detail }, now);
        await recordSecurityEvent(
          tx,
          { kind: 'staff.locked', severity: 'alert', clientIp: input.clientIp, subject: staff.id, detail },
          now,
        );
        return { lockedUntil: result.lockedUntil };
      }
      return null;
    });
    if (locked?.lockedUntil) throw lockedError(locked.lockedUntil, now, 'password');
    throw errors.invalidCredentials();
  }

  return ctx.db.transaction(async (tx) => {
    if (!(await registerSuccessfulLogin(tx, staff.id, now, input.clientIp))) {
      // locked or disabled concurrently
      const fresh = await findStaffByLoginId(tx, loginId);
      if (fresh?.locked_until && retryAfterSeconds(fresh.locked_until, now) > 0) throw lockedError(fresh.locked_until, now, 'password');
      throw errors.invalidCredentials();
    }
    const memberships = await membershipsOf(tx, staff.id);
    const session = await createSession(tx, {
      staffId: staff.id,
      now,
      absoluteHours: ctx.config.staff.sessionAbsoluteHours,
      departmentId: memberships[0]?.departmentId ?? null,
      mfaPassed: false,
      ip: input.clientIp,
      userAgent: input.userAgent,
    });
    await recordAudit(
      tx,
      {
        ...base,
        actor: { type: 'staff', id: staff.id, label: staff.login_id },
        action: 'staff.login',
        recordType: 'staff',
        recordId: staff.id,
        detail: { mfaPending: staff.totp_enabled_at !== null },
      },
      now,
    );
    return { staffId: staff.id, ...session, preferredLanguage: staff.preferred_language };
  });
}
