/**
 * /staff/payments/payments/:id/refund — ask for a refund (full or partial) of one payment, with a
 * reason; another payment administrator approves it on /staff/payments/refunds. requestRefund
 * (payments part) checks the role, the amount left and audits. Payment administrators only (403).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, redirect, type PageResult } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, summaryList, textArea, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { requestRefund } from '../../payments/index.js';
import { paymentAdminMessages } from '../payment-admin.messages.js';
import { idParams, refundRequestBody } from '../payment-admin.schemas.js';
import { methodLabel, paymentStatusLabel, yen } from '../payment-labels.js';
import { paymentForRefund, type PaymentItem } from '../read-refunds.js';
import { reference, renderPaymentAdminPage, when } from './payment-admin.view.js';

function render(
  req: FastifyRequest,
  lang: Lang,
  p: PaymentItem,
  o: { csrf: string; raw?: Record<string, string>; errors?: FieldMessage[] },
): string {
  const t = paymentAdminMessages.in(lang);
  const errors = o.errors ?? [];
  const title = t('refundRequestTitle', { number: p.referenceNumber });
  const main = html`<p><a href="/staff/payments/refunds">${t('back')}</a></p>
${errorSummary({ title: t('checkInput'), errors })}
<div class="card">${summaryList({
    items: [
      { term: t('referenceNumber'), value: reference(p.referenceNumber) },
      { term: t('amount'), value: yen(p.amount, lang) },
      { term: t('refunded'), value: yen(p.refundedAmount, lang) },
      { term: t('refundable'), value: yen(p.refundable, lang) },
      { term: t('status'), value: paymentStatusLabel(p.status, lang) },
      { term: t('method'), value: methodLabel(p.method, lang) },
      { term: t('paidAt'), value: p.paidAt ? when(p.paidAt, lang) : '—' },
    ],
  })}</div>
${
  p.refundable > 0
    ? html`<form method="post" action="/staff/payments/payments/${p.id}/refund">${csrfInput(o.csrf)}
${textField({ lang, name: 'amount', label: t('refundAmount'), hint: t('refundAmountHint'), type: 'number', inputmode: 'numeric', min: 1, max: p.refundable, step: 1, required: true, value: o.raw?.amount ?? String(p.refundable), errors })}
${textArea({ lang, name: 'reason', label: t('reason'), hint: t('refundReasonHint'), required: true, maxLength: 500, rows: 3, value: o.raw?.reason ?? '', errors })}
${button({ label: t('sendRequest') })}</form>`
    : html`<p>${t('notRefundable')}</p>`
}`;
  return renderPaymentAdminPage(req, { title, section: 'refunds', main });
}

export function registerRefundRequestPage(app: FastifyInstance, ctx: AppContext): void {
  const base = {
    url: '/staff/payments/payments/:id/refund',
    auth: 'staff',
    params: idParams,
    allow: (actor: Parameters<typeof isPaymentAdmin>[0]) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
  } as const;

  definePage(app, {
    ...base,
    method: 'GET',
    summary: 'The refund request form of one payment',
    async handler({ req, lang, actor, params, csrf }) {
      return render(req, lang, await paymentForRefund(ctx, actor, params.id), { csrf });
    },
  });

  definePage(app, {
    ...base,
    method: 'POST',
    summary: 'Ask for a refund (another payment administrator approves it)',
    body: refundRequestBody,
    async invalid({ req, lang, actor, params, csrf, raw, errors }) {
      return render(req, lang, await paymentForRefund(ctx, actor, params.id), { csrf, raw, errors });
    },
    async handler({ req, lang, actor, params, body, csrf }): Promise<PageResult> {
      try {
        await requestRefund(ctx, actor, { paymentId: params.id, amount: body.amount, reason: body.reason }, auditContextOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const p = await paymentForRefund(ctx, actor, params.id);
        const errors = [{ field: 'amount', message: paymentAdminMessages.t(lang, p.refundable > 0 ? 'amountRule' : 'notRefundable') }];
        return { html: render(req, lang, p, { csrf, raw: { amount: String(body.amount), reason: body.reason }, errors }), status: 409 };
      }
      return redirect('/staff/payments/refunds?done=requested');
    },
  });
}
