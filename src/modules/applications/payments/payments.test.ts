/**
 * Payments against the local Stripe stand-in through the real Stripe adapter (the official SDK), on
 * the test database (PGlite, or PostgreSQL with DATABASE_URL): what leaves for the provider, forged,
 * replayed, out-of-order and amount-tampered notifications, the return page, the provider down at
 * submission, reconciliation of a dropped notification, two tabs, unpaid expiry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signatureHeader } from '../../../payment-standin/webhooks.js';
import { postgresRace } from '../../../../test/helpers.js';
import { applyProviderPayment, paymentSummaryOf } from './index.js';
import { expireUnpaidApplications } from './expire-unpaid.job.js';
import {
  makeAwaitingApplication,
  type PaymentsHarness,
  startPaymentsHarness,
  type TestApplication,
  WEBHOOK_SIGNING_SECRET,
} from './test-support.js';
import { providerFor } from './provider-for.js';
import { sweepDuePayments } from './reconcile-payments.job.js';

let h: PaymentsHarness;
before(async () => {
  h = await startPaymentsHarness();
});
after(async () => {
  await h?.close();
});

const MINUTE = 60_000;

async function startViaApi(a: TestApplication): Promise<{ status: number; url?: string; sessionId?: string }> {
  const res = await h.app.server.inject({
    method: 'POST',
    url: `/api/v1/applications/${a.referenceNumber}/payment`,
    headers: { authorization: `Bearer ${a.accessToken}` },
  });
  if (res.statusCode !== 200) return { status: res.statusCode };
  const url = res.json().url as string;
  const row = await h.app.ctx.db.query<{ provider_payment_id: string }>(
    `SELECT provider_payment_id FROM app_payments WHERE application_id = $1 AND hosted_url = $2`,
    [a.id, url],
  );
  return { status: 200, url, sessionId: row.rows[0]?.provider_payment_id };
}

async function appStatus(a: TestApplication): Promise<string> {
  const r = await h.app.ctx.db.query<{ status: string }>('SELECT status FROM app_applications WHERE id = $1', [a.id]);
  return r.rows[0]!.status;
}

async function payments(a: TestApplication) {
  const r = await h.app.ctx.db.query<{
    id: string;
    status: string;
    counted: boolean;
    provider_payment_id: string | null;
    method: string | null;
  }>('SELECT id, status, counted, provider_payment_id, method FROM app_payments WHERE application_id = $1 ORDER BY created_at, id', [a.id]);
  return r.rows;
}

async function securityEvents(kind: string, subject?: string): Promise<number> {
  const r = await h.app.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM security_events WHERE kind = $1 AND ($2::text IS NULL OR subject = $2)`,
    [kind, subject ?? null],
  );
  return r.rows[0]!.n;
}

async function payAndWait(sessionId: string): Promise<void> {
  const r = h.standin.pay(sessionId);
  assert.ok(r.ok, `the stand-in refused to pay: ${JSON.stringify(r)}`);
  await h.standin.idle();
}

describe('payments through the Stripe adapter and the stand-in', () => {
  it('sends the provider only the 整理番号, the amount, the fixed description and our URLs', async () => {
    const a = await makeAwaitingApplication(h.app, { amount: 900, title: '住民票の写し等の郵送請求' });
    const before = h.standin.calls().length;
    const started = await startViaApi(a);
    assert.equal(started.status, 200);
    assert.match(started.url!, /^http:\/\/127\.0\.0\.1:\d+\//);
    const calls = h.standin.calls().slice(before);
    const creates = calls.filter((c) => c.method === 'POST' && c.path === '/v1/checkout/sessions');
    assert.equal(creates.length, 1);
    const p = creates[0]!.params as Record<string, unknown>;
    assert.equal(p.client_reference_id, a.referenceNumber);
    assert.ok(creates[0]!.idempotencyKey, 'every create carries an Idempotency-Key');
    const lineItems = p.line_items as Record<
      string,
      { price_data: { unit_amount: string; currency: string; product_data: { name: string } } }
    >;
    const item = Object.values(lineItems)[0]!;
    assert.equal(item.price_data.unit_amount, '900');
    assert.equal(item.price_data.currency, 'jpy');
    assert.equal(item.price_data.product_data.name, '電子申請 手数料');
    // Nothing personal or naming the procedure anywhere in anything that left.
    const sent = JSON.stringify(calls);
    for (const secret of ['山田', 'taro.yamada', 'example.jp', '住民票', a.accessToken, 'customer_email', 'metadata'])
      assert.ok(!sent.includes(secret), `"${secret}" was sent to the provider`);
    const allowed = new Set([
      'mode',
      'client_reference_id',
      'line_items',
      'allowed_payment_method_types',
      'success_url',
      'cancel_url',
      'expires_at',
      'locale',
    ]);
    for (const key of Object.keys(p)) assert.ok(allowed.has(key), `unexpected parameter ${key}`);
    assert.match(String(p.success_url), /\/applications\/payment-return\?session_id=\{CHECKOUT_SESSION_ID\}$/);
  });

  it('marks a paid application paid on the signed notification, once, and shows it on the return page', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    await payAndWait(sessionId!);
    assert.equal(await appStatus(a), 'paid');
    const [p] = await payments(a);
    assert.equal(p!.status, 'paid');
    assert.equal(p!.counted, true);
    assert.deepEqual(await paymentSummaryOf(h.app.ctx.db, a.id), { status: 'paid', amount: 600 });
    const history = await h.app.ctx.db.query<{ actor_type: string }>(
      `SELECT actor_type FROM app_status_history WHERE application_id = $1 AND status = 'paid'`,
      [a.id],
    );
    assert.deepEqual(
      history.rows.map((r) => r.actor_type),
      ['payment'],
    );
    const notice = await h.app.ctx.db.query(
      `SELECT payload FROM jobs WHERE queue = 'applications.status-notice' AND payload->>'applicationId' = $1`,
      [a.id],
    );
    assert.equal(notice.rowCount, 1);
    // Replayed: the same event id again changes nothing and is answered 200.
    const event = h.standin
      .events()
      .find((e) => e.type === 'checkout.session.completed' && (e.data.object as { id: string }).id === sessionId)!;
    const callsBefore = h.standin.calls().length;
    assert.equal(await h.standin.redeliver(event.id), 200);
    assert.equal(h.standin.calls().length, callsBefore, 'a replay is answered without asking the provider');
    const stored = await h.app.ctx.db.query(`SELECT 1 FROM app_payment_events WHERE event_id = $1`, [event.id]);
    assert.equal(stored.rowCount, 1);
    assert.equal((await payments(a)).length, 1);
    const notices = await h.app.ctx.db.query(
      `SELECT 1 FROM jobs WHERE queue = 'applications.status-notice' AND payload->>'applicationId' = $1`,
      [a.id],
    );
    assert.equal(notices.rowCount, 1, 'a replay sends no second notice');
    const page = await h.app.server.inject({ method: 'GET', url: `/applications/payment-return?session_id=${sessionId}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /お支払いが完了しました/);
    assert.match(page.body, new RegExp(a.referenceNumber));
  });

  it('refuses a forged notification with 400 and a security event, and changes nothing', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    const body = JSON.stringify({
      id: 'evt_forged_1',
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(h.clock.now().getTime() / 1000),
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          status: 'complete',
          payment_status: 'paid',
          amount_total: 600,
          currency: 'jpy',
        },
      },
    });
    const before = await securityEvents('payment.webhook_signature_failed');
    const forged = signatureHeader('whsec_not_the_secret', body, Math.floor(h.clock.now().getTime() / 1000));
    assert.equal(await h.standin.webhooks.sendRaw(body, forged), 400);
    assert.equal(await h.standin.webhooks.sendRaw(body, null), 400);
    assert.equal(await securityEvents('payment.webhook_signature_failed'), before + 2);
    assert.equal(await appStatus(a), 'awaiting_payment');
    const stored = await h.app.ctx.db.query(`SELECT 1 FROM app_payment_events WHERE event_id = 'evt_forged_1'`);
    assert.equal(stored.rowCount, 0);
  });

  it('keeps paid when an expired event arrives after the completed one (out of order)', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    h.standin.webhooks.mode = 'hold';
    try {
      h.standin.pay(sessionId!);
    } finally {
      h.standin.webhooks.mode = 'deliver';
    }
    const completed = h.standin.webhooks.heldEvents().find((e) => (e.data.object as { id: string }).id === sessionId)!;
    // The same session reported expired by a later, validly signed event, delivered first, then the completed one.
    const late = structuredClone(completed) as typeof completed;
    late.id = `${completed.id}_expired`;
    late.type = 'checkout.session.expired';
    Object.assign(late.data.object as Record<string, unknown>, { status: 'expired', payment_status: 'unpaid', url: null });
    h.standin.webhooks.releaseHeld();
    await h.standin.idle();
    assert.equal(await appStatus(a), 'paid');
    const body = JSON.stringify(late);
    const t = Math.floor(h.clock.now().getTime() / 1000);
    assert.equal(await h.standin.webhooks.sendRaw(body, signatureHeader(WEBHOOK_SIGNING_SECRET, body, t)), 200);
    assert.equal(await appStatus(a), 'paid');
    const [p] = await payments(a);
    assert.equal(p!.status, 'paid');
    const outcome = await h.app.ctx.db.query<{ outcome: string }>(`SELECT outcome FROM app_payment_events WHERE event_id = $1`, [late.id]);
    assert.equal(outcome.rows[0]?.outcome, 'ignored_final');
  });

  it('keeps paid when the stand-in delivers a payment’s events in reverse order (settled before completed-unpaid)', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    h.standin.webhooks.mode = 'hold';
    try {
      assert.ok(h.standin.pay(sessionId!, { method: 'paypay' }, { pending: true }).ok);
      h.standin.settle(sessionId!, 'succeeded');
    } finally {
      h.standin.webhooks.mode = 'deliver';
    }
    const released = h.standin.webhooks.releaseHeld('reverse');
    assert.deepEqual(
      released.map((e) => e.type),
      ['checkout.session.async_payment_succeeded', 'checkout.session.completed'],
    );
    await h.standin.idle();
    assert.equal(await appStatus(a), 'paid');
    const [p] = await payments(a);
    assert.equal(p!.status, 'paid');
    const outcomes = await h.app.ctx.db.query<{ event_type: string; outcome: string }>(
      `SELECT event_type, outcome FROM app_payment_events WHERE provider_payment_id = $1 ORDER BY received_at, event_type`,
      [sessionId],
    );
    assert.deepEqual(Object.fromEntries(outcomes.rows.map((r) => [r.event_type, r.outcome])), {
      'checkout.session.async_payment_succeeded': 'applied',
      'checkout.session.completed': 'ignored_final',
    });
  });

  it('does not mark an amount-tampered payment paid and raises an alert', async () => {
    const a = await makeAwaitingApplication(h.app, { amount: 600 });
    const { sessionId } = await startViaApi(a);
    h.standin.tamper(sessionId!, { amount: 1 });
    await payAndWait(sessionId!);
    assert.equal(await appStatus(a), 'awaiting_payment');
    const [p] = await payments(a);
    assert.notEqual(p!.status, 'paid');
    assert.equal(p!.counted, false);
    assert.equal(await securityEvents('payment.amount_mismatch', p!.id), 1);
    const severity = await h.app.ctx.db.query<{ severity: string }>(`SELECT severity FROM security_events WHERE subject = $1`, [p!.id]);
    assert.equal(severity.rows[0]?.severity, 'alert');
  });

  it('trusts nothing in the return URL: a changed amount, a made-up session or another application’s session changes nothing', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    const calls = h.standin.calls().length;
    const fake = await h.app.server.inject({
      method: 'GET',
      url: '/applications/payment-return?session_id=cs_test_madeup&amount_total=600&status=complete',
    });
    assert.equal(fake.statusCode, 404);
    assert.equal(h.standin.calls().length, calls, 'an unknown id is never sent to the provider');
    const tampered = await h.app.server.inject({
      method: 'GET',
      url: `/applications/payment-return?session_id=${sessionId}&amount_total=1&payment_status=paid&status=complete`,
    });
    assert.equal(tampered.statusCode, 200);
    assert.match(tampered.body, /まだ確認できていません/);
    assert.equal(await appStatus(a), 'awaiting_payment');
    assert.equal((await payments(a))[0]!.status, 'pending');
    // Another application's paid session shown on this browser: that payment as the provider says, nothing else moves.
    const b = await makeAwaitingApplication(h.app);
    const other = await startViaApi(b);
    await payAndWait(other.sessionId!);
    const cross = await h.app.server.inject({
      method: 'GET',
      url: `/applications/payment-return?session_id=${other.sessionId}&ref=${a.referenceNumber}`,
    });
    assert.equal(cross.statusCode, 200);
    assert.doesNotMatch(cross.body, new RegExp(a.referenceNumber));
    assert.equal(await appStatus(a), 'awaiting_payment');
  });

  it('keeps the application when the provider is down at submission, and a retry reaches the same session', async () => {
    const a = await makeAwaitingApplication(h.app);
    h.standin.failRequests(Number.POSITIVE_INFINITY, 503);
    const down = await h.app.server.inject({
      method: 'POST',
      url: `/api/v1/applications/${a.referenceNumber}/payment`,
      headers: { authorization: `Bearer ${a.accessToken}` },
    });
    h.standin.restore();
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().type.endsWith('/payment_unavailable'), true);
    assert.equal(await appStatus(a), 'awaiting_payment');
    const [creating] = await payments(a);
    assert.equal(creating!.status, 'creating');
    const first = await startViaApi(a);
    assert.equal(first.status, 200);
    const again = await startViaApi(a);
    assert.equal(again.url, first.url, 'an open page is reused');
    assert.equal((await payments(a)).length, 1, 'one payment row: the retry used the same idempotency key');
    const keys = new Set(
      h.standin
        .calls()
        .filter(
          (c) =>
            c.path === '/v1/checkout/sessions' &&
            String((c.params as { client_reference_id?: string }).client_reference_id) === a.referenceNumber,
        )
        .map((c) => c.idempotencyKey),
    );
    assert.equal(keys.size, 1);
    // A wrong token is a 404, like a wrong number.
    const wrong = await h.app.server.inject({
      method: 'POST',
      url: `/api/v1/applications/${a.referenceNumber}/payment`,
      headers: { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAA' },
    });
    assert.equal(wrong.statusCode, 404);
  });

  it('reconciliation re-issues a create that never answered, with the same key, and the citizen later gets that page', async () => {
    const a = await makeAwaitingApplication(h.app);
    h.standin.failRequests(Number.POSITIVE_INFINITY, 503);
    try {
      assert.equal((await startViaApi(a)).status, 503);
    } finally {
      h.standin.restore();
    }
    h.clock.advance(h.app.ctx.config.payments.reconcileAfterMinutes * MINUTE + 1000);
    await h.app.ctx.db.transaction((tx) => sweepDuePayments(h.app.ctx, tx));
    await h.drainJobs();
    const [p] = await payments(a);
    assert.equal(p!.status, 'pending');
    assert.ok(p!.provider_payment_id);
    const later = await startViaApi(a);
    assert.equal(later.sessionId, p!.provider_payment_id);
    const keys = new Set(
      h.standin
        .calls()
        .filter(
          (c) =>
            c.path === '/v1/checkout/sessions' && (c.params as { client_reference_id?: string }).client_reference_id === a.referenceNumber,
        )
        .map((c) => c.idempotencyKey),
    );
    assert.equal(keys.size, 1);
  });

  it('reconciliation picks up a payment whose notification was dropped and whose browser was closed', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    h.standin.webhooks.mode = 'drop';
    try {
      await payAndWait(sessionId!);
    } finally {
      h.standin.webhooks.mode = 'deliver';
    }
    assert.equal(await appStatus(a), 'awaiting_payment');
    h.clock.advance(h.app.ctx.config.payments.reconcileAfterMinutes * MINUTE + 1000);
    await h.app.ctx.db.transaction((tx) => sweepDuePayments(h.app.ctx, tx));
    await h.drainJobs();
    assert.equal(await appStatus(a), 'paid');
    const [p] = await payments(a);
    assert.equal(p!.status, 'paid');
    assert.equal(p!.method, 'card');
  });

  it('an asynchronous payment: pending (no new page handed out) until settled, then paid; a failed one can be paid again', async () => {
    const a = await makeAwaitingApplication(h.app);
    const { sessionId } = await startViaApi(a);
    assert.ok(h.standin.pay(sessionId!, { method: 'paypay' }, { pending: true }).ok);
    await h.standin.idle();
    const page = await h.app.server.inject({ method: 'GET', url: `/applications/payment-return?session_id=${sessionId}` });
    assert.match(page.body, /まだ確認できていません/);
    assert.equal(await appStatus(a), 'awaiting_payment');
    assert.equal((await startViaApi(a)).status, 409, 'no second page while the first payment settles');
    h.standin.settle(sessionId!, 'succeeded');
    await h.standin.idle();
    assert.equal(await appStatus(a), 'paid');
    assert.equal((await payments(a))[0]!.method, 'paypay');

    const b = await makeAwaitingApplication(h.app);
    const first = await startViaApi(b);
    assert.ok(h.standin.pay(first.sessionId!, { method: 'paypay' }, { pending: true }).ok);
    h.standin.settle(first.sessionId!, 'failed');
    await h.standin.idle();
    assert.equal((await payments(b))[0]!.status, 'cancelled');
    const retry = await startViaApi(b);
    assert.equal(retry.status, 200);
    assert.notEqual(retry.sessionId, first.sessionId);
  });

  it('two tabs: one payment counts, the other is refunded automatically and no page stays open', async () => {
    const a = await makeAwaitingApplication(h.app);
    const first = await startViaApi(a);
    // The first page has less than ten minutes left: a second tab gets a new one.
    h.clock.advance((h.app.ctx.config.payments.sessionMinutes - 5) * MINUTE);
    const second = await startViaApi(a);
    assert.notEqual(second.sessionId, first.sessionId);
    await payAndWait(first.sessionId!);
    await payAndWait(second.sessionId!);
    await h.drainJobs();
    const ps = await payments(a);
    assert.equal(ps.filter((p) => p.counted).length, 1);
    assert.deepEqual(ps.map((p) => p.status).sort(), ['paid', 'refunded']);
    const refunds = await h.app.ctx.db.query<{ automatic: boolean; status: string }>(
      'SELECT automatic, status FROM app_refunds WHERE payment_id = ANY($1)',
      [ps.map((p) => p.id)],
    );
    assert.deepEqual(refunds.rows, [{ automatic: true, status: 'succeeded' }]);
    assert.ok(h.standin.calls().some((c) => c.method === 'POST' && c.path === '/v1/refunds'));
    assert.equal(await appStatus(a), 'paid');
  });

  it('expires an unpaid application and closes its page; a payment arriving later still counts', async () => {
    const longAgo = new Date(h.clock.now().getTime() - (h.app.ctx.config.payments.unpaidExpiryHours * 3_600_000 + MINUTE));
    const a = await makeAwaitingApplication(h.app, { payableSince: longAgo });
    const { sessionId } = await startViaApi(a);
    const b = await makeAwaitingApplication(h.app, { payableSince: longAgo });
    const late = await startViaApi(b);
    const expired = await h.app.ctx.db.transaction((tx) => expireUnpaidApplications(h.app.ctx, tx));
    assert.ok(expired >= 2);
    assert.equal(await appStatus(a), 'expired');
    assert.deepEqual(await paymentSummaryOf(h.app.ctx.db, a.id), { status: 'expired', amount: 600 });
    // The citizen of b was on the hosted page when the time ran out and pays before the page is closed.
    await payAndWait(late.sessionId!);
    assert.equal(await appStatus(b), 'paid', 'expired → paid: paid money never vanishes');
    await h.drainJobs();
    const [p] = await payments(a);
    assert.equal(p!.status, 'expired');
    const provider = providerFor(h.app.ctx)!;
    assert.equal((await provider.retrieve(sessionId!)).status, 'expired');
    // startPayment refuses an expired application.
    assert.equal((await startViaApi(a)).status, 409);
  });

  it('sent nothing personal in any call of this whole suite (creates, reads, expiries, refunds)', async () => {
    const calls = h.standin.calls();
    assert.ok(calls.length > 20, 'the suite made calls');
    const sent = JSON.stringify(calls);
    for (const secret of ['山田', 'taro', 'example.jp', '住民票', '市民課', 'customer', 'metadata', 'email', 'address'])
      assert.ok(!sent.includes(secret), `"${secret}" was sent to the provider`);
    const allowedParams: Record<string, Set<string>> = {
      'POST /v1/checkout/sessions': new Set([
        'mode',
        'client_reference_id',
        'line_items',
        'allowed_payment_method_types',
        'success_url',
        'cancel_url',
        'expires_at',
        'locale',
      ]),
      'POST /v1/checkout/sessions/:id/expire': new Set(),
      'GET /v1/checkout/sessions/:id': new Set(['expand']),
      'POST /v1/refunds': new Set(['payment_intent', 'amount']),
    };
    for (const c of calls) {
      const route = `${c.method} ${c.path.replace(/\/cs_[A-Za-z0-9_]+/, '/:id')}`;
      const allowed = allowedParams[route];
      assert.ok(allowed, `unexpected call ${route}`);
      for (const key of [...Object.keys(c.params), ...Object.keys(c.query)]) assert.ok(allowed.has(key), `${route} sent ${key}`);
    }
  });

  it('counts exactly one of two payments reported paid at the same moment (race on PostgreSQL)', postgresRace, async () => {
    const a = await makeAwaitingApplication(h.app);
    const first = await startViaApi(a);
    h.clock.advance((h.app.ctx.config.payments.sessionMinutes - 5) * MINUTE);
    const second = await startViaApi(a);
    h.standin.webhooks.mode = 'drop';
    try {
      await payAndWait(first.sessionId!);
      await payAndWait(second.sessionId!);
    } finally {
      h.standin.webhooks.mode = 'deliver';
    }
    const provider = providerFor(h.app.ctx)!;
    const [r1, r2] = await Promise.all([provider.retrieve(first.sessionId!), provider.retrieve(second.sessionId!)]);
    const outcomes = await Promise.all([applyProviderPayment(h.app.ctx, 'stripe', r1), applyProviderPayment(h.app.ctx, 'stripe', r2)]);
    assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['applied', 'duplicate_refunded']);
    const ps = await payments(a);
    assert.equal(ps.filter((p) => p.counted).length, 1);
    const refunds = await h.app.ctx.db.query('SELECT 1 FROM app_refunds WHERE payment_id = ANY($1) AND automatic', [ps.map((p) => p.id)]);
    assert.equal(refunds.rowCount, 1);
  });
});
