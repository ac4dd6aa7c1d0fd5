/**
 * Who sees and handles intrusion alerts, following the security module's alert scope: a system
 * administrator every alert; a department administrator the alerts about staff members of the departments
 * they administer (an export burst by one of them); other staff none.
 */
import type { StaffActor } from '../../../http/actor.js';
import { alertScopeOf } from '../../security/index.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

/** The alerts page and its menu entry. */
export function canReadAlerts(actor: ActorLike): boolean {
  const scope = alertScopeOf(actor);
  return scope === 'all' || scope.memberOfDepartmentIds.length > 0;
}

/** Whose alerts the actor sees and may acknowledge or close. */
export const alertScope = (actor: ActorLike) => alertScopeOf(actor);
