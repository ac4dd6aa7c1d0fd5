/**
 * Account administration. sys-admins manage every account; dept-admins manage members of the
 * departments they administer (never sys-admins, never granting sys-admin). An account the actor
 * may not manage answers 404. Every operation writes an audit record in its transaction.
 */
import type { Membership, Role, StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { isPgError, type Queryable } from '../../platform/db.js';
import { recordAudit, type AuditActor, type AuditEvent } from '../audit/index.js';
import { LOGIN_ID_PATTERN, normaliseLoginId } from './lockout.js';
import { clearMfa } from './mfa.js';
import { hashPassword } from '../../platform/passwords.js';
import { CODE_ALPHABETS, randomCode } from '../../platform/random-code.js';
import { checkPasswordPolicy } from './password-policy.js';
import { deleteSessionsOf } from './sessions.js';
import { clearLocks, findDepartmentById, findStaffById, membershipsOf, type StaffRow } from './staff.repository.js';
import {
  administeredDepartmentIds,
  canManageAccount,
  grantableRoles,
  holdsPaymentAdminRole,
  isAnyAdmin,
  isSystemAdmin,
  mayHoldRole,
} from './staff.policy.js';
import { staffErrors } from './staff-errors.messages.js';
import { staffMessages } from './staff.messages.js';

export type Meta = Pick<AuditEvent, 'clientIp' | 'requestId'>;
export type Account = {
  id: string;
  loginId: string;
  displayName: string;
  isDisabled: boolean;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  lockedUntil: string | null;
  /** Until when the second factor is locked after repeated wrong codes (may be in the past). */
  mfaLockedUntil: string | null;
  memberships: Membership[];
  /** False for a member of the actor's department who also holds rights the actor cannot manage. */
  canManage: boolean;
};

const toAccount = (s: StaffRow, memberships: Membership[], canManage = true): Account => ({
  id: s.id,
  loginId: s.login_id,
  displayName: s.display_name,
  isDisabled: s.is_disabled,
  mustChangePassword: s.must_change_password,
  mfaEnabled: s.totp_enabled_at !== null,
  lastLoginAt: s.last_login_at?.toISOString() ?? null,
  passwordChangedAt: s.password_changed_at.toISOString(),
  lockedUntil: s.locked_until?.toISOString() ?? null,
  mfaLockedUntil: s.mfa_locked_until?.toISOString() ?? null,
  memberships,
  canManage,
});

const actorOf = (a: StaffActor): AuditActor => ({ type: 'staff', id: a.id, label: a.loginId });

/**
 * Members of the departments the actor administers (all accounts for sys-admins), each marked
 * whether the actor may manage it: a dept-admin sees, but cannot manage, a member who also holds a
 * role elsewhere.
 */
export async function listAccounts(ctx: AppContext, actor: StaffActor): Promise<Account[]> {
  if (!isAnyAdmin(actor)) throw errors.forbidden();
  const depts = administeredDepartmentIds(actor);
  const r = await ctx.db.query<StaffRow>(
    depts === null
      ? 'SELECT * FROM staff ORDER BY login_id'
      : `SELECT s.* FROM staff s WHERE EXISTS (SELECT 1 FROM staff_memberships m WHERE m.staff_id = s.id AND m.department_id = ANY($1::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM staff_memberships m WHERE m.staff_id = s.id AND m.role = 'sys-admin') ORDER BY s.login_id`,
    depts === null ? [] : [depts],
  );
  return Promise.all(
    r.rows.map(async (s) => {
      const memberships = await membershipsOf(ctx.db, s.id);
      return toAccount(s, memberships, canManageAccount(actor, { memberships }));
    }),
  );
}

/** One account, or 404 when it does not exist or the actor may not manage it. */
export async function getAccount(ctx: AppContext, actor: StaffActor, id: string, q: Queryable = ctx.db): Promise<Account> {
  const s = await findStaffById(q, id);
  if (!s) throw errors.notFound();
  const memberships = await membershipsOf(q, s.id);
  if (!canManageAccount(actor, { memberships })) throw errors.notFound();
  return toAccount(s, memberships);
}

function assertGrant(actor: StaffActor, departmentId: string, role: Role) {
  const allowed = grantableRoles(actor, departmentId);
  if (allowed.length === 0) throw errors.notFound();
  if (!allowed.includes(role)) throw errors.forbidden(staffErrors.text('mayNotGrantRole'));
}

/** payment_admin outside the payment administration department is refused, on every path (API, screens, CLI). */
function assertRoleFitsDepartment(ctx: AppContext, role: Role, departmentCode: string): void {
  if (!mayHoldRole(role, departmentCode, ctx.config))
    throw errors.validation([
      { field: 'role', message: staffErrors.text('paymentAdminDepartmentOnly', { code: ctx.config.payments.adminDepartmentCode }) },
    ]);
}

/**
 * "Renewed at every transfer": when the memberships of someone who is (or was, until this change)
 * a payment administrator change, their password must be changed at the next request.
 */
async function requirePasswordChangeOfPaymentAdmin(tx: Queryable, staffId: string, wasPaymentAdmin: boolean): Promise<boolean> {
  if (!wasPaymentAdmin && !holdsPaymentAdminRole(await membershipsOf(tx, staffId))) return false;
  await tx.query('UPDATE staff SET must_change_password = true WHERE id = $1', [staffId]);
  return true;
}

export function validateLoginId(raw: string): string {
  const loginId = normaliseLoginId(raw);
  if (!LOGIN_ID_PATTERN.test(loginId)) throw errors.validation([{ field: 'loginId', message: staffMessages.text('loginIdRule') }]);
  return loginId;
}

export function validateNewPassword(password: string, c: { loginId: string; displayName: string }, field = 'password') {
  const problems = checkPasswordPolicy(password, c);
  if (problems.length) throw errors.validation(problems.map((message) => ({ field, message })));
}

/** 16 letters and digits, as before (the old base64url draw favoured 'x'; this one is uniform). */
export const generateInitialPassword = () => randomCode(CODE_ALPHABETS.initialPassword, 16);

export type CreateAccountInput = {
  loginId: string;
  displayName: string;
  departmentId: string;
  role: Role;
  /** Omitted: one is generated and returned (shown once). */
  password?: string;
  mustChangePassword?: boolean;
};

/** Creates an account with one membership. Low-level: used by the API (after policy checks) and the CLI. */
export async function insertAccount(
  ctx: AppContext,
  input: CreateAccountInput & { createdBy: string | null },
  audit: { actor: AuditActor } & Meta,
): Promise<{ account: Account; initialPassword: string }> {
  const loginId = validateLoginId(input.loginId);
  const displayName = input.displayName.trim();
  const password = input.password ?? generateInitialPassword();
  validateNewPassword(password, { loginId, displayName });
  if (input.role === 'payment_admin') {
    const dept = await findDepartmentById(ctx.db, input.departmentId);
    if (!dept) throw errors.notFound();
    assertRoleFitsDepartment(ctx, input.role, dept.code);
  }
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const r = await tx.query<StaffRow>(
        `INSERT INTO staff (login_id, display_name, password_hash, password_changed_at, must_change_password, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $4, $6) RETURNING *`,
        [loginId, displayName, hash, now, input.mustChangePassword ?? true, input.createdBy],
      );
      const s = r.rows[0] as StaffRow;
      await tx.query('INSERT INTO staff_memberships (staff_id, department_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)', [
        s.id,
        input.departmentId,
        input.role,
        now,
        input.createdBy,
      ]);
      await recordAudit(
        tx,
        {
          ...audit,
          action: 'staff.account_created',
          departmentId: input.departmentId,
          recordType: 'staff',
          recordId: s.id,
          detail: { role: input.role },
        },
        now,
      );
      return { account: toAccount(s, await membershipsOf(tx, s.id)), initialPassword: password };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw errors.validation([{ field: 'loginId', message: staffErrors.text('loginIdInUse') }]);
    throw err;
  }
}

