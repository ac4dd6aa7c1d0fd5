/**
 * The staff payment API (pinned by issue 11): statistics as JSON and the reconciliation export as
 * CSV for a period. Payment administrators only — 403 for everybody else, department and system
 * administrators without the role included. Audited like the screens.
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { exportReconciliation } from './export-reconciliation.js';
import { exportQuery, paymentStatsSchema, periodQuery } from './payment-admin.schemas.js';
import { readPaymentStats } from './read-payment-stats.js';

const forbidden = { description: 'Not a payment administrator (role payment_admin in the PAYMENT_ADMIN_DEPARTMENT department)' };

export function registerPaymentAdminApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/payments/stats',
    summary: 'Payment statistics of a period: totals, by day, method, procedure and revenue account',
    description:
      'Payments paid between from and to (Japan time days, both included, at most 366 days): count, yen paid, yen refunded of them so far, net. Only amounts, dates, methods and codes: no name or answer. Audited.',
    tags: ['payments'],
    auth: 'staff',
    query: periodQuery,
    responses: { 200: { description: 'Statistics', schema: paymentStatsSchema }, 403: forbidden },
    handler: ({ req, query, staff }) => readPaymentStats(ctx, staff, query, auditContextOf(req)),
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/payments/export',
    // i18n-exempt: OpenAPI summary for developers, in English with the Japanese term
    summary: 'The reconciliation report (消込) of a period as CSV',
    // i18n-exempt: OpenAPI description for developers, in English with the Japanese column names
    description:
      'One line per payment paid (区分 入金) and per refund approved (区分 返金) in the period (Japan time): 整理番号, amount, refunded, method, date and time, provider id, revenue account (歳入科目), status, counted or duplicate. Shift_JIS (Windows-31J) by default, UTF-8 with BOM on request; formulas neutralised. Audited.',
    tags: ['payments'],
    auth: 'staff',
    query: exportQuery,
    responses: { 200: { description: 'The CSV file', contentType: 'text/csv' }, 403: forbidden },
    async handler({ req, reply, query, staff }) {
      const out = await exportReconciliation(ctx, staff, { from: query.from, to: query.to }, query.encoding, auditContextOf(req));
      reply.type(out.contentType).header('Content-Disposition', `attachment; filename="${out.filename}"`);
      return reply.send(out.body);
    },
  });
}
