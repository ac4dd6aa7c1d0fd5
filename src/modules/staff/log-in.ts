/**
 * Staff log-in, step one (password). Same 401 and similar timing for an unknown login id (a dummy
 * hash is verified). Lockout after N consecutive failures via one conditional UPDATE; per-client
 * throttling of failures via hitThrottle; optional network allow-list. Every outcome is audited.
 */
import crypto from 'node:crypto';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import { hitThrottle, isAddressAllowed, peekThrottle, recordSecurityEvent } from '../security/index.js';
import { lockedUntilAfter, normaliseLoginId, retryAfterSeconds } from './lockout.js';
import { verifyDummy, verifyPassword } from './password-hash.js';
import { createSession } from './sessions.js';
import { findStaffByLoginId, membershipsOf, registerFailedLogin, registerSuccessfulLogin } from './staff.repository.js';

/** Failed log-ins tolerated per client address per 15 minutes (a whole office may share one address). */
export const IP_FAILURE_LIMIT = { limit: 30, windowSeconds: 900 };

export type LogInInput = { loginId: string; password: string; clientIp: string; userAgent: string; requestId: string };

const loginKeyHash = (loginId: string) => crypto.createHash('sha256').update(loginId).digest('hex').slice(0, 16);

export async function logIn(ctx: AppContext, input: LogInInput) {
  const now = ctx.clock.now();
  const loginId = normaliseLoginId(input.loginId);
  const base = { clientIp: input.clientIp, requestId: input.requestId };
  const systemActor = { type: 'staff' as const, id: null, label: loginId.slice(0, 64) };

  if (!isAddressAllowed(input.clientIp, ctx.config.staff.loginAllowedNetworks)) {
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, { ...base, actor: systemActor, action: 'staff.login_failed', outcome: 'denied', detail: { reason: 'network_not_allowed' } }, now);
    });
    throw errors.forbidden({
      ja: 'このネットワークからは職員ログインできません。庁内ネットワークから接続してください。',
      en: 'Staff log-in is not allowed from this network. Connect from the office network.',
    });
  }

  const ipKey = `staff-login-fail:ip:${input.clientIp}`;
  const failures = await peekThrottle(ctx.db, ipKey, IP_FAILURE_LIMIT, now);
  if (failures >= IP_FAILURE_LIMIT.limit) {
    const r = await hitThrottle(ctx.db, ipKey, IP_FAILURE_LIMIT, now);
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, { ...base, actor: systemActor, action: 'staff.login_failed', outcome: 'denied', detail: { reason: 'throttled' } }, now);
    });
    throw errors.tooManyRequests(r.retryAfterSeconds);
  }

  const staff = await findStaffByLoginId(ctx.db, loginId);
  if (staff && retryAfterSeconds(staff.locked_until, now) > 0) {
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, { ...base, actor: { type: 'staff', id: staff.id, label: staff.login_id }, action: 'staff.login_failed', outcome: 'denied', recordType: 'staff', recordId: staff.id, detail: { reason: 'locked' } }, now);
    });
    throw errors.locked(retryAfterSeconds(staff.locked_until, now));
  }

  const ok = staff ? await verifyPassword(staff.password_hash, input.password) : await verifyDummy(input.password);

  if (!staff || !ok || staff.is_disabled) {
    await hitThrottle(ctx.db, ipKey, IP_FAILURE_LIMIT, now);
    const locked = await ctx.db.transaction(async (tx) => {
      const actor = staff ? { type: 'staff' as const, id: staff.id, label: staff.login_id } : systemActor;
      let result: Awaited<ReturnType<typeof registerFailedLogin>> = null;
      if (staff && !staff.is_disabled) {
        result = await registerFailedLogin(tx, staff.id, now, ctx.config.staff.lockoutThreshold, lockedUntilAfter(now, ctx.config.staff.lockoutMinutes));
        if (result === null) {
          // locked by a concurrent attempt between our read and this update
          await recordAudit(tx, { ...base, actor, action: 'staff.login_failed', outcome: 'denied', recordType: 'staff', recordId: staff.id, detail: { reason: 'locked' } }, now);
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
          detail: staff ? { reason: staff.is_disabled ? 'disabled' : 'wrong_password', failedCount: result?.count ?? null } : { reason: 'unknown_login_id', loginIdHash: loginKeyHash(loginId) },
        },
        now,
      );
      if (staff && result?.justLocked) {
        await recordAudit(tx, { ...base, actor, action: 'staff.locked', recordType: 'staff', recordId: staff.id, detail: { failedCount: result.count, lockedUntil: result.lockedUntil?.toISOString() } }, now);
        await recordSecurityEvent(
          tx,
          { kind: 'staff.locked', severity: 'alert', clientIp: input.clientIp, subject: staff.id, detail: { failedCount: result.count, lockedUntil: result.lockedUntil?.toISOString() } },
          now,
        );
        return { lockedUntil: result.lockedUntil };
      }
      return null;
    });
    if (locked?.lockedUntil) throw errors.locked(retryAfterSeconds(locked.lockedUntil, now));
    throw errors.invalidCredentials();
  }

  return ctx.db.transaction(async (tx) => {
    if (!(await registerSuccessfulLogin(tx, staff.id, now, input.clientIp))) {
      // locked or disabled concurrently
      const fresh = await findStaffByLoginId(tx, loginId);
      if (fresh && retryAfterSeconds(fresh.locked_until, now) > 0) throw errors.locked(retryAfterSeconds(fresh.locked_until, now));
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
      { ...base, actor: { type: 'staff', id: staff.id, label: staff.login_id }, action: 'staff.login', recordType: 'staff', recordId: staff.id, detail: { mfaPending: staff.totp_enabled_at !== null } },
      now,
    );
    return { staffId: staff.id, ...session, preferredLanguage: staff.preferred_language };
  });
}
