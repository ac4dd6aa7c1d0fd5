/**
 * Payment administration (決済管理): the staff screens (statistics, daily reconciliation report and CSV,
 * alerts, refunds) and the staff payment API, for payment administrators only. Its menu entry is
 * shown to them alone.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerStaffNav } from '../../staff/index.js';
import { isPaymentAdmin } from '../applications.policy.js';
import { registerPaymentAdminApi } from './api.routes.js';
import { paymentAdminMessages } from './payment-admin.messages.js';
import { registerAlertsPage } from './staff/alerts.page.js';
import { registerRefundDecidePage } from './staff/refund-decide.page.js';
import { registerRefundRequestPage } from './staff/refund-request.page.js';
import { registerRefundsPage } from './staff/refunds.page.js';
import { registerReportCsvPage } from './staff/report-csv.page.js';
import { registerReportPage } from './staff/report.page.js';
import { registerStatsPage } from './staff/stats.page.js';

export function registerPaymentAdmin(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, {
    key: 'payments',
    href: '/staff/payments',
    label: paymentAdminMessages.text('nav'),
    visible: (actor) => isPaymentAdmin(actor, ctx.config),
    order: 40,
  });
  registerPaymentAdminApi(app, ctx);
  registerStatsPage(app, ctx);
  registerReportPage(app, ctx);
  registerReportCsvPage(app, ctx);
  registerAlertsPage(app, ctx);
  registerRefundsPage(app, ctx);
  registerRefundRequestPage(app, ctx);
  registerRefundDecidePage(app, ctx);
}

export const jobs: JobDefinition[] = [];
