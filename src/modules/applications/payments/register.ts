/**
 * Routes, pages and jobs of the payment part:
 * - POST /api/v1/applications/:referenceNumber/payment (Bearer accessToken) → { url } of the hosted page;
 * - POST /api/v1/payments/stripe/webhook: the provider's signed notifications, read as raw bytes;
 * - POST /applications/:referenceNumber/pay (the status page's pay button) and
 *   GET /applications/payment-return (where the hosted page sends the citizen back);
 * - jobs: reconciliation sweep and per-payment checks, closing other sessions, refunds, unpaid expiry.
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import { AppError, errors, problemTypes } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { bearerToken, normaliseReference } from './application-token.js';
import { registerPaymentReturnPage } from './citizen/payment-return.page.js';
import { registerPayPage } from './citizen/pay.page.js';
import { closeSessionsJob } from './close-sessions.job.js';
import { expireUnpaidJob } from './expire-unpaid.job.js';
import { paymentStartOut, referenceParams, webhookOut } from './payments.schemas.js';
import { receiveNotification } from './receive-notification.js';
import { checkPaymentJob, reconcilePaymentsJob } from './reconcile-payments.job.js';
import { runRefundJob } from './run-refund.job.js';
import { paymentProvider, startPayment } from './start-payment.js';

/** Stripe's events are a few kilobytes; anything much larger is not one. */
const WEBHOOK_BODY_LIMIT = 512 * 1024;

export function registerPayments(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/applications/:referenceNumber/payment',
    summary: "Start paying an application's fee: the provider's hosted payment page",
    description:
      'For an application waiting for its fee (status awaiting_payment). Answers the URL of the payment provider’s hosted page; send the citizen there with a full redirect. An open page is reused (a second call, a second tab), a new one is made when none is open. The provider receives only the reference number and the amount. 503 when the provider cannot be reached: the application is kept and the call can be repeated.',
    tags: ['applications'],
    auth: 'public',
    security: ['applicationToken'],
    params: referenceParams,
    responses: {
      200: { description: 'The hosted payment page', schema: paymentStartOut },
      404: { description: 'Wrong reference number or token (not told which)' },
      409: { description: 'The application is not waiting for payment (not_payable)' },
      503: { description: 'The payment provider cannot be reached now (payment_unavailable); try again later' },
    },
    handler: async ({ req, params }) => {
      const referenceNumber = normaliseReference(params.referenceNumber);
      if (!referenceNumber) throw errors.notFound();
      const { url } = await startPayment(ctx, { referenceNumber, accessToken: bearerToken(req) });
      return { url };
    },
  });

  // Own encapsulated scope: the body is kept as the raw bytes the signature covers (no JSON parser).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    defineApi(scope, {
      method: 'POST',
      url: '/api/v1/payments/stripe/webhook',
      summary: 'Stripe notifications (Checkout Session events), verified by the Stripe-Signature header',
      description:
        'Stripe’s event format and signature (the endpoint’s signing secret, STRIPE_WEBHOOK_SECRET). The signature is checked on the raw body before anything is read; each event id takes effect once (a redelivery answers 200 and changes nothing); a final state never goes back; the amount and currency are checked against what was asked.',
      tags: ['payments'],
      auth: 'public',
      signedNotifications: true,
      headers: { 'stripe-signature': { description: 'Stripe’s signature of the raw body', required: true } },
      responses: {
        200: { description: 'Received (also for an event already received)', schema: webhookOut },
        400: { description: 'The signature, its timestamp or the body does not verify' },
        503: { description: 'Payments are not configured' },
      },
      handler: async ({ req }) => {
        const provider = paymentProvider(ctx);
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const r = await receiveNotification(ctx, provider, raw, req.headers, req.ip);
        if (!r.accepted) throw new AppError('bad_request', 400, problemTypes.bad_request.title);
        return { received: true as const };
      },
    });
  });

  registerPayPage(app, ctx);
  registerPaymentReturnPage(app, ctx);
}

export const jobs: JobDefinition[] = [reconcilePaymentsJob, checkPaymentJob, closeSessionsJob, runRefundJob, expireUnpaidJob];