export async function createAccount(ctx: AppContext, actor: StaffActor, input: CreateAccountInput, meta: Meta) {
  const dept = await findDepartmentById(ctx.db, input.departmentId);
  if (!dept) throw errors.notFound();
  assertGrant(actor, dept.id, input.role);
  // A blank password (the screen's empty field) is an omitted one: generate it.
  return insertAccount(
    ctx,
    { ...input, password: input.password || undefined, mustChangePassword: true, createdBy: actor.id },
    { ...meta, actor: actorOf(actor) },
  );
}

export async function updateDisplayName(ctx: AppContext, actor: StaffActor, id: string, displayName: string, meta: Meta) {
  await getAccount(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    await tx.query('UPDATE staff SET display_name = $2 WHERE id = $1', [id, displayName.trim()]);
    await recordAudit(
      tx,
      {
        ...meta,
        actor: actorOf(actor),
        action: 'staff.account_updated',
        recordType: 'staff',
        recordId: id,
        detail: { fields: ['displayName'] },
      },
      ctx.clock.now(),
    );
  });
  return getAccount(ctx, actor, id);
}

export async function grantMembership(ctx: AppContext, actor: StaffActor, id: string, departmentId: string, role: Role, meta: Meta) {
  await getAccount(ctx, actor, id);
  const dept = await findDepartmentById(ctx.db, departmentId);
  if (!dept) throw errors.notFound();
  assertGrant(actor, departmentId, role);
  assertRoleFitsDepartment(ctx, role, dept.code);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const existing = (
      await tx.query<{ role: Role }>('SELECT role FROM staff_memberships WHERE staff_id = $1 AND department_id = $2 FOR UPDATE', [
        id,
        departmentId,
      ])
    ).rows[0];
    // a dept-admin may not change an existing sys-admin membership either
    if (existing?.role === 'sys-admin' && !isSystemAdmin(actor)) throw errors.notFound();
    await tx.query(
      `INSERT INTO staff_memberships (staff_id, department_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (staff_id, department_id) DO UPDATE SET role = EXCLUDED.role, granted_at = EXCLUDED.granted_at, granted_by = EXCLUDED.granted_by`,
      [id, departmentId, role, now, actor.id],
    );
    const passwordChangeRequired = await requirePasswordChangeOfPaymentAdmin(tx, id, existing?.role === 'payment_admin');
    await recordAudit(
      tx,
      {
        ...meta,
        actor: actorOf(actor),
        action: 'staff.membership_granted',
        departmentId,
        recordType: 'staff',
        recordId: id,
        detail: { role, previousRole: existing?.role ?? null, ...(passwordChangeRequired ? { passwordChangeRequired } : {}) },
      },
      now,
    );
  });
  return getAccount(ctx, actor, id);
}

