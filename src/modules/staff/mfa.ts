/**
 * Second factor: TOTP set-up (pending secret confirmed by a first code), log-in verification with
 * single use (conditional update of totp_last_step), recovery codes (argon2-hashed, single use),
 * and an administrator's reset. Set-up attempts are throttled per person. At log-in, wrong codes
 * are counted per person and lock the second factor (NIST SP 800-63B 5.2.2): the lock holds, even
 * for the right code, until it expires or an administrator clears it; locking is audited and
 * raises a security alert.
 */
import QRCode from 'qrcode';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { hitThrottle, recordSecurityEvent } from '../security/index.js';
import { lockedError, lockedUntilAfter, retryAfterSeconds } from './lockout.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { deleteSessionsOf } from './sessions.js';
import { findStaffById, registerFailedMfa } from './staff.repository.js';
import { base32Decode, generateRecoveryCodes, generateTotpSecret, normaliseRecoveryCode, otpauthUri, verifyTotp } from './totp.js';
import { staffErrors } from './staff-errors.messages.js';

const SECRET_CONTEXT = 'staff.totp_secret';
export const MFA_ATTEMPT_LIMIT = { limit: 10, windowSeconds: 900 };
/** Consecutive wrong codes at log-in that lock the second factor, and for how long. */
export const MFA_LOCKOUT = { threshold: 10, minutes: 30 };

type Meta = Pick<AuditEvent, 'clientIp' | 'requestId'>;
const staffActor = (a: StaffActor) => ({ type: 'staff' as const, id: a.id, label: a.loginId });

const invalidCode = () => errors.validation([{ field: 'code', message: staffErrors.text('codeWrong') }]);

async function throttle(ctx: AppContext, staffId: string) {
  const r = await hitThrottle(ctx.db, `staff-mfa:${staffId}`, MFA_ATTEMPT_LIMIT, ctx.clock.now());
  if (!r.allowed) throw errors.tooManyRequests(r.retryAfterSeconds);
}

/** Starts (or resumes) set-up: a pending secret, its otpauth URI and a QR code as SVG markup. */
export async function beginMfaSetup(ctx: AppContext, actor: StaffActor) {
  const staff = await findStaffById(ctx.db, actor.id);
  if (!staff) throw errors.notFound();
  if (staff.totp_enabled_at) throw errors.conflict('mfa_already_enabled', staffErrors.text('mfaAlreadyEnabled'));
  let secret: string;
  if (staff.totp_pending_secret_enc) secret = ctx.crypto.decrypt(staff.totp_pending_secret_enc, SECRET_CONTEXT);
  else {
    secret = generateTotpSecret();
    await ctx.db.query('UPDATE staff SET totp_pending_secret_enc = $2 WHERE id = $1 AND totp_pending_secret_enc IS NULL', [
      actor.id,
      ctx.crypto.encrypt(secret, SECRET_CONTEXT),
    ]);
    const again = await findStaffById(ctx.db, actor.id);
    secret = ctx.crypto.decrypt(again?.totp_pending_secret_enc as string, SECRET_CONTEXT);
  }
  const uri = otpauthUri({ secret, account: actor.loginId, issuer: 'madoguchi' });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri: uri, qrSvg };
}

/** Confirms set-up with a first code; returns the 10 recovery codes (shown once). */
export async function confirmMfaSetup(ctx: AppContext, actor: StaffActor, code: string, meta: Meta): Promise<string[]> {
  await throttle(ctx, actor.id);
  const now = ctx.clock.now();
  const staff = await findStaffById(ctx.db, actor.id);
  if (!staff?.totp_pending_secret_enc) throw errors.conflict('mfa_setup_not_started', staffErrors.text('mfaSetupNotStarted'));
  const key = base32Decode(ctx.crypto.decrypt(staff.totp_pending_secret_enc, SECRET_CONTEXT));
  const step = verifyTotp(key, code, now);
  if (step === null) throw invalidCode();
  const codes = generateRecoveryCodes();
  const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c))));
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query(
      `UPDATE staff SET totp_secret_enc = totp_pending_secret_enc, totp_pending_secret_enc = NULL, totp_enabled_at = $3, totp_last_step = $4
       WHERE id = $1 AND totp_pending_secret_enc = $2`,
      [actor.id, staff.totp_pending_secret_enc, now, step],
    );
    if (r.rowCount !== 1) throw errors.conflict('mfa_setup_not_started', staffErrors.text('mfaSetupNotStarted'));
    await replaceRecoveryCodes(tx, actor.id, hashes);
    await tx.query('UPDATE staff_sessions SET mfa_passed = true WHERE token_hash = $1', [actor.sessionTokenHash]);
    await recordAudit(tx, { ...meta, actor: staffActor(actor), action: 'staff.mfa_enabled', recordType: 'staff', recordId: actor.id }, now);
  });
  return codes;
}

async function replaceRecoveryCodes(tx: Queryable, staffId: string, hashes: string[]) {
  await tx.query('DELETE FROM staff_recovery_codes WHERE staff_id = $1', [staffId]);
  for (const h of hashes) await tx.query('INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)', [staffId, h]);
}

