/**
 * A refund through the payment administration screens, end to end against the local Stripe stand-in
 * through the real adapter: paid on the hosted page, asked by one payment administrator, approved by
 * another, refunded at the provider, and then in that day's reconciliation report and CSV.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { jstDate } from '../../../platform/japan-time.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { startPayment } from '../payments/index.js';
import { makeAwaitingApplication, type PaymentsHarness, startPaymentsHarness } from '../payments/test-support.js';

describe('refund screens against the payment stand-in', () => {
  let h: PaymentsHarness;
  let asker: Client;
  let approver: Client;

  before(async () => {
    h = await startPaymentsHarness();
    await makeStaff(h.app, { loginId: 'rs-asker', dept: 'digital', role: 'payment_admin' });
    await makeStaff(h.app, { loginId: 'rs-approver', dept: 'digital', role: 'payment_admin' });
    asker = await logInClient(h.app, 'rs-asker');
    approver = await logInClient(h.app, 'rs-approver');
  });
  after(async () => {
    await h?.close();
  });

  const get = (c: Client, url: string) => h.app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const post = (c: Client, url: string, body: Record<string, string>) =>
    h.app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: c.csrf, ...body }).toString(),
    });

  it('refunds part of a paid fee once a second payment administrator approves, and reports it that day', async () => {
    const a = await makeAwaitingApplication(h.app, { amount: 900 });
    const { paymentId } = await startPayment(h.app.ctx, { applicationId: a.id });
    const session = await h.app.ctx.db.query<{ provider_payment_id: string }>(
      'SELECT provider_payment_id FROM app_payments WHERE id = $1',
      [paymentId],
    );
    assert.ok(h.standin.pay(session.rows[0]!.provider_payment_id).ok);
    await h.standin.idle();

    const found = await get(asker, `/staff/payments/refunds?ref=${a.referenceNumber}`);
    assert.ok(found.body.includes(`/staff/payments/payments/${paymentId}/refund`), 'the paid payment can be refunded');
    const asked = await post(asker, `/staff/payments/payments/${paymentId}/refund`, { amount: '300', reason: '通数の誤り' });
    assert.equal(asked.statusCode, 303);
    const refund = await h.app.ctx.db.query<{ id: string }>('SELECT id::text AS id FROM app_refunds WHERE payment_id = $1', [paymentId]);
    const refundId = refund.rows[0]!.id;
    const refundsAtProvider = () => h.standin.calls().filter((c) => c.path === '/v1/refunds').length;
    const before = refundsAtProvider();
    const approved = await post(approver, `/staff/payments/refunds/${refundId}/decide`, { decision: 'approve' });
    assert.equal(approved.statusCode, 303);
    assert.equal(approved.headers.location, '/staff/payments/refunds?done=succeeded');
    assert.equal(refundsAtProvider(), before + 1);
    const list = await get(approver, '/staff/payments/refunds?done=succeeded');
    assert.match(list.body, /返金しました。/);

    const day = jstDate(h.clock.now());
    const report = await get(asker, `/staff/payments/report?date=${day}`);
    assert.ok(report.body.includes(a.referenceNumber));
    assert.match(report.body, /一部返金/);
    assert.match(report.body, /職員による返金/);
    const csv = await get(asker, `/staff/payments/report.csv?date=${day}`);
    const lines = iconv.decode(csv.rawPayload, 'cp932').split('\r\n');
    assert.ok(
      lines.some((l) => l.startsWith(`入金,${a.referenceNumber},900,300,`)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.startsWith(`返金,${a.referenceNumber},300,,`)),
      lines.join('\n'),
    );
    for (const text of [report.body, lines.join('\n')]) {
      assert.ok(!text.includes('山田'), 'no applicant name');
      assert.ok(!text.includes('taro.yamada'), 'no applicant e-mail');
    }
  });
});
