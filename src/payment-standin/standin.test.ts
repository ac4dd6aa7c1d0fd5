/**
 * The payment stand-in against the official Stripe SDK: the SDK's own requests (form encoding,
 * Idempotency-Key, expand, errors) are answered as Stripe answers them, the hosted page pays by HTTP,
 * and the webhooks it sends verify with `stripe.webhooks.constructEvent`.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startPaymentStandin, type PaymentStandin } from './standin.js';
import { signatureHeader } from './webhooks.js';

const KEY = 'sk_test_standin_0123456789';
const WHSEC = 'whsec_standin_test_secret';

type Received = { signature: string; body: string };

/** A webhook endpoint on 127.0.0.1 that answers `status()` and keeps what it received. */
async function startReceiver(status: () => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ signature: String(req.headers['stripe-signature'] ?? ''), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function sdk(url: string, key = KEY) {
  const u = new URL(url);
  return new Stripe(key, { host: u.hostname, port: u.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
}

const params = (ref: string, amount = 300): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  client_reference_id: ref,
  line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: amount, product_data: { name: 'fee' } } }],
  allowed_payment_method_types: ['card', 'paypay'],
  success_url: 'http://127.0.0.1:9/return?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://127.0.0.1:9/cancel',
  locale: 'ja',
});

