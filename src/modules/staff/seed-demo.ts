/**
 * Demo departments and staff (idempotent). The demo password is set directly, bypassing the
 * password policy on purpose: this is demo-only data with a published password, never production
 * (seedDemo runs only in demo mode). It is not on the deny-list anyway.
 */
import type { AppContext } from '../../platform/context.js';
import type { Role } from '../../http/actor.js';
import { hashPassword } from '../../platform/passwords.js';

export const DEMO_PASSWORD = 'demo-password-2026';

export const demoDepartments = [
  { code: 'seisaku', name: '情報政策課', nameEn: 'Information Policy Division (system administration)' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
  { code: 'fukushi', name: '福祉総務課', nameEn: 'Welfare General Affairs Division' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
  { code: 'seikatsu', name: '生活支援課', nameEn: 'Livelihood Support Division' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
  { code: 'shoukou', name: '商工労働課', nameEn: 'Commerce, Industry and Labour Division' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
  { code: 'shimin', name: '市民課', nameEn: 'Citizens Division' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
  { code: 'suido', name: '水道お客さまセンター', nameEn: 'Water Customer Centre' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
  { code: 'digital', name: 'デジタル推進課', nameEn: 'Digital Promotion Office' }, // i18n-exempt: demo data (stored department name; nameEn holds the English one)
];

export const demoStaff: { loginId: string; name: string; dept: string; role: Role }[] = [
  { loginId: 'demo-admin', name: 'デモ 管理者', dept: 'seisaku', role: 'sys-admin' }, // i18n-exempt: demo data (a sample person's stored name)
  { loginId: 'demo-fukushi', name: 'デモ 福祉', dept: 'fukushi', role: 'dept-admin' }, // i18n-exempt: demo data (a sample person's stored name)
  { loginId: 'demo-seikatsu', name: 'デモ 生活', dept: 'seikatsu', role: 'staff' }, // i18n-exempt: demo data (a sample person's stored name)
  { loginId: 'demo-shoukou', name: 'デモ 商工', dept: 'shoukou', role: 'staff' }, // i18n-exempt: demo data (a sample person's stored name)
  { loginId: 'demo-shimin', name: 'デモ 市民', dept: 'shimin', role: 'dept-admin' }, // i18n-exempt: demo data (a sample person's stored name)
  { loginId: 'demo-suido', name: 'デモ 水道', dept: 'suido', role: 'dept-admin' }, // i18n-exempt: demo data (a sample person's stored name)
  // payment administrators of the digital promotion office: two, so a refund can be asked by one and approved by the other
  { loginId: 'demo-kessai', name: 'デモ 決済', dept: 'digital', role: 'payment_admin' }, // i18n-exempt: demo data (a sample person's stored name)
  { loginId: 'demo-kessai2', name: 'デモ 決済二', dept: 'digital', role: 'payment_admin' }, // i18n-exempt: demo data (a sample person's stored name)
];

export async function seedStaffDemo(ctx: AppContext): Promise<void> {
  for (const d of demoDepartments)
    await ctx.db.query('INSERT INTO departments (code, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [
      d.code,
      d.name,
      d.nameEn,
    ]);
  const existing = await ctx.db.query<{ login_id: string }>('SELECT login_id FROM staff WHERE login_id = ANY($1::text[])', [
    demoStaff.map((s) => s.loginId),
  ]);
  const have = new Set(existing.rows.map((r) => r.login_id));
  const missing = demoStaff.filter((s) => !have.has(s.loginId));
  if (missing.length === 0) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const s of missing) {
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
}
