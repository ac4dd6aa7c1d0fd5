/**
 * Who may do what with reservations. Department scoping goes through the staff module's policy
 * (one mechanism for every module); this file only names the reservation-specific decisions.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import { reservationMessages } from './messages.js';
import { assertDepartmentAccess, isDepartmentAdmin, readableDepartmentIds } from '../staff/index.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

export type StaffAction = 'view' | 'book' | 'change' | 'cancel' | 'set-status' | 'export' | 'overbook' | 'manage-services';

const ADMIN_ACTIONS: ReadonlySet<StaffAction> = new Set<StaffAction>(['overbook', 'manage-services']);

/** Throws 404 when the person has no access to the department (ids cannot be probed), 403 when the role falls short. */
export function assertCan(actor: ActorLike, action: StaffAction, departmentId: string): void {
  assertDepartmentAccess(actor, departmentId);
  if (ADMIN_ACTIONS.has(action) && !isDepartmentAdmin(actor, departmentId)) throw forbidden(action);
}

/** The same decision as `assertCan`, as a boolean (to show or hide a control). */
export function can(actor: ActorLike, action: StaffAction, departmentId: string): boolean {
  if (!readableDepartmentIds(actor).includes(departmentId)) return false;
  return !ADMIN_ACTIONS.has(action) || isDepartmentAdmin(actor, departmentId);
}

/** May the person manage the booking services of at least one of their departments (the settings menu entry)? */
export function managesAnyService(actor: ActorLike): boolean {
  return readableDepartmentIds(actor).some((id) => can(actor, 'manage-services', id));
}

export function visibleDepartments(actor: ActorLike): string[] {
  return readableDepartmentIds(actor);
}

/** The roles a service may allow to read its sensitive answers (the CHECK of rsv_services.sensitive_readers). */
export const SENSITIVE_READER_ROLES = ['dept-admin', 'staff'] as const;
export type SensitiveReaderRole = (typeof SENSITIVE_READER_ROLES)[number];

/**
 * May the person read the sensitive answers (要配慮個人情報) of this service's bookings? Only with a
 * membership of the service's department whose role the service lists (`sensitive_readers`). A sys-admin
 * or payment_admin membership never counts: administering the system is no business need to read what a
 * citizen said about their health or debts. Each read still needs a reason and is audited (staff-queries.ts).
 */
export function canReadSensitive(actor: ActorLike, service: { departmentId: string; sensitiveReaders: readonly string[] }): boolean {
  return actor.memberships.some((m) => m.departmentId === service.departmentId && service.sensitiveReaders.includes(m.role));
}

function forbidden(action: StaffAction) {
  return errors.forbidden(reservationMessages.text(action === 'overbook' ? 'overbookAdminOnly' : 'manageServicesAdminOnly'));
}
