/**
 * Refunds by payment administrators (asked by one, approved by another) against the stand-in, and
 * the citizen's pay form (anonymous form token, the page that opens the hosted page, the return page's
 * way back to the status page).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { boundToken } from '../../../http/csrf.js';
import { AppError } from '../../../http/errors.js';
import { decideRefund, paymentSummaryOf, requestRefund, startPayment } from './index.js';
import {
  makeAwaitingApplication,
  makePaymentAdmin,
  type PaymentsHarness,
  startPaymentsHarness,
  type TestApplication,
} from './test-support.js';

let h: PaymentsHarness;
before(async () => {
  h = await startPaymentsHarness();
});
after(async () => {
  await h?.close();
});

async function paidApplication(amount = 900): Promise<{ a: TestApplication; paymentId: string }> {
  const a = await makeAwaitingApplication(h.app, { amount });
  const { paymentId } = await startPayment(h.app.ctx, { applicationId: a.id });
  const p = await h.app.ctx.db.query<{ provider_payment_id: string }>('SELECT provider_payment_id FROM app_payments WHERE id = $1', [
    paymentId,
  ]);
  assert.ok(h.standin.pay(p.rows[0]!.provider_payment_id).ok);
  await h.standin.idle();
  return { a, paymentId };
}

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
};

describe('refunds need a second payment administrator', () => {
  it('refuses the person who asked, refunds partially on another’s approval, and audits each step', async () => {
    const alice = await makePaymentAdmin(h.app, 'kessai-alice');
    const bob = await makePaymentAdmin(h.app, 'kessai-bob');
    const { a, paymentId } = await paidApplication(900);
    const { refundId } = await requestRefund(h.app.ctx, alice, { paymentId, amount: 300, reason: '通数の誤り' });
    assert.equal(await codeOf(decideRefund(h.app.ctx, alice, { refundId, approve: true })), 'refund_same_person');
    // More than is left (900 − 300 asked) is refused.
    assert.equal(await codeOf(requestRefund(h.app.ctx, bob, { paymentId, amount: 601, reason: 'x' })), 'refund_not_possible');
    const before = h.standin.calls().filter((c) => c.path === '/v1/refunds').length;
    assert.deepEqual(await decideRefund(h.app.ctx, bob, { refundId, approve: true }), { status: 'succeeded' });
    assert.equal(h.standin.calls().filter((c) => c.path === '/v1/refunds').length, before + 1);
    assert.deepEqual(await paymentSummaryOf(h.app.ctx.db, a.id), { status: 'partially_refunded', amount: 900 });
    // Decided once: a second decision is refused, and the job that follows refunds nothing more.
    assert.equal(await codeOf(decideRefund(h.app.ctx, bob, { refundId, approve: true })), 'refund_not_possible');
    await h.drainJobs();
    assert.equal(h.standin.calls().filter((c) => c.path === '/v1/refunds').length, before + 1);
    const audit = await h.app.ctx.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_log WHERE record_id = $1 ORDER BY seq`,
      [refundId],
    );
    assert.deepEqual(audit.rows, [
      { action: 'payment.refund_requested', actor_id: alice.id },
      { action: 'payment.refund_approved', actor_id: bob.id },
    ]);
    // The rest, asked by bob and approved by alice: fully refunded.
    const rest = await requestRefund(h.app.ctx, bob, { paymentId, amount: 600, reason: '取下げ' });
    assert.deepEqual(await decideRefund(h.app.ctx, alice, { refundId: rest.refundId, approve: true }), { status: 'succeeded' });
    assert.deepEqual(await paymentSummaryOf(h.app.ctx.db, a.id), { status: 'refunded', amount: 900 });
  });

  it('keeps a rejected refund from reaching the provider and refuses people who are not payment administrators', async () => {
    const carol = await makePaymentAdmin(h.app, 'kessai-carol');
    const dave = await makePaymentAdmin(h.app, 'kessai-dave');
    const { paymentId } = await paidApplication(600);
    const { refundId } = await requestRefund(h.app.ctx, carol, { paymentId, amount: 600, reason: '誤請求' });
    const before = h.standin.calls().filter((c) => c.path === '/v1/refunds').length;
    assert.deepEqual(await decideRefund(h.app.ctx, dave, { refundId, approve: false }), { status: 'rejected' });
    await h.drainJobs();
    assert.equal(h.standin.calls().filter((c) => c.path === '/v1/refunds').length, before);
    const clerk = { ...dave, memberships: dave.memberships.map((m) => ({ ...m, role: 'staff' as const })) };
    assert.equal(await codeOf(requestRefund(h.app.ctx, clerk, { paymentId, amount: 100, reason: 'x' })), 'forbidden');
    assert.equal(await codeOf(decideRefund(h.app.ctx, clerk, { refundId, approve: true })), 'forbidden');
  });
});

describe('the citizen pay form', () => {
  const formCookie = 'paytestbrowser0123456789abcdefghij';
  const csrf = () => boundToken(h.app.ctx.secrets.appSecret, 'form-csrf', formCookie, 32);

  it('opens the hosted page from the status page’s form and shows the way back on the return page', async () => {
    const a = await makeAwaitingApplication(h.app);
    const res = await h.app.server.inject({
      method: 'POST',
      url: `/applications/${a.referenceNumber}/pay`,
      headers: { cookie: `madoguchi_form=${formCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: a.accessToken, _csrf: csrf() }).toString(),
    });
    assert.equal(res.statusCode, 200);
    const refresh = String(res.headers.refresh);
    const url = refresh.replace(/^0; url=/, '');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.ok(res.body.includes(`href="${url}"`), 'a button to the hosted page, for browsers that ignore Refresh');
    const payCookie = res.cookies.find((c) => c.name === 'madoguchi_pay')!;
    assert.equal(payCookie.httpOnly, true);
    const session = await h.app.ctx.db.query<{ provider_payment_id: string }>(
      'SELECT provider_payment_id FROM app_payments WHERE application_id = $1',
      [a.id],
    );
    const sessionId = session.rows[0]!.provider_payment_id;
    assert.ok(h.standin.pay(sessionId).ok);
    await h.standin.idle();
    const back = await h.app.server.inject({
      method: 'GET',
      url: `/applications/payment-return?session_id=${sessionId}`,
      headers: { cookie: `madoguchi_pay=${payCookie.value}` },
    });
    assert.equal(back.statusCode, 200);
    assert.ok(back.body.includes(`/applications/${a.referenceNumber}?t=${a.accessToken}`));
    // Another browser (no cookie): no secret on the page, where to find the link instead.
    const elsewhere = await h.app.server.inject({ method: 'GET', url: `/applications/payment-return?session_id=${sessionId}` });
    assert.ok(!elsewhere.body.includes(a.accessToken));
  });

  it('refuses the form without its token, and tells a paid application it cannot be paid again', async () => {
    const a = await makeAwaitingApplication(h.app);
    const noToken = await h.app.server.inject({
      method: 'POST',
      url: `/applications/${a.referenceNumber}/pay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: a.accessToken }).toString(),
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal((await h.app.ctx.db.query('SELECT 1 FROM app_payments WHERE application_id = $1', [a.id])).rowCount, 0);
    await h.app.ctx.db.query(`UPDATE app_applications SET status = 'withdrawn' WHERE id = $1`, [a.id]);
    const closed = await h.app.server.inject({
      method: 'POST',
      url: `/applications/${a.referenceNumber}/pay`,
      headers: { cookie: `madoguchi_form=${formCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: a.accessToken, _csrf: csrf() }).toString(),
    });
    assert.equal(closed.statusCode, 409);
    assert.match(closed.body, /お支払いいただけません/);
  });
});
