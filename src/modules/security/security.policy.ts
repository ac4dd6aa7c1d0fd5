/**
 * Who may see what the security module records. Security events carry client addresses and the login
 * ids of people who tried to sign in, so the full list is for system administrators; a department
 * administrator sees only the alerts about members of the departments they administer (a lockout of
 * one of their staff) and may acknowledge those; ordinary staff see none.
 */
import type { StaffActor } from '../../http/actor.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

const isSystemAdmin = (actor: ActorLike) => actor.memberships.some((m) => m.role === 'sys-admin');

/** The full list of security events (/staff/security-events). */
export function canReadSecurityEvents(actor: ActorLike): boolean {
  return isSystemAdmin(actor);
}

/**
 * Whose alerts the actor sees and may acknowledge: every alert ('all'), or alerts about members of these
 * departments. An empty list means none.
 */
export function alertScopeOf(actor: ActorLike): 'all' | { memberOfDepartmentIds: string[] } {
  if (isSystemAdmin(actor)) return 'all';
  return { memberOfDepartmentIds: [...new Set(actor.memberships.filter((m) => m.role === 'dept-admin').map((m) => m.departmentId))] };
}
