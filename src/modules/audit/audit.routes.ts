/**
 * The audit log for staff: the search screen (/staff/audit), its JSON API and CSV export, and the
 * verification status with a "verify now" button for system administrators. Viewing, exporting
 * and verifying are themselves audited.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, type StaffActor } from '../../http/actor.js';
import { defineApi } from '../../http/api-route.js';
import { errors } from '../../http/errors.js';
import { fieldErrorsOf } from '../../http/validation.js';
import type { AppContext } from '../../platform/context.js';
import { registerStaffNav } from '../staff/index.js';
import { auditScopeOf, canReadAuditLog, canRunAuditVerification } from './audit.policy.js';
import {
  auditExportQuery,
  auditPageSchema,
  auditSearchQuery,
  verificationStatusSchema,
  type AuditFilterQuery,
} from './audit.schemas.js';
import { renderAuditPage } from './audit.page.js';
import { exportChunks } from './audit-export-format.js';
import { auditContextOf, recordAudit } from './record-audit.js';
import { latestVerification, runAuditVerification, type VerificationRecord } from './run-verification.js';
import { auditEntriesForExport, searchAudit, type AuditEntry, type AuditFilter, type AuditScope } from './search-audit.js';

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
    recordAudit(tx, { ...auditContextOf(req), action, outcome: 'denied', recordType: 'audit_log', departmentId: actor.currentDepartmentId }, ctx.clock.now()),
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

const entryJson = (e: AuditEntry) => ({
  seq: e.seq,
  occurredAt: e.occurredAt.toISOString(),
  actorType: e.actorType,
  actorId: e.actorId,
  actorLabel: e.actorLabel,
  departmentId: e.departmentId,
  departmentCode: e.departmentCode,
  departmentName: e.departmentName,
  action: e.action,
  outcome: e.outcome,
  recordType: e.recordType,
  recordId: e.recordId,
  recordLabel: e.recordLabel,
  clientIp: e.clientIp,
  requestId: e.requestId,
  detail: e.detail,
  hash: e.hash,
});

const verificationJson = (v: VerificationRecord | undefined) =>
  v
    ? {
        isOk: v.isOk,
        finishedAt: v.finishedAt.toISOString(),
        trigger: v.trigger,
        entries: v.entries,
        headSeq: v.headSeq,
        failedSeq: v.failedSeq,
        problem: v.problem,
        message: v.message,
      }
    : null;

/** Runs a verification for a system administrator and audits that it was run and how it ended. */
async function verifyNow(ctx: AppContext, req: FastifyRequest, actor: StaffActor) {
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

async function streamExport(ctx: AppContext, req: FastifyRequest, actor: StaffActor, filter: AuditFilter, format: 'csv' | 'jsonl') {
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

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, { key: 'audit', href: '/staff/audit', label: { ja: '監査ログ', en: 'Audit log' }, visible: canReadAuditLog, order: 40 });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/audit',
    summary: 'Search the audit log (system administrators: all; department administrators: their departments)',
    tags: ['audit'],
    auth: 'staff',
    query: auditSearchQuery,
    responses: { 200: { description: 'One page, newest first', schema: auditPageSchema }, 403: { description: 'Not an administrator' } },
    async handler({ req, query, staff }) {
      const r = await viewAuditPage(ctx, req, staff, toFilter(query), query.page);
      return { entries: r.entries.map(entryJson), page: r.page, hasNext: r.hasNext };
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/audit/export',
    summary: 'Export the current search of the audit log (CSV, UTF-8 with BOM; or JSON Lines)',
    tags: ['audit'],
    auth: 'staff',
    query: auditExportQuery,
    responses: {
      200: { description: 'The matching entries, oldest first', contentType: 'text/csv' },
      403: { description: 'Not an administrator' },
    },
    async handler({ req, reply, query, staff }) {
      const stream = await streamExport(ctx, req, staff, toFilter(query), query.format);
      const stamp = ctx.clock.now().toISOString().slice(0, 10);
      reply
        .type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="audit-log-${stamp}.${query.format}"`);
      return reply.send(stream);
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/audit/verification',
    summary: 'The latest verification of the audit hash chain',
    tags: ['audit'],
    auth: 'staff',
    responses: { 200: { description: 'Latest result', schema: verificationStatusSchema }, 403: { description: 'Not an administrator' } },
    async handler({ staff }) {
      if (!canReadAuditLog(staff)) throw errors.forbidden();
      return { latest: verificationJson(await latestVerification(ctx.db)) };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/audit/verification',
    summary: 'Verify the audit hash chain now (system administrators)',
    tags: ['audit'],
    auth: 'staff',
    body: z.object({}).passthrough(),
    responses: { 200: { description: 'The result', schema: verificationStatusSchema }, 403: { description: 'Not a system administrator' } },
    async handler({ req, staff }) {
      await verifyNow(ctx, req, staff);
      return { latest: verificationJson(await latestVerification(ctx.db)) };
    },
  });

  app.get('/staff/audit', { config: { auth: 'staff' } }, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const parsed = auditSearchQuery.safeParse(raw);
    const query = parsed.success ? parsed.data : undefined;
    const page = query
      ? await viewAuditPage(ctx, req, actor, toFilter(query), query.page)
      : (await requireScope(ctx, req, actor, 'audit.view'), undefined);
    const scope = auditScopeOf(actor) as AuditScope;
    const departments = await ctx.db.query<{ id: string; code: string; name: string; name_en: string | null }>(
      scope === 'all'
        ? 'SELECT id, code, name, name_en FROM departments ORDER BY code'
        : 'SELECT id, code, name, name_en FROM departments WHERE id = ANY($1::uuid[]) ORDER BY code',
      scope === 'all' ? [] : [scope.departmentIds],
    );
    return reply.type('text/html; charset=utf-8').send(
      renderAuditPage(req, {
        actor,
        raw,
        errors: parsed.success ? [] : fieldErrorsOf(parsed.error),
        result: page,
        departments: departments.rows,
        verification: await latestVerification(ctx.db),
        canVerify: canRunAuditVerification(actor),
      }),
    );
  });

  app.post('/staff/audit/verify', { config: { auth: 'staff' } }, async (req, reply) => {
    const actor = await authenticate('staff', req);
    await verifyNow(ctx, req, actor);
    return reply.redirect('/staff/audit#verification', 303);
  });
}
