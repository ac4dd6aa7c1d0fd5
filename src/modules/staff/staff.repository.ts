/** SQL for staff, memberships and departments (private to the staff module). */
import type { Membership, Role } from '../../http/actor.js';
import type { Queryable } from '../../platform/db.js';

export type StaffRow = {
  id: string;
  login_id: string;
  display_name: string;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  is_disabled: boolean;
  failed_login_count: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  previous_login_at: Date | null;
  mfa_failed_count: number;
  mfa_locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  totp_pending_secret_enc: string | null;
  preferred_language: 'ja' | 'en';
  created_at: Date;
};

export type DepartmentRow = { id: string; code: string; name: string; name_en: string | null };

export async function findStaffByLoginId(q: Queryable, loginId: string): Promise<StaffRow | undefined> {
  return (await q.query<StaffRow>('SELECT * FROM staff WHERE login_id = $1', [loginId])).rows[0];
}

export async function findStaffById(q: Queryable, id: string): Promise<StaffRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (await q.query<StaffRow>('SELECT * FROM staff WHERE id = $1', [id])).rows[0];
}

export async function membershipsOf(q: Queryable, staffId: string): Promise<Membership[]> {
  const r = await q.query<{ department_id: string; code: string; name: string; role: Role }>(
    `SELECT m.department_id, d.code, d.name, m.role FROM staff_memberships m JOIN departments d ON d.id = m.department_id
     WHERE m.staff_id = $1 ORDER BY d.code`,
    [staffId],
  );
  return r.rows.map((x) => ({ departmentId: x.department_id, departmentCode: x.code, departmentName: x.name, role: x.role }));
}

export type FailedLoginResult = { count: number; lockedUntil: Date | null; justLocked: boolean } | null;

/** The two lock counters on a staff row: the password's and the second factor's. */
const LOCK_COLUMNS = {
  password: { count: 'failed_login_count', until: 'locked_until' },
  mfa: { count: 'mfa_failed_count', until: 'mfa_locked_until' },
} as const;

/**
 * Counts a failure in ONE conditional UPDATE: the row lock serialises concurrent failures, each
 * sees the previous increment, and the attempt that reaches the threshold sets the lock's end.
 * Attempts while locked do not match the WHERE clause (null result: the caller answers 423).
 * An expired lock starts a fresh count. The column names come from LOCK_COLUMNS, never from input.
 */
async function registerFailure(
  q: Queryable,
  which: keyof typeof LOCK_COLUMNS,
  staffId: string,
  now: Date,
  threshold: number,
  lockUntil: Date,
): Promise<FailedLoginResult> {
  const { count, until } = LOCK_COLUMNS[which];
  const r = await q.query<{ count: number; until: Date | null }>(
    `UPDATE staff SET
       ${count} = CASE WHEN ${until} IS NOT NULL THEN 1 ELSE ${count} + 1 END,
       ${until} = CASE
         WHEN (CASE WHEN ${until} IS NOT NULL THEN 1 ELSE ${count} + 1 END) >= $3 THEN $4::timestamptz
         ELSE NULL END
     WHERE id = $1 AND (${until} IS NULL OR ${until} <= $2)
     RETURNING ${count} AS count, ${until} AS until`,
    [staffId, now, threshold, lockUntil],
  );
  const row = r.rows[0];
  if (!row) return null;
  return { count: Number(row.count), lockedUntil: row.until, justLocked: row.until !== null && Number(row.count) === threshold };
}

/** Counts a failed password log-in (see registerFailure). */
export function registerFailedLogin(
  q: Queryable,
  staffId: string,
  now: Date,
  threshold: number,
  lockUntil: Date,
): Promise<FailedLoginResult> {
  return registerFailure(q, 'password', staffId, now, threshold, lockUntil);
}

/**
 * Resets the failure count on success, unless the account got locked or disabled meanwhile. The
 * log-in it replaces becomes the "previous log-in" the person is shown.
 */
export async function registerSuccessfulLogin(q: Queryable, staffId: string, now: Date, ip: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE staff SET failed_login_count = 0, locked_until = NULL, previous_login_at = last_login_at, previous_login_ip = last_login_ip,
       last_login_at = $2, last_login_ip = $3
     WHERE id = $1 AND NOT is_disabled AND (locked_until IS NULL OR locked_until <= $2)`,
    [staffId, now, ip],
  );
  return r.rowCount === 1;
}

/** Counts a wrong second-factor code (see registerFailure). */
export function registerFailedMfa(
  q: Queryable,
  staffId: string,
  now: Date,
  threshold: number,
  lockUntil: Date,
): Promise<FailedLoginResult> {
  return registerFailure(q, 'mfa', staffId, now, threshold, lockUntil);
}

/** Clears both locks (password and second factor); false when there was nothing to clear. */
export async function clearLocks(q: Queryable, staffId: string, now: Date): Promise<{ password: boolean; mfa: boolean } | null> {
  const r = await q.query<{ password: boolean; mfa: boolean }>(
    `UPDATE staff s SET failed_login_count = 0, locked_until = NULL, mfa_failed_count = 0, mfa_locked_until = NULL
     FROM (SELECT id, locked_until > $2 AS password, mfa_locked_until > $2 AS mfa FROM staff WHERE id = $1 FOR UPDATE) old
     WHERE s.id = old.id AND (old.password OR old.mfa)
     RETURNING old.password, old.mfa`,
    [staffId, now],
  );
  const row = r.rows[0];
  return row ? { password: row.password === true, mfa: row.mfa === true } : null;
}

export async function listDepartments(q: Queryable): Promise<DepartmentRow[]> {
  return (await q.query<DepartmentRow>('SELECT id, code, name, name_en FROM departments ORDER BY code')).rows;
}

export async function findDepartmentByCode(q: Queryable, code: string): Promise<DepartmentRow | undefined> {
  return (await q.query<DepartmentRow>('SELECT id, code, name, name_en FROM departments WHERE code = $1', [code])).rows[0];
}

export async function findDepartmentById(q: Queryable, id: string): Promise<DepartmentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (await q.query<DepartmentRow>('SELECT id, code, name, name_en FROM departments WHERE id = $1', [id])).rows[0];
}
