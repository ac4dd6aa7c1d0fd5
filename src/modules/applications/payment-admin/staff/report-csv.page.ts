/**
 * /staff/payments/report.csv — the reconciliation report of one day as CSV (Shift_JIS or UTF-8 with
 * BOM). Payment administrators only (403); the export is audited by exportReconciliation.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { exportReconciliation } from '../export-reconciliation.js';
import { reportCsvQuery } from '../payment-admin.schemas.js';

export function registerReportCsvPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/payments/report.csv',
    summary: 'Download the reconciliation report of one day as CSV (audited)',
    auth: 'staff',
    allow: (actor) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
    query: reportCsvQuery,
    async handler({ req, reply, actor, query }) {
      const out = await exportReconciliation(ctx, actor, { from: query.date, to: query.date }, query.encoding, auditContextOf(req));
      reply.header('Content-Type', out.contentType).header('Content-Disposition', `attachment; filename="${out.filename}"`);
      await reply.send(out.body);
      return sent;
    },
  });
}
