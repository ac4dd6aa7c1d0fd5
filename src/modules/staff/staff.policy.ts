/**
 * Who may see and do what, in one place. Department scoping: a person sees the citizen data of the
 * departments they are a member of. sys-admin administers accounts, departments and the audit log
 * system-wide, but does NOT by itself open other departments' citizen data.
 */
import type { Role, StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

/**
 * A payment_admin membership (the digital promotion office's payment administrators) opens payments
 * only: no citizen data of that department, so it never counts as department access.
 */
export function readableDepartmentIds(actor: ActorLike): string[] {
  return [...new Set(actor.memberships.filter((m) => m.role !== 'payment_admin').map((m) => m.departmentId))];
}

/** Throws 404 (not 403, so ids cannot be probed) when the actor is not a member of the department. */
export function assertDepartmentAccess(actor: ActorLike, departmentId: string): void {
  if (!actor.memberships.some((m) => m.departmentId === departmentId && m.role !== 'payment_admin')) throw errors.notFound();
}

export function isSystemAdmin(actor: ActorLike): boolean {
  return actor.memberships.some((m) => m.role === 'sys-admin');
}

/** dept-admin or sys-admin membership in that department. */
export function isDepartmentAdmin(actor: ActorLike, departmentId: string): boolean {
  return actor.memberships.some((m) => m.departmentId === departmentId && (m.role === 'dept-admin' || m.role === 'sys-admin'));
}

/** Departments whose members this actor may manage: all (null) for sys-admins, else those they administer. */
export function administeredDepartmentIds(actor: ActorLike): string[] | null {
  if (isSystemAdmin(actor)) return null;
  return actor.memberships.filter((m) => m.role === 'dept-admin').map((m) => m.departmentId);
}

export function isAnyAdmin(actor: ActorLike): boolean {
  return actor.memberships.some((m) => m.role === 'dept-admin' || m.role === 'sys-admin');
}

/**
 * Which roles this actor may grant in a department. A dept-admin never grants sys-admin, nor
 * payment_admin: payment administrators are appointed by system administrators, and only in the
 * payment administration department (`mayHoldRole`, checked by the account operations).
 */
export function grantableRoles(actor: ActorLike, departmentId: string): Role[] {
  if (isSystemAdmin(actor)) return ['sys-admin', 'dept-admin', 'staff', 'payment_admin'];
  if (isDepartmentAdmin(actor, departmentId)) return ['dept-admin', 'staff'];
  return [];
}

/**
 * May the actor manage this account (view for edit, reset password or MFA, disable, change roles,
 * unlock)? sys-admins: every account. dept-admins: only when EVERY membership of the account is
 * in a department they administer, with a role they could grant there, so a department
 * administrator can never take over someone who also holds rights elsewhere (and never a
 * sys-admin). An account with no membership at all is left to the sys-admins.
 */
export function canManageAccount(actor: ActorLike, target: { memberships: { departmentId: string; role: Role }[] }): boolean {
  if (isSystemAdmin(actor)) return true;
  if (target.memberships.length === 0) return false;
  return target.memberships.every((m) => grantableRoles(actor, m.departmentId).includes(m.role));
}

/** MFA is required in production for administrators (payment administrators included), and everywhere when configured for all. */
export function isMfaRequired(config: { env: string; staff: { requireMfaForAll: boolean } }, memberships: { role: Role }[]): boolean {
  if (config.staff.requireMfaForAll) return true;
  return (
    config.env === 'production' && memberships.some((m) => m.role === 'sys-admin' || m.role === 'dept-admin' || m.role === 'payment_admin')
  );
}

type PaymentAdminConfig = { payments: { adminDepartmentCode: string; adminPasswordRenewalDays: number } };

/**
 * May a membership with this role exist in the department? payment_admin only in the digital
 * promotion office (PAYMENT_ADMIN_DEPARTMENT): the councils approved payments administered by staff
 * that office appoints, nobody else.
 */
export function mayHoldRole(role: Role, departmentCode: string, config: Pick<PaymentAdminConfig, 'payments'>): boolean {
  return role !== 'payment_admin' || departmentCode === config.payments.adminDepartmentCode;
}

/** Someone holding the payment_admin role (in any department: the stricter password rules follow the role). */
export function holdsPaymentAdminRole(memberships: readonly { role: Role }[]): boolean {
  return memberships.some((m) => m.role === 'payment_admin');
}

/**
 * Days after which the password must be renewed: PAYMENT_ADMIN_PASSWORD_RENEWAL_DAYS (default 365)
 * for payment administrators, STAFF_PASSWORD_RENEWAL_DAYS for everybody else; 0 = never.
 */
export function passwordRenewalDays(
  config: PaymentAdminConfig & { staff: { passwordRenewalDays: number } },
  memberships: readonly { role: Role }[],
): number {
  return holdsPaymentAdminRole(memberships) ? config.payments.adminPasswordRenewalDays : config.staff.passwordRenewalDays;
}
