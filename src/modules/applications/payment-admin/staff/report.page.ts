/**
 * /staff/payments/report — the daily reconciliation report (消込) of one Japan-time day (today by
 * default): payments received, refunds approved, totals per revenue account, and the CSV download
 * (/staff/payments/report.csv). Payment administrators only (403); audited by viewReconciliation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { jstDate } from '../../../../platform/japan-time.js';
import { dataTable, dateField, errorSummary, radios, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { paymentAdminMessages } from '../payment-admin.messages.js';
import { reportQuery } from '../payment-admin.schemas.js';
import { countingLabel, methodLabel, paymentStatusLabel, yen } from '../payment-labels.js';
import { viewReconciliation, type Reconciliation } from '../read-reconciliation.js';
import { reference, renderPaymentAdminPage, when } from './payment-admin.view.js';

function reportTables(lang: Lang, r: Reconciliation) {
  const t = paymentAdminMessages.in(lang);
  const account = (code: string | null) => code ?? t('noRevenueAccount');
  return html`<section><h2>${t('perRevenueAccount')}</h2>${dataTable({
    lang,
    caption: t('perRevenueAccount'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'account', label: t('revenueAccount') },
      { key: 'payments', label: t('count'), numeric: true },
      { key: 'received', label: t('received'), numeric: true },
      { key: 'refunded', label: t('refunded'), numeric: true },
      { key: 'net', label: t('net'), numeric: true },
    ],
    rows: [...r.totals, ...(r.totals.length > 1 ? [{ ...r.overall, revenueAccountCode: null, isOverall: true }] : [])].map((x) => ({
      account: 'isOverall' in x ? t('totals') : account(x.revenueAccountCode),
      payments: x.payments,
      received: yen(x.received, lang),
      refunded: yen(x.refunded, lang),
      net: yen(x.net, lang),
    })),
  })}</section>
<section><h2>${t('payments')}</h2>${dataTable({
    lang,
    caption: t('payments'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'ref', label: t('referenceNumber') },
      { key: 'amount', label: t('amount'), numeric: true },
      { key: 'refunded', label: t('refunded'), numeric: true },
      { key: 'method', label: t('method') },
      { key: 'paidAt', label: t('paidAt') },
      { key: 'provider', label: t('providerId') },
      { key: 'account', label: t('revenueAccount') },
      { key: 'status', label: t('status') },
      { key: 'counting', label: t('counting') },
    ],
    rows: r.payments.map((p) => ({
      ref: reference(p.referenceNumber),
      amount: yen(p.amount, lang),
      refunded: yen(p.refundedAmount, lang),
      method: methodLabel(p.method, lang),
      paidAt: when(p.paidAt, lang),
      provider: p.providerPaymentId ? html`<code>${p.providerPaymentId}</code>` : '',
      account: account(p.revenueAccountCode),
      status: paymentStatusLabel(p.status, lang),
      counting: countingLabel(p.counting, lang),
    })),
  })}</section>
<section><h2>${t('refunds')}</h2>${dataTable({
    lang,
    caption: t('refunds'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'ref', label: t('referenceNumber') },
      { key: 'amount', label: t('amount'), numeric: true },
      { key: 'method', label: t('method') },
      { key: 'at', label: t('refundedAt') },
      { key: 'provider', label: t('providerId') },
      { key: 'account', label: t('revenueAccount') },
      { key: 'kind', label: t('counting') },
    ],
    rows: r.refunds.map((x) => ({
      ref: reference(x.referenceNumber),
      amount: yen(x.amount, lang),
      method: methodLabel(x.method, lang),
      at: when(x.refundedAt, lang),
      provider: x.providerRefundId ? html`<code>${x.providerRefundId}</code>` : '',
      account: account(x.revenueAccountCode),
      kind: x.automatic ? t('automatic') : t('byStaff'),
    })),
  })}</section>`;
}

function render(req: FastifyRequest, lang: Lang, o: { date: string; errors: FieldMessage[]; report?: Reconciliation }): string {
  const t = paymentAdminMessages.in(lang);
  const main = html`<p>${t('reportIntro')}</p>
${errorSummary({ title: t('checkInput'), errors: o.errors })}
<form method="get" action="/staff/payments/report" class="filters">
  ${dateField({ lang, name: 'date', label: t('reportDate'), value: o.date, errors: o.errors, markOptional: false })}
  <div class="form-field"><button type="submit">${t('show')}</button></div>
</form>
${
  o.report
    ? html`<form method="get" action="/staff/payments/report.csv" class="filters">
  <input type="hidden" name="date" value="${o.date}">
  ${radios({
    lang,
    name: 'encoding',
    label: t('encoding'),
    value: 'shift_jis',
    inline: true,
    markOptional: false,
    choices: [
      { value: 'shift_jis', label: t('encodingSjis') },
      { value: 'utf-8', label: t('encodingUtf8') },
    ],
  })}
  <div class="form-field"><button type="submit" class="button button--secondary">${t('downloadCsv')}</button></div>
</form>
${reportTables(lang, o.report)}`
    : ''
}`;
  return renderPaymentAdminPage(req, { title: t('reportTitle'), section: 'report', main });
}

export function registerReportPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/payments/report',
    summary: 'The daily reconciliation report of one day: payments, refunds, totals per revenue account (audited)',
    auth: 'staff',
    allow: (actor) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
    query: reportQuery,
    invalid: ({ req, lang, raw, errors }) => render(req, lang, { date: raw.date ?? '', errors }),
    async handler({ req, lang, actor, query }) {
      const date = query.date || jstDate(ctx.clock.now());
      const report = await viewReconciliation(ctx, actor, { from: date, to: date }, auditContextOf(req));
      return render(req, lang, { date, errors: [], report });
    },
  });
}
