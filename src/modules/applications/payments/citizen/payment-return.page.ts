/**
 * GET /applications/payment-return?session_id=… — where the provider's hosted page sends the citizen
 * back (after paying or cancelling). The query is not trusted: the session id only finds one of our
 * payments, which is re-read from the provider and applied like a notification (readPaymentReturn).
 * A changed amount, a made-up id or another application's session changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { notice } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { paymentMessages } from '../payments.messages.js';
import { returnQuery } from '../payments.schemas.js';
import { readPaymentReturn } from '../read-payment-return.js';
import { paymentFacts, paymentPage, rememberedToken, statusLinkBlock } from './payment.view.js';

export function registerPaymentReturnPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/applications/payment-return',
    summary: 'The return page after the hosted payment page: the payment re-read from the provider',
    auth: 'public',
    query: returnQuery,
    async handler({ req, lang, query }) {
      const t = paymentMessages.in(lang);
      const r = await readPaymentReturn(ctx, { sessionId: query.session_id, paymentId: query.payment });
      if (r.state === 'unknown') {
        const main = html`<h1>${t('returnTitle')}</h1>${notice({ kind: 'warning', title: t('unknownTitle'), body: t('unknownBody') })}`;
        return { html: paymentPage(req, t('returnTitle'), main), status: 404 };
      }
      const token = rememberedToken(ctx, req, r.referenceNumber);
      const state =
        r.state === 'paid'
          ? notice({
              kind: 'success',
              title: t('paidTitle'),
              body: t('paidBody', { reference: r.referenceNumber, amount: r.amount.toLocaleString('ja-JP') }),
            })
          : r.state === 'pending'
            ? notice({ kind: 'info', title: t('pendingTitle'), body: t('pendingBody'), role: 'status' })
            : notice({ kind: 'warning', title: t('cancelledTitle'), body: t('cancelledBody') });
      const main = html`<h1>${t('returnTitle')}</h1>${state}${paymentFacts(req, r)}${statusLinkBlock(req, r.referenceNumber, token)}`;
      return paymentPage(req, t('returnTitle'), main);
    },
  });
}