describe('payment stand-in: the Stripe protocol through the official SDK', () => {
  let standin: PaymentStandin;
  let url: string;
  let close: () => Promise<void>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stripe: Stripe;

  before(async () => {
    receiver = await startReceiver();
    const s = await startPaymentStandin({
      secretKey: KEY,
      webhookSecret: WHSEC,
      webhookUrl: receiver.url,
      retryDelaysMs: [5, 5],
      sweepIntervalMs: 0,
    });
    ({ standin, url, close } = s);
    stripe = sdk(url);
  });
  after(async () => {
    await close();
    await receiver.close();
  });

  it('creates a session once per Idempotency-Key and refuses the key with other parameters (idempotency_error)', async () => {
    const a = await stripe.checkout.sessions.create(params('R-0001'), { idempotencyKey: 'key-1' });
    assert.match(a.id, /^cs_test_/);
    assert.equal(a.object, 'checkout.session');
    assert.equal(a.status, 'open');
    assert.equal(a.payment_status, 'unpaid');
    assert.equal(a.amount_total, 300);
    assert.equal(a.currency, 'jpy');
    assert.equal(a.client_reference_id, 'R-0001');
    assert.deepEqual(a.payment_method_types, ['card', 'paypay']);
    assert.equal(a.url, `${url}/pay/${a.id}`);
    const again = await stripe.checkout.sessions.create(params('R-0001'), { idempotencyKey: 'key-1' });
    assert.equal(again.id, a.id);
    assert.equal(again.lastResponse.headers['idempotent-replayed'], 'true');
    await assert.rejects(stripe.checkout.sessions.create(params('R-0001', 400), { idempotencyKey: 'key-1' }), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeIdempotencyError);
      assert.equal(err.statusCode, 400);
      return true;
    });
    const other = await stripe.checkout.sessions.create(params('R-0001'), { idempotencyKey: 'key-2' });
    assert.notEqual(other.id, a.id);
  });

  it('records what each call carried (method, path, parsed parameters, idempotency key)', async () => {
    const before = standin.calls().length;
    await stripe.checkout.sessions.create(params('R-0002', 600), { idempotencyKey: 'key-rec' });
    const call = standin.calls()[before];
    assert.ok(call);
    assert.equal(call.method, 'POST');
    assert.equal(call.path, '/v1/checkout/sessions');
    assert.equal(call.idempotencyKey, 'key-rec');
    assert.deepEqual(call.params, {
      mode: 'payment',
      client_reference_id: 'R-0002',
      line_items: [{ quantity: '1', price_data: { currency: 'jpy', unit_amount: '600', product_data: { name: 'fee' } } }],
      allowed_payment_method_types: ['card', 'paypay'],
      success_url: 'http://127.0.0.1:9/return?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://127.0.0.1:9/cancel',
      locale: 'ja',
    });
  });

  it("refuses a wrong or missing API key with Stripe's 401", async () => {
    await assert.rejects(sdk(url, 'sk_test_wrong_key_000').checkout.sessions.create(params('R-0003')), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeAuthenticationError);
      assert.match(err.message, /^Invalid API Key provided: sk_test_\*+_000$/);
      return true;
    });
    const res = await fetch(`${url}/v1/checkout/sessions/cs_test_x`);
    assert.equal(res.status, 401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /You did not provide an API key/);
  });

  it('refuses invalid parameters as Stripe does (unknown parameter, below ¥50, expires_at out of range)', async () => {
    const bad = async (p: Record<string, unknown>, re: RegExp, param?: string) =>
      assert.rejects(stripe.checkout.sessions.create(p as Stripe.Checkout.SessionCreateParams), (err: unknown) => {
        assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
        assert.match(err.message, re);
        if (param) assert.equal(err.param, param);
        return true;
      });
    await bad({ ...params('R'), payment_method_types: ['card'] }, /Received unknown parameter: payment_method_types/);
    await bad({ ...params('R', 10) }, /at least ¥50/);
    await bad({ ...params('R'), expires_at: Math.floor(Date.now() / 1000) + 60 }, /at least 30 minutes/, 'expires_at');
    await bad({ ...params('R'), expires_at: Math.floor(Date.now() / 1000) + 25 * 3600 }, /less than 24 hours/, 'expires_at');
    await bad({ mode: 'payment', success_url: 'http://127.0.0.1:9/' }, /Missing required param: line_items/, 'line_items');
  });

  it('retrieves a paid session with payment_intent.latest_charge expanded', async () => {
    const s = await stripe.checkout.sessions.create(params('R-0004', 900));
    const open = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge'] });
    assert.equal(open.payment_intent, null);
    assert.equal(standin.pay(s.id).ok, true);
    const paid = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge'] });
    assert.equal(paid.status, 'complete');
    assert.equal(paid.payment_status, 'paid');
    assert.equal(paid.url, null);
    const pi = paid.payment_intent as Stripe.PaymentIntent;
    assert.match(pi.id, /^pi_/);
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.amount, 900);
    const charge = pi.latest_charge as Stripe.Charge;
    assert.match(charge.id, /^ch_/);
    assert.equal(charge.payment_method_details?.type, 'card');
    assert.equal(charge.payment_method_details?.card?.last4, '4242');
    const plain = await stripe.paymentIntents.retrieve(pi.id);
    assert.equal(plain.latest_charge, charge.id);
    await assert.rejects(stripe.checkout.sessions.retrieve('cs_test_nope'), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(err.statusCode, 404);
      assert.equal(err.code, 'resource_missing');
      return true;
    });
  });

  it('expires an open session (checkout.session.expired) and refuses to expire it again', async () => {
    const s = await stripe.checkout.sessions.create(params('R-0005'));
    const expired = await stripe.checkout.sessions.expire(s.id);
    assert.equal(expired.status, 'expired');
    assert.equal(expired.url, null);
    await assert.rejects(stripe.checkout.sessions.expire(s.id), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
      assert.match(err.message, /status of "expired"/);
      return true;
    });
    assert.ok(standin.events().some((e) => e.type === 'checkout.session.expired' && (e.data.object as { id: string }).id === s.id));
  });

  it('expires a session at its expires_at (on read and by the sweep), once', async () => {
    let now = Date.now();
    const clocked = await startPaymentStandin({ secretKey: KEY, webhookSecret: WHSEC, now: () => now, sweepIntervalMs: 0 });
    try {
      const c = sdk(clocked.url);
      const s = await c.checkout.sessions.create({ ...params('R-0006'), expires_at: Math.floor(now / 1000) + 1800 });
      now += 1799_000;
      assert.equal((await c.checkout.sessions.retrieve(s.id)).status, 'open');
      now += 1000;
      assert.equal((await c.checkout.sessions.retrieve(s.id)).status, 'expired');
      const s2 = await c.checkout.sessions.create({ ...params('R-0007'), expires_at: Math.floor(now / 1000) + 1800 });
      now += 1800_000;
      clocked.standin.state.expireDue();
      clocked.standin.state.expireDue();
      const expiredEvents = clocked.standin.events().filter((e) => e.type === 'checkout.session.expired');
      assert.deepEqual(
        expiredEvents.map((e) => (e.data.object as { id: string }).id),
        [s.id, s2.id],
      );
    } finally {
      await clocked.close();
    }
  });

  it('pays on the hosted page by HTTP: a declined card stays on the page, 4242… redirects to success_url', async () => {
    const s = await stripe.checkout.sessions.create(params('R-0008', 1200));
    const page = await fetch(s.url as string);
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /<html lang="ja">/);
    assert.match(text, /￥1,200/);
    assert.match(text, /Apple Pay/);
    assert.match(text, /PayPay/);
    assert.match(text, /href="http:\/\/127.0.0.1:9\/cancel"/);
    const action = /<form method="post" action="([^"]+)" novalidate>/.exec(text)?.[1];
    assert.equal(action, `/pay/${s.id}`);
    const post = (body: Record<string, string>) =>
      fetch(`${url}${action}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      });
    const declined = await post({ action: 'card', number: '4000 0000 0000 0002', exp: '12/34', cvc: '123' });
    assert.equal(declined.status, 402);
    assert.match(await declined.text(), /role="alert"[\s\S]*カードが拒否されました/);
    assert.equal((await stripe.checkout.sessions.retrieve(s.id)).status, 'open');
    const ok = await post({ action: 'card', number: '4242 4242 4242 4242', exp: '12 / 34', cvc: '123' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `http://127.0.0.1:9/return?session=${s.id}`);
    const paid = await stripe.checkout.sessions.retrieve(s.id);
    assert.equal(paid.payment_status, 'paid');
    const again = await fetch(s.url as string);
    assert.match(await again.text(), /お支払いは完了しています/);
  });

  it('lets the tester expire the session from the hosted page (checkout.session.expired; the page then says so)', async () => {
    const s = await stripe.checkout.sessions.create(params('R-0012'));
    const res = await fetch(`${url}/pay/${s.id}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ action: 'expire' }) });
    assert.equal(res.status, 303);
    assert.equal((await stripe.checkout.sessions.retrieve(s.id)).status, 'expired');
    assert.ok(standin.events().some((e) => e.type === 'checkout.session.expired' && (e.data.object as { id: string }).id === s.id));
    const page = await fetch(`${url}/pay/${s.id}`);
    assert.equal(page.status, 410);
    const text = await page.text();
    assert.match(text, /有効期限が切れました/);
    assert.match(text, /href="http:\/\/127.0.0.1:9\/cancel"/);
    const late = await fetch(`${url}/pay/${s.id}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ action: 'paypay' }) });
    assert.equal(late.status, 410, 'an expired session cannot be paid');
  });

  it('pays by "Apple Pay" (a card with wallet apple_pay) and "PayPay" on the hosted page', async () => {
    for (const action of ['apple_pay', 'paypay'] as const) {
      const s = await stripe.checkout.sessions.create(params(`R-${action}`));
      const res = await fetch(`${url}/pay/${s.id}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ action }) });
      assert.equal(res.status, 303);
      const got = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge'] });
      const details = ((got.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge).payment_method_details;
      if (action === 'apple_pay') {
        assert.equal(details?.type, 'card');
        assert.equal(details?.card?.wallet?.type, 'apple_pay');
      } else assert.equal(details?.type, 'paypay');
    }
  });

  it('sends checkout.session.completed signed so that stripe.webhooks.constructEvent verifies it; a forged one is rejected', async () => {
    const s = await stripe.checkout.sessions.create(params('R-0009', 700));
    standin.pay(s.id);
    await standin.idle();
    const delivery = receiver.received.find((r) => r.body.includes(s.id) && r.body.includes('checkout.session.completed'));
    assert.ok(delivery, 'the completion was delivered');
    assert.match(delivery.signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, WHSEC);
    assert.equal(event.type, 'checkout.session.completed');
    const session = event.data.object as Stripe.Checkout.Session;
    assert.equal(session.id, s.id);
    assert.equal(session.client_reference_id, 'R-0009');
    assert.equal(session.amount_total, 700);
    assert.equal(session.payment_status, 'paid');
    const forged = delivery.body.replace('"amount_total": 700', '"amount_total": 7');
    assert.notEqual(forged, delivery.body);
    assert.throws(() => stripe.webhooks.constructEvent(forged, delivery.signature, WHSEC), Stripe.errors.StripeSignatureVerificationError);
    assert.throws(
      () =>
        stripe.webhooks.constructEvent(delivery.body, signatureHeader('whsec_other', delivery.body, Math.floor(Date.now() / 1000)), WHSEC),
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('refunds part, then the rest, then refuses more (amount_too_large, charge_already_refunded); charge.refunded is sent', async () => {
    const s = await stripe.checkout.sessions.create(params('R-0010', 1000));
    standin.pay(s.id);
    const pi = (await stripe.checkout.sessions.retrieve(s.id)).payment_intent as string;
    const part = await stripe.refunds.create({ payment_intent: pi, amount: 300 }, { idempotencyKey: 'refund-1' });
    assert.match(part.id, /^re_/);
    assert.equal(part.status, 'succeeded');
    assert.equal(part.amount, 300);
    const replay = await stripe.refunds.create({ payment_intent: pi, amount: 300 }, { idempotencyKey: 'refund-1' });
    assert.equal(replay.id, part.id, 'the same key refunds once');
    await assert.rejects(stripe.refunds.create({ payment_intent: pi, amount: 800 }), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(err.code, 'amount_too_large');
      return true;
    });
    const rest = await stripe.refunds.create({ payment_intent: pi });
    assert.equal(rest.amount, 700);
    await assert.rejects(stripe.refunds.create({ payment_intent: pi, amount: 1 }), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(err.code, 'charge_already_refunded');
      return true;
    });
    const got = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge'] });
    const charge = (got.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    assert.equal(charge.amount_refunded, 1000);
    assert.equal(charge.refunded, true);
    await standin.idle();
    const refunded = receiver.received
      .map((r) => stripe.webhooks.constructEvent(r.body, r.signature, WHSEC))
      .filter((e) => e.type === 'charge.refunded' && (e.data.object as Stripe.Charge).payment_intent === pi);
    assert.deepEqual(
      refunded.map((e) => (e.data.object as Stripe.Charge).amount_refunded),
      [300, 1000],
    );
    const listed = await stripe.events.list({ type: 'charge.refunded', created: { gte: s.created } });
    assert.ok(listed.data.length >= 2);
  });

  it('answers 5xx while failRequests is on (the SDK raises StripeAPIError), and serves again when the outage ends', async () => {
    standin.failRequests(1, 503);
    await assert.rejects(stripe.checkout.sessions.create(params('R-0011')), (err: unknown) => {
      assert.ok(err instanceof Stripe.errors.StripeAPIError);
      assert.equal(err.statusCode, 503);
      return true;
    });
    assert.equal((await stripe.checkout.sessions.create(params('R-0011'))).status, 'open');
  });
});

describe('payment stand-in: webhook delivery hooks', () => {
  it('retries a failing endpoint, drops, holds and releases out of order, and sends twice', async () => {
    let answer = 500;
    const receiver = await startReceiver(() => answer);
    const { standin, url, close } = await startPaymentStandin({
      secretKey: KEY,
      webhookSecret: WHSEC,
      webhookUrl: receiver.url,
      retryDelaysMs: [5, 5, 5],
      sweepIntervalMs: 0,
    });
    try {
      const stripe = sdk(url);
      const types = () => receiver.received.map((r) => (JSON.parse(r.body) as { type: string; id: string }).id);
      const a = await stripe.checkout.sessions.create(params('R-1'));
      standin.pay(a.id);
      await standin.idle();
      assert.equal(receiver.received.length, 4, 'first attempt and three retries');
      answer = 200;

      standin.webhooks.mode = 'drop';
      const b = await stripe.checkout.sessions.create(params('R-2'));
      standin.pay(b.id);
      await standin.idle();
      assert.equal(receiver.received.length, 4, 'dropped');

      standin.webhooks.mode = 'hold';
      const c = await stripe.checkout.sessions.create(params('R-3'));
      standin.pay(c.id);
      await stripe.refunds.create({ payment_intent: (await stripe.checkout.sessions.retrieve(c.id)).payment_intent as string });
      const held = standin.webhooks.heldEvents().map((e) => e.id);
      assert.equal(held.length, 2);
      standin.webhooks.releaseHeld('reverse');
      await standin.idle();
      assert.deepEqual(types().slice(4), [...held].reverse());

      standin.webhooks.mode = 'twice';
      const d = await stripe.checkout.sessions.create(params('R-4'));
      standin.pay(d.id);
      await standin.idle();
      const last = types().slice(-2);
      assert.equal(last[0], last[1]);

      const first = standin.events()[0] as { id: string };
      assert.equal(await standin.redeliver(first.id), 200);
    } finally {
      await close();
      await receiver.close();
    }
  });

  it('makes a session report another amount with tamper', async () => {
    const { standin, url, close } = await startPaymentStandin({ secretKey: KEY, webhookSecret: WHSEC, sweepIntervalMs: 0 });
    try {
      const stripe = sdk(url);
      const s = await stripe.checkout.sessions.create(params('R-5', 3000));
      standin.tamper(s.id, { amount: 30 });
      standin.pay(s.id);
      const got = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge'] });
      assert.equal(got.amount_total, 30);
      assert.equal((got.payment_intent as Stripe.PaymentIntent).amount, 30);
      const completed = standin.events().find((e) => e.type === 'checkout.session.completed');
      assert.ok(completed);
      assert.equal((completed.data.object as { amount_total: number }).amount_total, 30);
    } finally {
      await close();
    }
  });

  it('refuses live keys and production', async () => {
    await assert.rejects(startPaymentStandin({ secretKey: 'sk_live_x', webhookSecret: WHSEC }), /test key/);
    await assert.rejects(startPaymentStandin({ secretKey: KEY, webhookSecret: WHSEC, environment: 'production' }), /production/);
  });
});
