/**
 * Who may read the audit log. System administrators: every entry. Department administrators: the
 * entries of the departments they administer. Everyone else: nothing (403). Only system
 * administrators run a verification (it reads the whole chain, not only their departments).
 */
import type { StaffActor } from '../../http/actor.js';
import { administeredDepartmentIds, isSystemAdmin } from '../staff/index.js';
import type { AuditScope } from './search-audit.js';

/** The entries the actor may see, or null when the actor may not see the audit log at all. */
export function auditScopeOf(actor: StaffActor): AuditScope | null {
  const administered = administeredDepartmentIds(actor);
  if (administered === null) return 'all';
  return administered.length ? { departmentIds: administered } : null;
}

export function canReadAuditLog(actor: StaffActor): boolean {
  return auditScopeOf(actor) !== null;
}

export function canRunAuditVerification(actor: StaffActor): boolean {
  return isSystemAdmin(actor);
}