export async function revokeMembership(ctx: AppContext, actor: StaffActor, id: string, departmentId: string, meta: Meta) {
  const account = await getAccount(ctx, actor, id);
  const m = account.memberships.find((x) => x.departmentId === departmentId);
  if (!m) throw errors.notFound();
  assertGrant(actor, departmentId, m.role);
  if (id === actor.id && m.role === 'sys-admin') throw errors.conflict('cannot_revoke_own_admin', staffErrors.text('cannotRevokeOwnAdmin'));
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.query('DELETE FROM staff_memberships WHERE staff_id = $1 AND department_id = $2', [id, departmentId]);
    const passwordChangeRequired = await requirePasswordChangeOfPaymentAdmin(tx, id, m.role === 'payment_admin');
    await recordAudit(
      tx,
      {
        ...meta,
        actor: actorOf(actor),
        action: 'staff.membership_revoked',
        departmentId,
        recordType: 'staff',
        recordId: id,
        detail: { role: m.role, ...(passwordChangeRequired ? { passwordChangeRequired } : {}) },
      },
      now,
    );
  });
  // The account may now be outside the actor's reach: answer with what is left, or nothing.
  return getAccount(ctx, actor, id).catch(() => undefined);
}

export async function setDisabled(ctx: AppContext, actor: StaffActor, id: string, disabled: boolean, meta: Meta) {
  await getAccount(ctx, actor, id);
  if (id === actor.id && disabled) throw errors.conflict('cannot_disable_self', staffErrors.text('cannotDisableSelf'));
  await disableAccount(ctx, id, disabled, { ...meta, actor: actorOf(actor) });
  return getAccount(ctx, actor, id);
}

