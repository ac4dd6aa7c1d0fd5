/**
 * POST /applications/:referenceNumber/pay — the pay button of the application's status and
 * completion pages (a form with the hidden `token`, the application's secret, and the anonymous form
 * token `_csrf`). Starts or reuses the payment and sends the browser to the provider's hosted page: a
 * full navigation, never a frame. Not a 303: our pages' CSP says `form-action 'self'`, and browsers
 * apply form-action to the redirects of a form submission, so a redirect to the provider's origin
 * would be blocked. The answer is a short page whose `Refresh` header (and its button, without any
 * script) opens the hosted page. Provider down: a page saying to try again later, the application
 * kept; not payable: a page saying so. Both link back to the status page.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { linkButton, notice } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { normaliseReference } from '../application-token.js';
import { paymentMessages } from '../payments.messages.js';
import { payBody, payParams } from '../payments.schemas.js';
import { startPayment } from '../start-payment.js';
import { paymentPage, rememberPayer, statusLinkBlock } from './payment.view.js';

export function registerPayPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/applications/:referenceNumber/pay',
    summary: "Pay an application's fee: to the provider's hosted page",
    auth: 'public',
    csrf: 'form',
    params: payParams,
    body: payBody,
    async handler({ req, reply, lang, params, body }) {
      const t = paymentMessages.in(lang);
      const referenceNumber = normaliseReference(params.referenceNumber) ?? '';
      try {
        const { url } = await startPayment(ctx, { referenceNumber, accessToken: body.token });
        rememberPayer(ctx, reply, referenceNumber, body.token);
        reply.header('Refresh', `0; url=${url}`);
        const main = html`<h1>${t('toProviderTitle')}</h1>
          <p>${t('toProviderBody')}</p>
          <p>${linkButton({ href: url, label: t('toProviderButton'), kind: 'primary' })}</p>`;
        return paymentPage(req, t('toProviderTitle'), main);
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'payment_unavailable' && err.code !== 'not_payable')) throw err;
        const unavailable = err.code === 'payment_unavailable';
        const title = unavailable ? t('unavailableTitle') : t('notPayableTitle');
        const main = html`<h1>${title}</h1>${notice({
          kind: unavailable ? 'warning' : 'info',
          body: unavailable ? t('unavailableBody') : t('notPayableBody'),
          role: 'alert',
        })}${statusLinkBlock(req, referenceNumber, body.token)}`;
        return { html: paymentPage(req, title, main), status: err.status };
      }
    },
  });
}
