/**
 * Payment administration against a real database (PGlite or PostgreSQL): statistics, the daily
 * reconciliation report and its CSV, alerts and the refund screens — for payment administrators
 * only, audited, and never showing an applicant's name, e-mail address or answer although the
 * applications behind the payments hold them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { recordSecurityEvent } from '../../security/index.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { inboxDefinition, insertApplication, makeInboxProcedure } from '../inbox/testing.js';

// 2026-12-02 10:00 JST
const clock = new ManualClock('2026-12-02T01:00:00Z');
const NAME = '山田 花子';
const EMAIL = 'hanako.yamada@example.jp';
const MEMO = '母の介護のため';

const soffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

type Payment = { id: string; ref: string };

describe('payment administration', () => {
  let app: TestApp;
  let alice: Client; // payment administrator
  let bob: Client; // a second payment administrator
  const refs: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function payment(o: {
    application?: { id: string; referenceNumber: string } | null;
    ref?: string;
    amount: number;
    method: string;
    paidAt: string;
    counted: boolean;
    account?: string;
    status?: string;
    refunded?: number;
  }): Promise<Payment> {
    const ref = o.application?.referenceNumber ?? o.ref ?? 'ZZZZZZZZZZ';
    const r = await app.ctx.db.query<{ id: string }>(
      `INSERT INTO app_payments (application_id, reference_number, provider, provider_payment_id, idempotency_key, amount, status, counted,
         method, refunded_amount, revenue_account_code, created_at, expires_at, paid_at, final_at)
       VALUES ($1, $2, 'stripe', $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $11) RETURNING id::text AS id`,
      [
        o.application?.id ?? null,
        ref,
        `cs_test_${crypto.randomBytes(6).toString('hex')}`,
        crypto.randomUUID(),
        o.amount,
        o.status ?? 'paid',
        o.counted,
        o.method,
        o.refunded ?? 0,
        o.account ?? '14-01-01',
        new Date(o.paidAt),
      ],
    );
    return { id: r.rows[0]!.id, ref };
  }

  before(async () => {
    app = await startTestApp({ clock });
    await ensureDepartment(app, 'digital', 'デジタル推進課');
    const shimin = await ensureDepartment(app, 'shimin', '市民課');
    await makeStaff(app, { loginId: 'pa-alice', dept: 'digital', role: 'payment_admin' });
    await makeStaff(app, { loginId: 'pa-bob', dept: 'digital', role: 'payment_admin' });
    await makeStaff(app, { loginId: 'pa-sys', dept: 'digital', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'pa-dadmin', dept: 'shimin', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'pa-staff', dept: 'digital' });
    alice = await logInClient(app, 'pa-alice');
    bob = await logInClient(app, 'pa-bob');

    const procedureId = await makeInboxProcedure(
      app.ctx,
      shimin,
      inboxDefinition({
        title: { ja: '住民票の写し等の郵送請求', en: 'Residence certificate by post' },
        fee: { kind: 'fixed', amount: 1200, timing: 'on_submission' },
        revenueAccountCode: '14-01-01',
      }),
    );
    const answers = { name: NAME, email: EMAIL, copies: 4, memo: MEMO };
    const paidApp = await insertApplication(app.ctx, { procedureId, departmentId: shimin, answers, status: 'paid', feeAmount: 1200 });
    const secondApp = await insertApplication(app.ctx, { procedureId, departmentId: shimin, answers, status: 'paid', feeAmount: 600 });
    const lateApp = await insertApplication(app.ctx, { procedureId, departmentId: shimin, answers, status: 'paid', feeAmount: 300 });
    const waiting = await insertApplication(app.ctx, {
      procedureId,
      departmentId: shimin,
      answers,
      status: 'awaiting_payment',
      feeAmount: 900,
    });
    // waiting for 30 hours (the alert threshold is 24 by default)
    await app.ctx.db.query('UPDATE app_applications SET payable_since = $2 WHERE id = $1', [waiting.id, new Date('2026-11-30T19:00:00Z')]);
    refs.waiting = waiting.referenceNumber;

    // 2026-12-01 (Japan time): 1,200 by card (counted), 600 by PayPay at 23:30 JST, a duplicate 1,200 refunded automatically,
    // 500 paid for no application (its revenue account written like a formula)
    const p1 = await payment({ application: paidApp, amount: 1200, method: 'card', paidAt: '2026-12-01T10:00:00+09:00', counted: true });
    const p2 = await payment({ application: secondApp, amount: 600, method: 'paypay', paidAt: '2026-12-01T23:30:00+09:00', counted: true });
    const dup = await payment({
      application: paidApp,
      amount: 1200,
      method: 'card',
      paidAt: '2026-12-01T10:05:00+09:00',
      counted: false,
      status: 'refunded',
      refunded: 1200,
    });
    await app.ctx.db.query(
      `INSERT INTO app_refunds (payment_id, amount, reason, status, automatic, requested_at, decided_at, provider_refund_id, idempotency_key)
       VALUES ($1, 1200, 'duplicate', 'succeeded', true, $2, $2, 're_test_dup', $3)`,
      [dup.id, new Date('2026-12-01T10:06:00+09:00'), crypto.randomUUID()],
    );
    const orphan = await payment({
      ref: 'QQQQQQQQQQ',
      amount: 500,
      method: 'apple_pay',
      paidAt: '2026-12-01T12:00:00+09:00',
      counted: false,
      account: '=HYPERLINK("http://evil.example")',
    });
    // 2026-12-02 00:10 JST (still 1 December in UTC): counted on the 2nd
    const p3 = await payment({
      application: lateApp,
      amount: 300,
      method: 'apple_pay',
      paidAt: '2026-12-02T00:10:00+09:00',
      counted: true,
    });
    Object.assign(refs, { p1: p1.ref, p2: p2.ref, orphan: orphan.ref, p3: p3.ref });
    Object.assign(ids, { p1: p1.id, p2: p2.id });
    await recordSecurityEvent(
      app.ctx.db,
      {
        kind: 'payment.amount_mismatch',
        severity: 'alert',
        subject: p2.id,
        detail: {
          referenceNumber: p2.ref,
          providerPaymentId: 'cs_test_mismatch',
          expected: { amount: 600, currency: 'jpy' },
          reported: { amount: 1, currency: 'jpy' },
        },
      },
      new Date('2026-12-01T23:00:00+09:00'),
    );
  });
  after(() => app.close());

  const page = (c: Client, url: string) => app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const assertNothingPersonal = (text: string) => {
    for (const s of [NAME, EMAIL, MEMO, '山田', 'hanako']) assert.ok(!text.includes(s), `shows ${s}`);
  };

  it('counts payments by Japan-time day, method, procedure and revenue account, with refunds and net', async () => {
    const r = await alice.call('GET', '/api/v1/staff/payments/stats?from=2026-12-01&to=2026-12-01');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.totals, { count: 4, gross: 3500, refunded: 1200, net: 2300 });
    assert.deepEqual(r.json.byDay, [{ date: '2026-12-01', count: 4, gross: 3500, refunded: 1200, net: 2300 }]);
    assert.deepEqual(
      r.json.byMethod.map((m: { method: string; gross: number }) => [m.method, m.gross]),
      [
        ['apple_pay', 500],
        ['card', 2400],
        ['paypay', 600],
      ],
    );
    const titled = r.json.byProcedure.find((p: { title: string | null }) => p.title === '住民票の写し等の郵送請求');
    assert.deepEqual([titled.count, titled.gross, titled.net], [3, 3000, 1800]);
    assert.deepEqual(
      r.json.byProcedure.find((p: { procedureId: string | null }) => p.procedureId === null),
      { procedureId: null, title: null, count: 1, gross: 500, refunded: 0, net: 500 },
    );
    assert.deepEqual(
      r.json.byRevenueAccount.find((a: { revenueAccountCode: string }) => a.revenueAccountCode === '14-01-01'),
      { revenueAccountCode: '14-01-01', count: 3, gross: 3000, refunded: 1200, net: 1800 },
    );
    const next = await alice.call('GET', '/api/v1/staff/payments/stats?from=2026-12-02&to=2026-12-31');
    assert.deepEqual(next.json.totals, { count: 1, gross: 300, refunded: 0, net: 300 });
    assertNothingPersonal(JSON.stringify(r.json));
    const bad = await alice.call('GET', '/api/v1/staff/payments/stats?from=2026-12-01&to=2028-01-01');
    assert.equal(bad.status, 422);
  });

  it('shows statistics, the daily report and the alerts without any name, e-mail address or answer, and audits each view', async () => {
    const stats = await page(alice, '/staff/payments?from=2026-12-01&to=2026-12-02');
    assert.equal(stats.statusCode, 200);
    assert.match(stats.body, /住民票の写し等の郵送請求/);
    assert.match(stats.body, /3,800円/);
    const report = await page(alice, '/staff/payments/report?date=2026-12-01');
    assert.equal(report.statusCode, 200);
    for (const ref of [refs.p1, refs.p2, refs.orphan]) assert.ok(report.body.includes(ref!), `report shows ${ref}`);
    assert.ok(!report.body.includes(refs.p3!), 'a payment of the next Japan-time day is not in the report');
    assert.match(report.body, /重複（自動返金）/);
    assert.match(report.body, /re_test_dup/);
    const alerts = await page(alice, '/staff/payments/alerts');
    assert.equal(alerts.statusCode, 200);
    const section = (id: string) =>
      alerts.body.slice(alerts.body.indexOf(`id="${id}"`), alerts.body.indexOf('</section>', alerts.body.indexOf(`id="${id}"`)));
    assert.ok(section('paid-without-application').includes(refs.orphan!));
    assert.ok(section('amount-mismatch').includes(refs.p2!));
    assert.ok(section('waiting').includes(refs.waiting!));
    assert.ok(section('waiting').includes('900円'));
    for (const body of [stats.body, report.body, alerts.body]) assertNothingPersonal(body);
    const audit = await app.ctx.db.query<{ action: string; detail: Record<string, unknown> }>(
      `SELECT action, detail FROM audit_log WHERE action LIKE 'payment_admin.%' AND actor_label = 'pa-alice' ORDER BY seq`,
    );
    const actions = audit.rows.map((a) => a.action);
    for (const a of ['payment_admin.stats_viewed', 'payment_admin.report_viewed', 'payment_admin.alerts_viewed'])
      assert.ok(actions.includes(a), a);
    assertNothingPersonal(JSON.stringify(audit.rows));
  });

  it('exports the day as CSV in CP932 and UTF-8 with BOM: 整理番号 and amounts kept, formulas neutralised, nothing personal', async () => {
    const sjis = await page(alice, '/staff/payments/report.csv?date=2026-12-01');
    assert.equal(sjis.statusCode, 200);
    assert.equal(sjis.headers['content-type'], 'text/csv; charset=Windows-31J');
    assert.match(String(sjis.headers['content-disposition']), /payments-2026-12-01\.csv/);
    const text = iconv.decode(sjis.rawPayload, 'cp932');
    const lines = text.split('\r\n');
    assert.equal(lines[0], '区分,整理番号,金額,返金額,決済方法,日時,決済ID,歳入科目,状態,計上');
    assert.ok(
      lines.some((l) => l.startsWith(`入金,${refs.p1},1200,0,クレジットカード,2026-12-01 10:00,cs_test_`)),
      text,
    );
    assert.ok(
      lines.some((l) => l.startsWith(`返金,${refs.p1},1200,,クレジットカード,2026-12-01 10:06,re_test_dup,`)),
      text,
    );
    const orphanLine = lines.find((l) => l.includes(refs.orphan!))!;
    assert.ok(orphanLine.includes(`"'=HYPERLINK(""http://evil.example"")"`), orphanLine);
    const api = await app.server.inject({
      url: '/api/v1/staff/payments/export?from=2026-12-01&to=2026-12-02&encoding=utf-8',
      headers: { cookie: alice.cookie },
    });
    assert.equal(api.headers['content-type'], 'text/csv; charset=UTF-8');
    assert.deepEqual([...api.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const u = api.rawPayload.toString('utf8');
    assert.ok(u.includes(`入金,${refs.p3},300,0,Apple Pay,2026-12-02 00:10,`), u);
    assertNothingPersonal(text);
    assertNothingPersonal(u);
    const exported = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'payment_admin.report_exported'`);
    assert.equal(exported.rowCount, 2);
  });

  it('reads back in LibreOffice Calc with 整理番号 as text and amounts as numbers', {
    skip: !soffice && 'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui',
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payments-csv-'));
    try {
      for (const [encoding, charset] of [
        ['shift_jis', 64],
        ['utf-8', 76],
      ] as const) {
        const res = await page(alice, `/staff/payments/report.csv?date=2026-12-01&encoding=${encoding}`);
        const file = path.join(dir, `${encoding}.csv`);
        fs.writeFileSync(file, res.rawPayload);
        const profile = `file://${path.join(os.tmpdir(), 'madoguchi-soffice-profile')}`;
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=${profile}`,
            '--headless',
            `--infilter=CSV:44,34,${charset},1,,1041,false,true,false,false,false,false,true`,
            '--convert-to',
            'fods',
            '--outdir',
            dir,
            file,
          ],
          { stdio: 'ignore', timeout: 180_000 },
        );
        const xml = fs.readFileSync(file.replace(/\.csv$/, '.fods'), 'utf8');
        const rows = [...xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map((r) =>
          [...r[1]!.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].map((c) => ({
            type: /office:value-type="(\w+)"/.exec(c[1]!)?.[1] ?? 'empty',
            value: /office:value="([^"]*)"/.exec(c[1]!)?.[1] ?? '',
            text: (c[2] ?? '').replace(/<[^>]+>/g, '').trim(),
          })),
        );
        const row = rows.find((r) => r[1]?.text === refs.p1 && r[0]?.text === '入金');
        assert.ok(row, `${encoding}: a line with ${refs.p1}`);
        assert.equal(row[1]!.type, 'string');
        assert.deepEqual([row[2]!.type, row[2]!.value], ['float', '1200'], encoding);
        const orphan = rows.find((r) => r[1]?.text === refs.orphan)!;
        assert.equal(orphan[7]!.type, 'string', `${encoding}: the formula-like account stays text`);
        assert.ok(orphan[7]!.text.includes('HYPERLINK'));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses department and system administrators without the role, and ordinary staff, on every screen and API route', async () => {
    const urls = [
      '/staff/payments',
      '/staff/payments/report',
      '/staff/payments/report.csv?date=2026-12-01',
      '/staff/payments/alerts',
      '/staff/payments/refunds',
      `/staff/payments/payments/${ids.p1}/refund`,
      '/api/v1/staff/payments/stats?from=2026-12-01&to=2026-12-01',
      '/api/v1/staff/payments/export?from=2026-12-01&to=2026-12-01',
    ];
    for (const login of ['pa-sys', 'pa-dadmin', 'pa-staff']) {
      const c = await logInClient(app, login);
      for (const url of urls) {
        const r = await page(c, url);
        assert.equal(r.statusCode, 403, `${login} ${url}`);
        assertNothingPersonal(r.body);
        assert.ok(!r.body.includes(refs.p1!), `${login} ${url} shows a 整理番号`);
      }
      const decide = await app.server.inject({
        method: 'POST',
        url: `/staff/payments/refunds/${crypto.randomUUID()}/decide`,
        headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(c.csrf)}&decision=approve`,
      });
      assert.equal(decide.statusCode, 403, `${login} decide`);
      const home = await page(c, '/staff');
      assert.ok(!home.body.includes('href="/staff/payments"'), `${login} sees the 決済管理 menu entry`);
    }
    const home = await page(alice, '/staff');
    assert.match(home.body, /<a href="\/staff\/payments"[^>]*>決済管理<\/a>/);
  });

  it('needs a second payment administrator to decide a refund asked on the screen', async () => {
    const form = await page(alice, `/staff/payments/payments/${ids.p2}/refund`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="amount"[^>]*value="600"/);
    assertNothingPersonal(form.body);
    const post = (c: Client, url: string, body: Record<string, string>) =>
      app.server.inject({
        method: 'POST',
        url,
        headers: { cookie: c.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: c.csrf, ...body }).toString(),
      });
    const tooMuch = await post(alice, `/staff/payments/payments/${ids.p2}/refund`, { amount: '601', reason: '誤請求' });
    assert.equal(tooMuch.statusCode, 409);
    assert.match(tooMuch.body, /返金額は1円以上、返金できる額以下/);
    const asked = await post(alice, `/staff/payments/payments/${ids.p2}/refund`, { amount: '200', reason: '通数の誤り' });
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, '/staff/payments/refunds?done=requested');
    const refund = await app.ctx.db.query<{ id: string }>(`SELECT id::text AS id FROM app_refunds WHERE payment_id = $1`, [ids.p2]);
    const refundId = refund.rows[0]!.id;
    // the person who asked sees no approve button and is refused when posting anyway
    const own = await page(alice, '/staff/payments/refunds?done=requested');
    assert.match(own.body, /返金を依頼しました/);
    assert.match(own.body, /ご自身の依頼は別の決済管理者が承認します/);
    assert.ok(!own.body.includes(`/staff/payments/refunds/${refundId}/decide`));
    const self = await post(alice, `/staff/payments/refunds/${refundId}/decide`, { decision: 'approve' });
    assert.equal(self.statusCode, 409);
    // another payment administrator may: here a rejection (approval reaches the provider: payments/refunds.test.ts)
    const other = await page(bob, '/staff/payments/refunds');
    assert.ok(other.body.includes(`/staff/payments/refunds/${refundId}/decide`));
    const rejected = await post(bob, `/staff/payments/refunds/${refundId}/decide`, { decision: 'reject' });
    assert.equal(rejected.statusCode, 303);
    assert.equal(rejected.headers.location, '/staff/payments/refunds?done=rejected');
    const row = await app.ctx.db.query<{ status: string }>('SELECT status FROM app_refunds WHERE id = $1', [refundId]);
    assert.equal(row.rows[0]!.status, 'rejected');
    // a search by 整理番号 (typed with a hyphen and in lower case) lists the payment again
    const found = await page(bob, `/staff/payments/refunds?ref=${refs.p2!.slice(0, 5).toLowerCase()}-${refs.p2!.slice(5)}`);
    assert.ok(found.body.includes(`/staff/payments/payments/${ids.p2}/refund`));
    assertNothingPersonal(found.body);
  });
});