/** Disables (ending every session) or re-enables an account. Used by the API and the CLI. */
export async function disableAccount(ctx: AppContext, id: string, disabled: boolean, audit: { actor: AuditActor } & Meta) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      'UPDATE staff SET is_disabled = $2, disabled_at = CASE WHEN $2 THEN $3::timestamptz ELSE NULL END, failed_login_count = 0, locked_until = NULL WHERE id = $1',
      [id, disabled, now],
    );
    const ended = disabled ? await deleteSessionsOf(tx, id) : 0;
    await recordAudit(
      tx,
      {
        ...audit,
        action: disabled ? 'staff.account_disabled' : 'staff.account_enabled',
        recordType: 'staff',
        recordId: id,
        detail: { sessionsEnded: ended },
      },
      now,
    );
  });
}

/** Sets a new password that must be changed at next log-in; ends the person's sessions. */
export async function setPasswordByAdmin(ctx: AppContext, id: string, password: string, audit: { actor: AuditActor } & Meta) {
  const s = await findStaffById(ctx.db, id);
  if (!s) throw errors.notFound();
  validateNewPassword(password, { loginId: s.login_id, displayName: s.display_name });
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      'UPDATE staff SET password_hash = $2, password_changed_at = $3, must_change_password = true, failed_login_count = 0, locked_until = NULL WHERE id = $1',
      [id, hash, now],
    );
    await deleteSessionsOf(tx, id);
    await recordAudit(tx, { ...audit, action: 'staff.password_reset', recordType: 'staff', recordId: id }, now);
  });
}

export async function resetPassword(ctx: AppContext, actor: StaffActor, id: string, password: string | undefined, meta: Meta) {
  await getAccount(ctx, actor, id);
  const initialPassword = password ?? generateInitialPassword();
  await setPasswordByAdmin(ctx, id, initialPassword, { ...meta, actor: actorOf(actor) });
  return { account: await getAccount(ctx, actor, id), initialPassword };
}

export async function resetMfa(ctx: AppContext, actor: StaffActor, id: string, meta: Meta) {
  await getAccount(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await clearMfa(tx, id);
    await recordAudit(tx, { ...meta, actor: actorOf(actor), action: 'staff.mfa_reset', recordType: 'staff', recordId: id }, now);
  });
  return getAccount(ctx, actor, id);
}

/**
 * Clears the password lockout and the second-factor lockout before they expire (the person called
 * the administrator). Audited with which locks were cleared; 409 when nothing was locked.
 */
export async function unlockAccount(ctx: AppContext, actor: StaffActor, id: string, meta: Meta) {
  await getAccount(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const cleared = await clearLocks(tx, id, now);
    if (!cleared) throw errors.conflict('not_locked', staffErrors.text('notLocked'));
    await recordAudit(
      tx,
      {
        ...meta,
        actor: actorOf(actor),
        action: 'staff.unlocked',
        recordType: 'staff',
        recordId: id,
        detail: { password: cleared.password, mfa: cleared.mfa },
      },
      now,
    );
  });
  return getAccount(ctx, actor, id);
}