/** Log-in step two: a TOTP code (accepted once) or an unused recovery code. */
export async function verifyMfaLogin(ctx: AppContext, actor: StaffActor, code: string, meta: Meta): Promise<void> {
  const now = ctx.clock.now();
  const staff = await findStaffById(ctx.db, actor.id);
  if (!staff?.totp_secret_enc) throw errors.conflict('mfa_not_enabled', staffErrors.text('mfaNotEnabled'));
  const audit = (tx: Queryable, outcome: 'success' | 'failure' | 'denied', method: string) =>
    recordAudit(
      tx,
      {
        ...meta,
        actor: staffActor(actor),
        action: outcome === 'success' ? 'staff.mfa_passed' : 'staff.mfa_failed',
        outcome,
        recordType: 'staff',
        recordId: actor.id,
        detail: { method },
      },
      now,
    );
  if (staff.mfa_locked_until && retryAfterSeconds(staff.mfa_locked_until, now) > 0) {
    await ctx.db.transaction((tx) => audit(tx, 'denied', 'locked'));
    throw lockedError(staff.mfa_locked_until, now, 'mfa');
  }
  // Counts the wrong code; the attempt that reaches the threshold locks, audits and alerts.
  const fail = async (tx: Queryable, method: string): Promise<Date | null> => {
    const r = await registerFailedMfa(tx, actor.id, now, MFA_LOCKOUT.threshold, lockedUntilAfter(now, MFA_LOCKOUT.minutes));
    if (r === null) {
      await audit(tx, 'denied', 'locked');
      return (await findStaffById(tx, actor.id))?.mfa_locked_until ?? now;
    }
    await audit(tx, 'failure', method);
    if (!r.justLocked) return null;
    const detail = { loginId: actor.loginId, failedCount: r.count, lockedUntil: r.lockedUntil?.toISOString() };
    await recordAudit(
      tx,
      { ...meta, actor: staffActor(actor), action: 'staff.mfa_locked', recordType: 'staff', recordId: actor.id, detail },
      now,
    );
    await recordSecurityEvent(
      tx,
      { kind: 'staff.mfa_locked', severity: 'alert', clientIp: meta.clientIp ?? null, subject: actor.id, detail },
      now,
    );
    return r.lockedUntil;
  };
  // Success only while not locked (a concurrent attempt may have locked it) and resets the count.
  const notLocked = 'AND (mfa_locked_until IS NULL OR mfa_locked_until <= $3)';
  const trimmed = code.trim();
  let outcome: { passed: true } | { passed: false; lockedUntil: Date | null };
  if (/^\d{6}$/.test(trimmed.replace(/\s/g, ''))) {
    const key = base32Decode(ctx.crypto.decrypt(staff.totp_secret_enc, SECRET_CONTEXT));
    const step = verifyTotp(key, trimmed, now, staff.totp_last_step === null ? null : Number(staff.totp_last_step));
    outcome = await ctx.db.transaction(async (tx) => {
      const r =
        step === null
          ? { rowCount: 0 }
          : await tx.query(
              `UPDATE staff SET totp_last_step = $2, mfa_failed_count = 0 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) ${notLocked}`,
              [actor.id, step, now],
            );
      if (r.rowCount === 1) {
        await tx.query('UPDATE staff_sessions SET mfa_passed = true WHERE token_hash = $1', [actor.sessionTokenHash]);
        await audit(tx, 'success', 'totp');
        return { passed: true as const };
      }
      return { passed: false as const, lockedUntil: await fail(tx, 'totp') };
    });
  } else {
    const normal = normaliseRecoveryCode(trimmed);
    const unused = (
      await ctx.db.query<{ id: string; code_hash: string }>(
        'SELECT id, code_hash FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL',
        [actor.id],
      )
    ).rows;
    let matched: string | undefined;
    for (const row of unused) if (!matched && normal.length === 10 && (await verifyPassword(row.code_hash, normal))) matched = row.id;
    outcome = await ctx.db.transaction(async (tx) => {
      const unlocked = matched
        ? await tx.query('UPDATE staff SET mfa_failed_count = 0 WHERE id = $1 AND (mfa_locked_until IS NULL OR mfa_locked_until <= $2)', [
            actor.id,
            now,
          ])
        : { rowCount: 0 };
      const r =
        unlocked.rowCount === 1
          ? await tx.query('UPDATE staff_recovery_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL', [matched, now])
          : { rowCount: 0 };
      if (r.rowCount === 1) {
        await tx.query('UPDATE staff_sessions SET mfa_passed = true WHERE token_hash = $1', [actor.sessionTokenHash]);
        await audit(tx, 'success', 'recovery_code');
        return { passed: true as const };
      }
      return { passed: false as const, lockedUntil: await fail(tx, 'recovery_code') };
    });
  }
  if (outcome.passed) return;
  if (outcome.lockedUntil) throw lockedError(outcome.lockedUntil, now, 'mfa');
  throw invalidCode();
}

/** Turns the second factor off for a person (administrator's reset); their sessions end. */
export async function clearMfa(tx: Queryable, staffId: string): Promise<void> {
  await tx.query(
    'UPDATE staff SET totp_secret_enc = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_pending_secret_enc = NULL, mfa_failed_count = 0, mfa_locked_until = NULL WHERE id = $1',
    [staffId],
  );
  await tx.query('DELETE FROM staff_recovery_codes WHERE staff_id = $1', [staffId]);
  await deleteSessionsOf(tx, staffId);
}
