/**
 * Reading the audit log, as the staff screen and the JSON API share it: a page of the search, the
 * export and a verification run. Each checks the viewer's scope and records itself in the audit log
 * (a refusal too), so neither the page nor the API route writes audit records or SQL.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { auditScopeOf, canRunAuditVerification } from './audit.policy.js';
import type { AuditFilterQuery } from './audit.schemas.js';
import { exportChunks } from './audit-export-format.js';
import { auditContextOf, recordAudit } from './record-audit.js';
import { runAuditVerification } from './run-verification.js';
import { auditEntriesForExport, searchAudit, type AuditFilter, type AuditScope } from './search-audit.js';

export function toFilter(q: AuditFilterQuery): AuditFilter {
  return {
    actor: q.actor,
    departmentId: q.department,
    from: q.from,
    to: q.to,
    recordType: q.recordType,
    recordId: q.recordId,
    action: q.action,
  };
}

/** Filters as audit detail: ids, codes and dates only (never personal data). */
function filterDetail(f: AuditFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

/** The viewer's scope, or 403 — and the refusal is audited too. */
async function requireScope(ctx: AppContext, req: FastifyRequest, actor: StaffActor, action: string): Promise<AuditScope> {
  const scope = auditScopeOf(actor);
  if (scope) return scope;
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      { ...auditContextOf(req), action, outcome: 'denied', recordType: 'audit_log', departmentId: actor.currentDepartmentId },
      ctx.clock.now(),
    ),
  );
  throw errors.forbidden();
}

/** One page of the search; the view is recorded in the same transaction as the read. */
export async function viewAuditPage(ctx: AppContext, req: FastifyRequest, actor: StaffActor, filter: AuditFilter, page: number) {
  const scope = await requireScope(ctx, req, actor, 'audit.view');
  return ctx.db.transaction(async (tx) => {
    const result = await searchAudit(tx, filter, scope, page);
    await recordAudit(
      tx,
      {
        ...auditContextOf(req),
        action: 'audit.view',
        recordType: 'audit_log',
        departmentId: actor.currentDepartmentId,
        detail: { filter: filterDetail(filter), page, shown: result.entries.length },
      },
      ctx.clock.now(),
    );
    return result;
  });
}

/** Runs a verification for a system administrator and audits that it was run and how it ended. */
export async function verifyNow(ctx: AppContext, req: FastifyRequest, actor: StaffActor) {
  if (!canRunAuditVerification(actor)) {
    await ctx.db.transaction((tx) =>
      recordAudit(tx, { ...auditContextOf(req), action: 'audit.verify', outcome: 'denied', recordType: 'audit_log' }, ctx.clock.now()),
    );
    throw errors.forbidden();
  }
  // Not one transaction: the walk reads in batches and must not hold up appends on PostgreSQL.
  const result = await runAuditVerification(ctx, ctx.db, { trigger: 'staff', requestedBy: actor.id });
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...auditContextOf(req),
        action: 'audit.verify',
        outcome: result.isOk ? 'success' : 'failure',
        recordType: 'audit_log',
        detail: { entries: result.entries, lastSeq: result.lastSeq, problem: result.problem?.kind, failedSeq: result.problem?.seq },
      },
      ctx.clock.now(),
    ),
  );
  return result;
}

export async function streamExport(ctx: AppContext, req: FastifyRequest, actor: StaffActor, filter: AuditFilter, format: 'csv' | 'jsonl') {
  const scope = await requireScope(ctx, req, actor, 'audit.export');
  // Recorded before the first byte leaves: an interrupted download still counts as an export.
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...auditContextOf(req),
        action: 'audit.export',
        recordType: 'audit_log',
        departmentId: actor.currentDepartmentId,
        detail: { filter: filterDetail(filter), format },
      },
      ctx.clock.now(),
    ),
  );
  return Readable.from(exportChunks(auditEntriesForExport(ctx.db, filter, scope), format));
}

export type AuditDepartment = { id: string; code: string; name: string; name_en: string | null };

/** The departments the viewer may filter by: all for a system administrator, else the administered ones. */
export async function auditSearchDepartments(ctx: AppContext, actor: StaffActor): Promise<AuditDepartment[]> {
  const scope = auditScopeOf(actor);
  if (!scope) return [];
  const r = await ctx.db.query<AuditDepartment>(
    scope === 'all'
      ? 'SELECT id, code, name, name_en FROM departments ORDER BY code'
      : 'SELECT id, code, name, name_en FROM departments WHERE id = ANY($1::uuid[]) ORDER BY code',
    scope === 'all' ? [] : [scope.departmentIds],
  );
  return r.rows;
}

/** Refuses (403) and records the refusal when the viewer may not read the audit log at all. */
export async function assertMayReadAuditLog(ctx: AppContext, req: FastifyRequest, actor: StaffActor): Promise<void> {
  await requireScope(ctx, req, actor, 'audit.view');
}
