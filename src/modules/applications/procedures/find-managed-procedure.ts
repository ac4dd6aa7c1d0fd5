/**
 * The procedure a person may manage: dept-admin of its department (applications.policy.ts). Another
 * department's procedure is a 404, so ids cannot be probed; staff of the department who are not its
 * administrators get a 403.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { Queryable } from '../../../platform/db.js';
import { assertCan, can } from '../applications.policy.js';
import { findProcedure, type ProcedureRow } from './procedures.repository.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

export async function findManagedProcedure(
  db: Queryable,
  actor: ActorLike,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ProcedureRow> {
  const p = await findProcedure(db, id, options);
  if (!p) throw errors.notFound();
  assertCan(actor, 'manage-procedures', p.departmentId);
  return p;
}

/** For a page's `allow`: may the person manage this procedure? (false for an unknown id too) */
export async function mayManageProcedure(db: Queryable, actor: ActorLike, id: string): Promise<boolean> {
  const p = await findProcedure(db, id);
  return !!p && can(actor, 'manage-procedures', p.departmentId);
}

/** The departments whose procedures the person manages. */
export function managedDepartmentIds(actor: Pick<StaffActor, 'memberships'>): string[] {
  return [...new Set(actor.memberships.map((m) => m.departmentId))].filter((d) => can(actor, 'manage-procedures', d));
}
