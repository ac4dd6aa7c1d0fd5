/**
 * Who may do what with e-applications. Department scoping goes through the staff module's policy
 * (one mechanism for every module). Payment administrators (role payment_admin, held only in the
 * digital promotion office, PAYMENT_ADMIN_DEPARTMENT) see payments — 整理番号, amounts, dates,
 * methods, statuses — and never an application's answers: a payment_admin membership opens no inbox.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import { isDepartmentAdmin } from '../staff/index.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

export type ApplicationAction = 'view' | 'handle' | 'export' | 'manage-procedures';

/** Departments whose applications the person may open: memberships other than payment_admin. */
export function inboxDepartmentIds(actor: ActorLike): string[] {
  return [...new Set(actor.memberships.filter((m) => m.role !== 'payment_admin').map((m) => m.departmentId))];
}

/** May the person do this in the department? manage-procedures needs dept-admin (or sys-admin membership there). */
export function can(actor: ActorLike, action: ApplicationAction, departmentId: string): boolean {
  if (!inboxDepartmentIds(actor).includes(departmentId)) return false;
  return action !== 'manage-procedures' || isDepartmentAdmin(actor, departmentId);
}

/** 404 without access to the department (ids cannot be probed), 403 when the role falls short. */
export function assertCan(actor: ActorLike, action: ApplicationAction, departmentId: string): void {
  if (!inboxDepartmentIds(actor).includes(departmentId)) throw errors.notFound();
  if (!can(actor, action, departmentId)) throw errors.forbidden();
}

/** The roles a procedure may allow to read its sensitive answers (the CHECK of app_procedures.sensitive_readers). */
export const SENSITIVE_READER_ROLES = ['dept-admin', 'staff'] as const;
export type SensitiveReaderRole = (typeof SENSITIVE_READER_ROLES)[number];

/**
 * May the person read the sensitive answers (要配慮個人情報) of this procedure's applications? Only with a
 * membership of the procedure's department whose role the procedure lists (`sensitive_readers`). A
 * sys-admin or payment_admin membership never counts: administering the system or the payments is no
 * business need to read a citizen's health or family circumstances. Each read still needs a reason
 * and is audited (get-application.ts).
 */
export function canReadSensitive(actor: ActorLike, procedure: { departmentId: string; sensitiveReaders: readonly string[] }): boolean {
  return actor.memberships.some((m) => m.departmentId === procedure.departmentId && procedure.sensitiveReaders.includes(m.role));
}

/** A payment administrator: role payment_admin in the configured digital promotion office. */
export function isPaymentAdmin(actor: ActorLike, config: { payments: { adminDepartmentCode: string } }): boolean {
  return actor.memberships.some((m) => m.role === 'payment_admin' && m.departmentCode === config.payments.adminDepartmentCode);
}
