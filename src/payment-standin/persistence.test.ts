/**
 * The stand-in's optional file persistence (the demo's restart): a stand-in started again on the same
 * file answers the official SDK for what the first one created, paid and refunded — sessions, expanded
 * PaymentIntents, events, idempotent replays — and a stand-in without a file writes nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startPaymentStandin } from './standin.js';

const KEY = 'sk_test_persist_0123456789';
const WHSEC = 'whsec_persist_test_secret';

function sdk(url: string) {
  const u = new URL(url);
  return new Stripe(KEY, { host: u.hostname, port: u.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
}

const params = (ref: string, amount: number): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  client_reference_id: ref,
  line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: amount, product_data: { name: 'fee' } } }],
  allowed_payment_method_types: ['card', 'paypay'],
  success_url: 'http://127.0.0.1:9/return?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://127.0.0.1:9/cancel',
});

describe('payment stand-in: persistence to a file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-persist-'));
  const file = path.join(dir, 'payment-standin.json');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const start = (persistFile?: string) => startPaymentStandin({ secretKey: KEY, webhookSecret: WHSEC, sweepIntervalMs: 0, persistFile });

  it('a stand-in started again on the same file knows the sessions, payments, refunds and events of the first', async () => {
    const first = await start(file);
    const s1 = sdk(first.url);
    const paid = await s1.checkout.sessions.create(params('DEMO-PAID-1', 900), { idempotencyKey: 'persist-key-1' });
    const open = await s1.checkout.sessions.create(params('DEMO-OPEN-1', 300), { idempotencyKey: 'persist-key-2' });
    assert.equal(first.standin.pay(paid.id, { method: 'paypay' }).ok, true);
    const pi = (await s1.checkout.sessions.retrieve(paid.id)).payment_intent as string;
    await s1.refunds.create({ payment_intent: pi, amount: 300 }, { idempotencyKey: 'persist-refund-1' });
    const eventsBefore = (await s1.events.list({ limit: 100 })).data.map((e) => e.id);
    await first.close();
    assert.ok(fs.existsSync(file));
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );

    const second = await start(file);
    try {
      const s2 = sdk(second.url);
      const again = await s2.checkout.sessions.retrieve(paid.id, { expand: ['payment_intent.latest_charge'] });
      assert.equal(again.status, 'complete');
      assert.equal(again.payment_status, 'paid');
      assert.equal(again.client_reference_id, 'DEMO-PAID-1');
      const charge = (again.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
      assert.equal(charge.amount_refunded, 300);
      assert.equal(charge.payment_method_details?.type, 'paypay');
      assert.equal((await s2.checkout.sessions.retrieve(open.id)).status, 'open');
      assert.deepEqual(
        (await s2.events.list({ limit: 100 })).data.map((e) => e.id),
        eventsBefore,
      );
      // the same Idempotency-Key is answered with the first result, not a second session
      const replay = await s2.checkout.sessions.create(params('DEMO-OPEN-1', 300), { idempotencyKey: 'persist-key-2' });
      assert.equal(replay.id, open.id);
      // and the state goes on: the rest refunded, the open session expired, both written again
      await s2.refunds.create({ payment_intent: pi, amount: 600 });
      await s2.checkout.sessions.expire(open.id);
    } finally {
      await second.close();
    }
    const third = await start(file);
    try {
      const s3 = sdk(third.url);
      assert.equal((await s3.checkout.sessions.retrieve(open.id)).status, 'expired');
      const pi3 = await s3.paymentIntents.retrieve(pi, { expand: ['latest_charge'] });
      assert.equal((pi3.latest_charge as Stripe.Charge).refunded, true);
    } finally {
      await third.close();
    }
  });

  it('without a file nothing is written and a new stand-in starts empty', async () => {
    const filesBefore = fs.readdirSync(dir);
    const a = await start();
    const session = await sdk(a.url).checkout.sessions.create(params('DEMO-MEM-1', 300));
    await a.close();
    assert.deepEqual(fs.readdirSync(dir), filesBefore);
    const b = await start();
    try {
      await assert.rejects(sdk(b.url).checkout.sessions.retrieve(session.id), /No such checkout.session/);
    } finally {
      await b.close();
    }
  });

  it('refuses a file that is not its own format', async () => {
    const wrong = path.join(dir, 'wrong.json');
    fs.writeFileSync(wrong, JSON.stringify({ sessions: [] }));
    await assert.rejects(start(wrong), /not a madoguchi.payment-standin\/1 file/);
  });
});
