/**
 * /staff/payments/alerts — paid but no application, amount mismatches, applications waiting for
 * payment longer than PAYMENT_WAITING_ALERT_HOURS, failed refunds, unmatched notifications. Only
 * 整理番号, amounts, dates and provider ids. Payment administrators only (403); audited.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { dataTable } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { ALERT_DAYS, listPaymentAlerts, type PaymentAlerts } from '../list-payment-alerts.js';
import { paymentAdminMessages } from '../payment-admin.messages.js';
import { yen } from '../payment-labels.js';
import { reference, renderPaymentAdminPage, when } from './payment-admin.view.js';

const money = (amount: number | null, lang: Lang) => (amount === null ? '—' : yen(amount, lang));
const code = (s: string | null): SafeHtml | string => (s ? html`<code>${s}</code>` : '');

function sections(lang: Lang, a: PaymentAlerts): SafeHtml {
  const t = paymentAdminMessages.in(lang);
  const section = (id: string, title: string, count: number, table: SafeHtml) =>
    html`<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title} <span class="badge">${count}</span></h2>${table}</section>`;
  const outcome = (o: string) => (o === 'unknown_payment' || o === 'mismatch' ? t(`outcome.${o}`) : o);
  return html`${section(
    'paid-without-application',
    t('paidWithoutApplication'),
    a.paidWithoutApplication.length,
    dataTable({
      lang,
      caption: t('paidWithoutApplication'),
      hideCaption: true,
      emptyText: t('none'),
      columns: [
        { key: 'at', label: t('occurredAt') },
        { key: 'ref', label: t('referenceNumber') },
        { key: 'amount', label: t('amount'), numeric: true },
        { key: 'provider', label: t('providerId') },
      ],
      rows: a.paidWithoutApplication.map((x) => ({
        at: when(x.at, lang),
        ref: reference(x.referenceNumber),
        amount: money(x.amount, lang),
        provider: code(x.providerPaymentId),
      })),
    }),
  )}
${section(
  'amount-mismatch',
  t('amountMismatch'),
  a.amountMismatch.length,
  dataTable({
    lang,
    caption: t('amountMismatch'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'at', label: t('occurredAt') },
      { key: 'ref', label: t('referenceNumber') },
      { key: 'expected', label: t('expected'), numeric: true },
      { key: 'reported', label: t('reported'), numeric: true },
      { key: 'provider', label: t('providerId') },
    ],
    rows: a.amountMismatch.map((x) => ({
      at: when(x.at, lang),
      ref: reference(x.referenceNumber),
      expected: money(x.expected, lang),
      reported: x.reported === null ? '—' : `${x.reported.toLocaleString('en-US')} ${(x.reportedCurrency ?? '').toUpperCase()}`,
      provider: code(x.providerPaymentId),
    })),
  }),
)}
${section(
  'waiting',
  t('waitingLong', { hours: a.waitingHours }),
  a.waiting.length,
  dataTable({
    lang,
    caption: t('waitingLong', { hours: a.waitingHours }),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'ref', label: t('referenceNumber') },
      { key: 'amount', label: t('amount'), numeric: true },
      { key: 'since', label: t('since') },
    ],
    rows: a.waiting.map((x) => ({ ref: reference(x.referenceNumber), amount: money(x.amount, lang), since: when(x.since, lang) })),
  }),
)}
${section(
  'failed-refunds',
  t('refundFailed'),
  a.failedRefunds.length,
  dataTable({
    lang,
    caption: t('refundFailed'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'at', label: t('occurredAt') },
      { key: 'ref', label: t('referenceNumber') },
      { key: 'amount', label: t('amount'), numeric: true },
    ],
    rows: a.failedRefunds.map((x) => ({ at: when(x.at, lang), ref: reference(x.referenceNumber), amount: money(x.amount, lang) })),
  }),
)}
${section(
  'unmatched-notifications',
  t('unmatchedNotifications'),
  a.unmatchedNotifications.length,
  dataTable({
    lang,
    caption: t('unmatchedNotifications'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'at', label: t('occurredAt') },
      { key: 'type', label: t('eventType') },
      { key: 'provider', label: t('providerId') },
      { key: 'outcome', label: t('outcome') },
    ],
    rows: a.unmatchedNotifications.map((x) => ({
      at: when(x.at, lang),
      type: code(x.eventType),
      provider: code(x.providerPaymentId),
      outcome: outcome(x.outcome),
    })),
  }),
)}`;
}

export function registerAlertsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/payments/alerts',
    summary: 'Payment alerts: paid but no application, amount mismatch, waiting too long, failed refunds (audited)',
    auth: 'staff',
    allow: (actor) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
    async handler({ req, lang, actor }) {
      const alerts = await listPaymentAlerts(ctx, actor, auditContextOf(req));
      const t = paymentAdminMessages.in(lang);
      const main = html`<p>${t('alertsIntro', { days: ALERT_DAYS })}</p>${sections(lang, alerts)}`;
      return renderPaymentAdminPage(req, { title: t('alertsTitle'), section: 'alerts', main });
    },
  });
}
