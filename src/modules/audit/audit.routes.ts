/**
 * The audit log's JSON API and CSV export and the staff navigation entry; the screens are in staff/.
 * Viewing, exporting and verifying are themselves audited (read-audit-log.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../http/api-route.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { registerStaffNav } from '../staff/index.js';
import { canReadAuditLog } from './audit.policy.js';
import { auditMessages } from './audit.messages.js';
import { auditExportQuery, auditPageSchema, auditSearchQuery, verificationStatusSchema } from './audit.schemas.js';
import { streamExport, toFilter, verifyNow, viewAuditPage } from './read-audit-log.js';
import { latestVerification, type VerificationRecord } from './run-verification.js';
import type { AuditEntry } from './search-audit.js';
import { registerAuditPages } from './staff/index.js';

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

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, { key: 'audit', href: '/staff/audit', label: auditMessages.text('navLabel'), visible: canReadAuditLog, order: 40 });

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

  registerAuditPages(app, ctx);
}
