/**
 * Who may read the privacy register's views. The privacy officer (個人情報保護担当) is a system
 * administrator: the whole inventory, breach-impact reports for any scope, and the contact list of the
 * people affected (audited). A department head (dept-admin) reads the inventory of their departments'
 * services and procedures and may draft a breach report for them, without the contact list.
 */
import type { StaffActor } from '../../http/actor.js';
import { administeredDepartmentIds, isSystemAdmin } from '../staff/index.js';

type Actor = Pick<StaffActor, 'memberships'>;

export function canReadInventory(actor: Actor): boolean {
  return isSystemAdmin(actor) || (administeredDepartmentIds(actor)?.length ?? 0) > 0;
}

/** The departments whose scopes the actor sees, or 'all'. Whole-module scopes without a department: officer only. */
export function inventoryDepartments(actor: Actor): 'all' | readonly string[] {
  return administeredDepartmentIds(actor) ?? 'all';
}

export function canSeeScope(actor: Actor, scope: { departmentId: string | null }): boolean {
  const d = inventoryDepartments(actor);
  return d === 'all' || (scope.departmentId !== null && d.includes(scope.departmentId));
}

/** The list of affected people's contact details: the privacy officer only. */
export function canReadContactList(actor: Actor): boolean {
  return isSystemAdmin(actor);
}
