/**
 * Reading procedures: the staff builder's views (scoped to the departments the person manages) and,
 * for the other parts of the applications module and citizens, the published versions (no person
 * involved: a published procedure is public).
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { Queryable } from '../../../platform/db.js';
import type { ProcedureDefinition } from './definition.js';
import { findManagedProcedure, managedDepartmentIds } from './find-managed-procedure.js';
import {
  findNewestVersion,
  findVersion,
  listOpenPublished,
  listProcedureSummaries,
  listVersions,
  type ProcedureRow,
  type ProcedureSummary,
  type PublishedProcedure,
  type VersionRow,
  type VersionSummary,
} from './procedures.repository.js';

export type { ProcedureSummary, PublishedProcedure };

/** The procedures of the departments the person manages. */
export async function listProceduresForStaff(db: Queryable, actor: StaffActor): Promise<ProcedureSummary[]> {
  return listProcedureSummaries(db, managedDepartmentIds(actor));
}

export type ProcedureForStaff = { procedure: ProcedureRow; newest: VersionRow; versions: VersionSummary[] };

/** One procedure with its newest version (the draft when there is one) and its version history. */
export async function getProcedureForStaff(db: Queryable, actor: StaffActor, id: string): Promise<ProcedureForStaff> {
  const procedure = await findManagedProcedure(db, actor, id);
  const newest = await findNewestVersion(db, id);
  if (!newest) throw errors.notFound();
  return { procedure, newest, versions: await listVersions(db, id) };
}

/** A version of a procedure as an application keeps it: no access check (callers hold the application). */
export async function getProcedureVersion(
  db: Queryable,
  procedureId: string,
  version: number,
): Promise<{ procedureId: string; version: number; definition: ProcedureDefinition; publishedAt: Date | null } | undefined> {
  const v = await findVersion(db, procedureId, version);
  return v && { procedureId: v.procedureId, version: v.version, definition: v.definition, publishedAt: v.publishedAt };
}

/** Published procedures taking applications now (opensAt ≤ now < closesAt, not archived); optionally of one department. */
export function listOpenProcedures(db: Queryable, now: Date, options: { departmentId?: string } = {}): Promise<PublishedProcedure[]> {
  return listOpenPublished(db, now, options.departmentId);
}
