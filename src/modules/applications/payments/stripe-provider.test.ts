/**
 * The Stripe adapter against the local payment stand-in (the official SDK on both sides of the wire):
 * what leaves is only the 整理番号, the amount and the fixed description; sessions map to
 * ProviderPayments; notifications verify on the raw body; an outage is ProviderUnavailableError.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { loadConfig } from '../../../config.js';
import { ManualClock } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/context.js';
import { startPaymentStandin, type PaymentStandin } from '../../../payment-standin/standin.js';
import { signatureHeader } from '../../../payment-standin/webhooks.js';
import { providerFor, setProviderFor } from './provider-for.js';
import { type CheckoutRequest, NotificationRejectedError, ProviderUnavailableError } from './provider.js';
import { StripeProvider } from './stripe-provider.js';

const KEY = 'sk_test_adapter_0123456789';
const WHSEC = 'whsec_adapter_secret';

function request(ref: string, amount: number, key = `idem-${ref}`): CheckoutRequest {
  return {
    referenceNumber: ref,
    amount,
    description: 'fee',
    successUrl: 'https://city.example/applications/return?session={CHECKOUT_SESSION_ID}',
    cancelUrl: 'https://city.example/applications/cancel',
    expiresAt: new Date(Date.now() + 60 * 60_000),
    idempotencyKey: key,
  };
}

describe('Stripe adapter against the payment stand-in', () => {
  let standin: PaymentStandin;
  let close: () => Promise<void>;
  let provider: StripeProvider;
  let url: string;
  const received: { body: Buffer; signature: string }[] = [];
  let receiver: http.Server;

  before(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks), signature: String(req.headers['stripe-signature'] ?? '') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    ({ standin, close, url } = await startPaymentStandin({ secretKey: KEY, webhookSecret: WHSEC, webhookUrl, sweepIntervalMs: 0 }));
    provider = new StripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBaseUrl: url, maxNetworkRetries: 0 });
  });
  after(async () => {
    await close();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  /** The adapter's view of the stand-in's delivered event for a session (or charge) and type. */
  const notification = async (type: string, match: string) => {
    await standin.idle();
    const d = received.find((r) => r.body.toString().includes(match) && r.body.toString().includes(`"type": "${type}"`));
    assert.ok(d, `${type} delivered`);
    return provider.parseNotification(d.body, { 'stripe-signature': d.signature });
  };

  it('sends only the 整理番号, the amount, the fixed description, the return URLs, expiry and locale', async () => {
    const from = standin.calls().length;
    const req = request('A-2026-000101', 600);
    const created = await provider.createCheckout(req);
    const calls = standin.calls().slice(from);
    assert.equal(calls.length, 1);
    const call = calls[0];
    assert.ok(call);
    assert.equal(call.path, '/v1/checkout/sessions');
    assert.equal(call.idempotencyKey, req.idempotencyKey);
    assert.deepEqual(call.query, {});
    assert.deepEqual(call.params, {
      mode: 'payment',
      client_reference_id: 'A-2026-000101',
      line_items: [{ quantity: '1', price_data: { currency: 'jpy', unit_amount: '600', product_data: { name: 'fee' } } }],
      allowed_payment_method_types: ['card', 'paypay'],
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
      expires_at: String(Math.floor(req.expiresAt.getTime() / 1000)),
      locale: 'ja',
    });
    assert.equal(created.status, 'open');
    assert.equal(created.referenceNumber, 'A-2026-000101');
    assert.equal(created.amount, 600);
    assert.equal(created.currency, 'jpy');
    assert.equal(created.url, `${url}/pay/${created.providerPaymentId}`);
    assert.equal(created.expiresAt?.getTime(), Math.floor(req.expiresAt.getTime() / 1000) * 1000);
    assert.equal(created.chargeId, null);
    assert.equal(created.method, null);
  });

  it('creates one session per idempotency key (a retried create returns the same session)', async () => {
    const req = request('A-2026-000102', 300);
    const a = await provider.createCheckout(req);
    const b = await provider.createCheckout(req);
    assert.equal(b.providerPaymentId, a.providerPaymentId);
  });

  it('reads a paid session: paid, card, paid time from the charge, the PaymentIntent as chargeId', async () => {
    const created = await provider.createCheckout(request('A-2026-000103', 900));
    assert.equal(standin.pay(created.providerPaymentId).ok, true);
    const p = await provider.retrieve(created.providerPaymentId);
    const pi = standin.state.sessions.get(created.providerPaymentId)?.payment_intent as string;
    const charge = standin.state.charges.get(standin.state.paymentIntents.get(pi)?.latest_charge as string);
    assert.equal(p.status, 'paid');
    assert.equal(p.method, 'card');
    assert.equal(p.chargeId, pi);
    assert.equal(p.paidAt?.getTime(), (charge?.created ?? 0) * 1000);
    assert.equal(p.url, null);
    assert.equal(p.refundedAmount, 0);
  });

  it('tells Apple Pay (card wallet) and PayPay apart', async () => {
    const a = await provider.createCheckout(request('A-2026-000104', 300));
    standin.pay(a.providerPaymentId, { method: 'apple_pay' });
    assert.equal((await provider.retrieve(a.providerPaymentId)).method, 'apple_pay');
    const b = await provider.createCheckout(request('A-2026-000105', 300));
    standin.pay(b.providerPaymentId, { method: 'paypay' });
    assert.equal((await provider.retrieve(b.providerPaymentId)).method, 'paypay');
  });

  it('expires an open session, and returns the final state of one already paid instead of failing', async () => {
    const open = await provider.createCheckout(request('A-2026-000106', 300));
    const expired = await provider.expire(open.providerPaymentId);
    assert.equal(expired.status, 'expired');
    assert.equal(expired.url, null);
    const paid = await provider.createCheckout(request('A-2026-000107', 300));
    standin.pay(paid.providerPaymentId);
    assert.equal((await provider.expire(paid.providerPaymentId)).status, 'paid');
    await assert.rejects(provider.expire('cs_test_missing'), ProviderUnavailableError);
  });

  it('refunds part and the rest by idempotency key; refunding more than is left is refused', async () => {
    const p = await provider.createCheckout(request('A-2026-000108', 1000));
    standin.pay(p.providerPaymentId);
    const paid = await provider.retrieve(p.providerPaymentId);
    const target = { chargeId: paid.chargeId as string, providerPaymentId: paid.providerPaymentId };
    const r1 = await provider.refund(target, 400, 'refund-a');
    assert.equal(r1.status, 'succeeded');
    assert.match(r1.refundId, /^re_/);
    assert.equal((await provider.refund(target, 400, 'refund-a')).refundId, r1.refundId, 'same key, same refund');
    await assert.rejects(provider.refund(target, 601, 'refund-b'), (err: unknown) => {
      assert.ok(err instanceof ProviderUnavailableError);
      assert.ok(err.cause instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(err.cause.code, 'amount_too_large');
      return true;
    });
    await provider.refund(target, 600, 'refund-c');
    assert.equal((await provider.retrieve(p.providerPaymentId)).refundedAmount, 1000);
  });

  it('parses signed notifications: completed, expired and charge.refunded', async () => {
    const p = await provider.createCheckout(request('A-2026-000109', 700));
    standin.pay(p.providerPaymentId);
    const completed = await notification('checkout.session.completed', p.providerPaymentId);
    assert.match(completed.id, /^evt_/);
    assert.equal(completed.payment?.providerPaymentId, p.providerPaymentId);
    assert.equal(completed.payment?.status, 'paid');
    assert.equal(completed.payment?.referenceNumber, 'A-2026-000109');
    assert.equal(completed.payment?.amount, 700);
    assert.equal(completed.payment?.currency, 'jpy');
    assert.equal(completed.payment?.paidAt?.getTime(), completed.createdAt.getTime());
    const pi = completed.payment?.chargeId as string;
    assert.match(pi, /^pi_/);

    await provider.refund({ chargeId: pi, providerPaymentId: p.providerPaymentId }, 200, 'refund-n');
    const refunded = await notification('charge.refunded', pi);
    assert.equal(refunded.payment?.chargeId, pi);
    assert.equal(refunded.payment?.providerPaymentId, '');
    assert.equal(refunded.payment?.refundedAmount, 200);
    assert.equal(refunded.payment?.amount, 700);

    const e = await provider.createCheckout(request('A-2026-000110', 300));
    await provider.expire(e.providerPaymentId);
    const expired = await notification('checkout.session.expired', e.providerPaymentId);
    assert.equal(expired.payment?.status, 'expired');
    assert.equal(expired.payment?.paidAt, null);
  });

  it('follows an asynchronous payment: pending is open, succeeded is paid, failed is cancelled (also in the events)', async () => {
    const ok = await provider.createCheckout(request('A-2026-000114', 300));
    standin.pay(ok.providerPaymentId, { method: 'paypay' }, { pending: true });
    const pending = await provider.retrieve(ok.providerPaymentId);
    assert.equal(pending.status, 'open');
    assert.equal(pending.method, null);
    assert.equal(pending.paidAt, null);
    standin.settle(ok.providerPaymentId, 'succeeded');
    const paid = await provider.retrieve(ok.providerPaymentId);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.method, 'paypay');
    assert.equal((await notification('checkout.session.async_payment_succeeded', ok.providerPaymentId)).payment?.status, 'paid');

    const ng = await provider.createCheckout(request('A-2026-000115', 300));
    standin.pay(ng.providerPaymentId, { method: 'paypay' }, { pending: true });
    assert.equal((await notification('checkout.session.completed', ng.providerPaymentId)).payment?.status, 'open');
    standin.settle(ng.providerPaymentId, 'failed');
    assert.equal((await provider.retrieve(ng.providerPaymentId)).status, 'cancelled');
    assert.equal((await notification('checkout.session.async_payment_failed', ng.providerPaymentId)).payment?.status, 'cancelled');
    const failedPi = (await provider.retrieve(ng.providerPaymentId)).chargeId as string;
    await assert.rejects(
      provider.refund({ chargeId: failedPi, providerPaymentId: ng.providerPaymentId }, 300, 'refund-f'),
      ProviderUnavailableError,
    );
  });

  it('rejects a forged, unsigned, differently signed or stale notification', async () => {
    const p = await provider.createCheckout(request('A-2026-000111', 500));
    standin.pay(p.providerPaymentId);
    await standin.idle();
    const d = received.find((r) => r.body.toString().includes(p.providerPaymentId));
    assert.ok(d);
    const tampered = Buffer.from(d.body.toString().replace('"amount_total": 500', '"amount_total": 5'));
    assert.throws(() => provider.parseNotification(tampered, { 'stripe-signature': d.signature }), NotificationRejectedError);
    assert.throws(() => provider.parseNotification(d.body, {}), NotificationRejectedError);
    const now = Math.floor(Date.now() / 1000);
    assert.throws(
      () => provider.parseNotification(d.body, { 'stripe-signature': signatureHeader('whsec_other', d.body.toString(), now) }),
      NotificationRejectedError,
    );
    const stale = signatureHeader(WHSEC, d.body.toString(), now - 301);
    assert.throws(() => provider.parseNotification(d.body, { 'stripe-signature': stale }), NotificationRejectedError);
    // The age is measured on the injected clock: the same header is fresh to a clock 301 s behind.
    const behind = new StripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBaseUrl: url, now: () => (now - 301) * 1000 });
    assert.equal(behind.parseNotification(d.body, { 'stripe-signature': stale }).payment?.status, 'paid');
  });

  it('reports an outage (5xx, refused connection) and a refused key as ProviderUnavailableError', async () => {
    standin.failRequests(1, 503);
    await assert.rejects(provider.createCheckout(request('A-2026-000112', 300)), (err: unknown) => {
      assert.ok(err instanceof ProviderUnavailableError);
      assert.ok(err.cause instanceof Stripe.errors.StripeAPIError);
      return true;
    });
    // The SDK retries a 5xx with the same Idempotency-Key: one session in the end.
    standin.failRequests(1, 503);
    const retrying = new StripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBaseUrl: url, maxNetworkRetries: 1 });
    const created = await retrying.createCheckout(request('A-2026-000113', 300));
    assert.equal(created.status, 'open');
    const closedPort = await new Promise<number>((resolve) => {
      const s = http.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const down = new StripeProvider({
      secretKey: KEY,
      webhookSecret: WHSEC,
      apiBaseUrl: `http://127.0.0.1:${closedPort}`,
      maxNetworkRetries: 0,
    });
    await assert.rejects(down.retrieve('cs_test_x'), (err: unknown) => {
      assert.ok(err instanceof ProviderUnavailableError);
      assert.ok(err.cause instanceof Stripe.errors.StripeConnectionError);
      return true;
    });
    const wrongKey = new StripeProvider({ secretKey: 'sk_test_wrong', webhookSecret: WHSEC, apiBaseUrl: url, maxNetworkRetries: 0 });
    await assert.rejects(wrongKey.retrieve('cs_test_x'), ProviderUnavailableError);
  });
});

describe('provider of a context', () => {
  const ctxOf = (env: Record<string, string>) =>
    ({ config: loadConfig({ MADOGUCHI_ENV: 'test', ...env }), clock: new ManualClock('2026-12-01T00:00:00Z') }) as unknown as AppContext;

  it('is Stripe when configured, none without keys or with PAYMENT_PROVIDER=none, and replaceable per context', () => {
    const stripe = ctxOf({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: KEY, STRIPE_WEBHOOK_SECRET: WHSEC });
    const p = providerFor(stripe);
    assert.ok(p instanceof StripeProvider);
    assert.equal(providerFor(stripe), p, 'built once per context');
    assert.equal(providerFor(ctxOf({ PAYMENT_PROVIDER: 'none' })), null);
    const other = ctxOf({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: KEY, STRIPE_WEBHOOK_SECRET: WHSEC });
    assert.notEqual(providerFor(other), p, 'another context, another provider');
    assert.equal(setProviderFor(stripe, null), p);
    assert.equal(providerFor(stripe), null);
  });
});
