/**
 * The city side of the facility-claims demo: the two childcare divisions (codes from the configuration)
 * and their demo staff — demo-hoiku (dept-admin of the facility childcare division: facility master,
 * review, approval) and demo-nyuen (staff of the enrolment division: child counts). Created when missing;
 * an existing account is left as it is. The demo password is set directly, bypassing the password policy
 * on purpose, as the staff module's demo seed does (demo-only data with a published password).
 */
import type { Membership, StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { hashPassword } from '../../../platform/passwords.js';
import type { AuditEvent } from '../../audit/index.js';
import { DEMO_PASSWORD } from '../../staff/seed-demo.js';

export type DemoStaffActor = { actor: StaffActor; audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'> };

export async function ensureDemoDivisions(ctx: AppContext): Promise<void> {
  const { reviewDepartmentCode, enrolmentDepartmentCode } = ctx.config.facility;
  const departments = [
    // i18n-exempt: demo data (stored department names; name_en holds the English one)
    { code: reviewDepartmentCode, name: '保育施設課', nameEn: 'Childcare Facilities Division' },
    // i18n-exempt: demo data (stored department names; name_en holds the English one)
    { code: enrolmentDepartmentCode, name: '保育入園課', nameEn: 'Childcare Enrolment Division' },
  ];
  for (const d of departments)
    await ctx.db.query('INSERT INTO departments (code, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [
      d.code,
      d.name,
      d.nameEn,
    ]);
  const staff: { loginId: string; name: string; dept: string; role: Membership['role'] }[] = [
    // i18n-exempt: demo data (sample people's stored names)
    { loginId: 'demo-hoiku', name: 'デモ 保育施設', dept: reviewDepartmentCode, role: 'dept-admin' },
    // i18n-exempt: demo data (sample people's stored names)
    { loginId: 'demo-nyuen', name: 'デモ 保育入園', dept: enrolmentDepartmentCode, role: 'staff' },
  ];
  const existing = await ctx.db.query<{ login_id: string }>('SELECT login_id FROM staff WHERE login_id = ANY($1::text[])', [
    staff.map((s) => s.loginId),
  ]);
  const have = new Set(existing.rows.map((r) => r.login_id));
  const missing = staff.filter((s) => !have.has(s.loginId));
  if (missing.length === 0) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const s of missing)
    await ctx.db.transaction(async (tx) => {
      const r = await tx.query<{ id: string }>(
        `INSERT INTO staff (login_id, display_name, password_hash, must_change_password) VALUES ($1, $2, $3, false)
         ON CONFLICT (login_id) DO NOTHING RETURNING id`,
        [s.loginId, s.name, hash],
      );
      const id = r.rows[0]?.id;
      if (!id) return;
      await tx.query(
        `INSERT INTO staff_memberships (staff_id, department_id, role) SELECT $1, id, $3 FROM departments WHERE code = $2
         ON CONFLICT DO NOTHING`,
        [id, s.dept, s.role],
      );
    });
}

/** A demo staff member as the staff authenticator would give them (memberships from the database). */
export async function demoStaffActor(ctx: AppContext, loginId: string): Promise<DemoStaffActor> {
  const r = await ctx.db.query<{ id: string; display_name: string; department_id: string; code: string; name: string; role: string }>(
    `SELECT s.id, s.display_name, m.department_id, d.code, d.name, m.role
     FROM staff s JOIN staff_memberships m ON m.staff_id = s.id JOIN departments d ON d.id = m.department_id
     WHERE s.login_id = $1 ORDER BY d.code`,
    [loginId],
  );
  const first = r.rows[0];
  if (!first) throw new Error(`facility demo seed: demo staff ${loginId} has no department`);
  const actor: StaffActor = {
    kind: 'staff',
    id: first.id,
    loginId,
    displayName: first.display_name,
    memberships: r.rows.map((m) => ({
      departmentId: m.department_id,
      departmentCode: m.code,
      departmentName: m.name,
      role: m.role as Membership['role'],
    })),
    currentDepartmentId: first.department_id,
    isSysAdmin: false,
    sessionTokenHash: 'demo-seed',
    csrfToken: 'demo-seed',
    mustChangePassword: false,
    mfaPending: false,
    mfaSetupRequired: false,
    passwordRenewalDue: false,
  };
  return {
    actor,
    audit: { actor: { type: 'staff', id: first.id, label: loginId, departmentId: first.department_id }, clientIp: null, requestId: null },
  };
}
