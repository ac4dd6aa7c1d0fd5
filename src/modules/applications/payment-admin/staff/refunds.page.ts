/**
 * /staff/payments/refunds — refunds waiting for a second payment administrator (approve / reject,
 * never one's own), the latest refunds, and a search by 整理番号 leading to the refund request form.
 * Payment administrators only (403); each read is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { dataTable, errorSummary, notice, postButtonForm, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { paymentAdminMessages } from '../payment-admin.messages.js';
import { refundsPageQuery } from '../payment-admin.schemas.js';
import { methodLabel, paymentStatusLabel, refundStatusLabel, yen } from '../payment-labels.js';
import { findPaymentsByReference, listRefunds, type PaymentItem, type RefundItem } from '../read-refunds.js';
import { reference, renderPaymentAdminPage, when } from './payment-admin.view.js';

type View = {
  actor: StaffActor;
  csrf: string;
  ref: string;
  errors: FieldMessage[];
  found?: PaymentItem[];
  refunds?: { waiting: RefundItem[]; history: RefundItem[] };
  done?: 'requested' | 'rejected' | 'approved' | 'succeeded' | 'failed';
};

const DONE = {
  requested: ['success', 'requested'],
  rejected: ['info', 'decidedRejected'],
  approved: ['success', 'decidedApproved'],
  succeeded: ['success', 'decidedSucceeded'],
  failed: ['error', 'decidedFailed'],
} as const;

function foundTable(lang: Lang, ref: string, found: PaymentItem[]): SafeHtml {
  const t = paymentAdminMessages.in(lang);
  return html`<section aria-labelledby="found-title"><h2 id="found-title">${t('paymentsFound', { number: ref })}</h2>${dataTable({
    lang,
    caption: t('paymentsFound', { number: ref }),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'amount', label: t('amount'), numeric: true },
      { key: 'refunded', label: t('refunded'), numeric: true },
      { key: 'refundable', label: t('refundable'), numeric: true },
      { key: 'status', label: t('status') },
      { key: 'method', label: t('method') },
      { key: 'paidAt', label: t('paidAt') },
      { key: 'action', label: t('actions') },
    ],
    rows: found.map((p) => ({
      amount: yen(p.amount, lang),
      refunded: yen(p.refundedAmount, lang),
      refundable: yen(p.refundable, lang),
      status: paymentStatusLabel(p.status, lang),
      method: methodLabel(p.method, lang),
      paidAt: p.paidAt ? when(p.paidAt, lang) : '',
      action: p.refundable > 0 ? html`<a href="/staff/payments/payments/${p.id}/refund">${t('requestRefundLink')}</a>` : '',
    })),
  })}</section>`;
}

function refundRows(lang: Lang, list: RefundItem[], decide?: { actor: StaffActor; csrf: string }) {
  const t = paymentAdminMessages.in(lang);
  return list.map((r) => ({
    ref: reference(r.referenceNumber),
    amount: yen(r.amount, lang),
    status: refundStatusLabel(r.status, lang),
    requested: html`${when(r.requestedAt, lang)}<br>${r.automatic ? t('system') : (r.requestedBy ?? '')}`,
    reason: r.automatic ? t('automatic') : r.reason,
    decided: r.decidedAt ? html`${when(r.decidedAt, lang)}<br>${r.decidedBy ?? t('system')}` : '',
    action: !decide
      ? ''
      : r.requestedById === decide.actor.id
        ? html`<span class="hint">${t('ownRequest')}</span>`
        : html`${postButtonForm({
            action: `/staff/payments/refunds/${r.id}/decide`,
            csrf: decide.csrf,
            label: t('approve'),
            hidden: { decision: 'approve' },
            confirm: t('approveConfirm', { amount: yen(r.amount, lang) }),
            confirmLabel: t('approve'),
            small: true,
          })}
${postButtonForm({ action: `/staff/payments/refunds/${r.id}/decide`, csrf: decide.csrf, label: t('reject'), kind: 'secondary', hidden: { decision: 'reject' }, small: true })}`,
  }));
}

function render(req: FastifyRequest, lang: Lang, o: View): string {
  const t = paymentAdminMessages.in(lang);
  const columns = [
    { key: 'ref' as const, label: t('referenceNumber') },
    { key: 'amount' as const, label: t('amount'), numeric: true },
    { key: 'status' as const, label: t('status') },
    { key: 'requested' as const, label: `${t('requestedAt')} / ${t('requestedBy')}` },
    { key: 'reason' as const, label: t('reason') },
    { key: 'decided' as const, label: t('decidedBy') },
  ];
  const done = o.done ? DONE[o.done] : undefined;
  const main = html`<p>${t('refundsIntro')}</p>
${done ? notice({ kind: done[0], body: t(done[1]) }) : ''}
${errorSummary({ title: t('checkInput'), errors: o.errors })}
<form method="get" action="/staff/payments/refunds" class="filters">
  ${textField({ lang, name: 'ref', label: t('findPayment'), hint: t('referenceHint'), value: o.ref, errors: o.errors, markOptional: false, autocomplete: 'off', maxLength: 40 })}
  <div class="form-field"><button type="submit">${t('find')}</button></div>
</form>
${o.found ? foundTable(lang, o.ref, o.found) : ''}
${
  o.refunds
    ? html`<section aria-labelledby="waiting-title"><h2 id="waiting-title">${t('awaitingApproval')}</h2>${dataTable({
        lang,
        caption: t('awaitingApproval'),
        hideCaption: true,
        emptyText: t('none'),
        columns: [...columns.filter((c) => c.key !== 'decided'), { key: 'action' as const, label: t('actions') }],
        rows: refundRows(lang, o.refunds.waiting, { actor: o.actor, csrf: o.csrf }),
      })}</section>
<section aria-labelledby="history-title"><h2 id="history-title">${t('refundHistory')}</h2>${dataTable({
        lang,
        caption: t('refundHistory'),
        hideCaption: true,
        emptyText: t('none'),
        columns,
        rows: refundRows(lang, o.refunds.history),
      })}</section>`
    : ''
}`;
  return renderPaymentAdminPage(req, { title: t('refundsTitle'), section: 'refunds', main });
}

export function registerRefundsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/payments/refunds',
    summary: 'Refunds waiting for approval, the latest refunds, and a search by reference number (audited)',
    auth: 'staff',
    allow: (actor) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
    query: refundsPageQuery,
    async invalid({ req, lang, actor, csrf, raw, errors }) {
      const refunds = await listRefunds(ctx, actor, auditContextOf(req));
      return render(req, lang, { actor, csrf, ref: raw.ref ?? '', errors, refunds });
    },
    async handler({ req, lang, actor, csrf, query }) {
      const meta = auditContextOf(req);
      const found = query.ref ? await findPaymentsByReference(ctx, actor, query.ref, meta) : undefined;
      const refunds = await listRefunds(ctx, actor, meta);
      return render(req, lang, { actor, csrf, ref: query.ref, errors: [], found, refunds, done: query.done });
    },
  });
}
