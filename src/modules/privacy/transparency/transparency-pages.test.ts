/**
 * The citizens' transparency pages on the demo data, through the real app: a service's page lists its
 * fields (and one a department head adds on the staff screen, at once), the mail server and LINE with
 * what they receive, and the retention; a procedure's page lists its fields, and where the procedure
 * has a fee, the payment provider receiving only the reference number and the amount; scopes citizens
 * cannot use are 404; every citizen form links to its page; an unchanged page revalidates with 304.
 * Then each page in Chromium at 390 px: no sideways scrolling, no serious accessibility violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { axeViolations, hasChromium, launchBrowser, newPage, PHONE } from '../../../../test/e2e/browser.js';
import { addDays, jstDate } from '../../../platform/japan-time.js';
import { decryptPersonal } from '../../card-issuance/internal/card-personal.js';
import { getCardSettings } from '../../card-issuance/internal/card-settings.js';
import { exportBundle } from '../../card-issuance/internal/export-bundle.js';
import { importBundle } from '../../card-issuance/internet/import-bundle.js';
import { logInClient } from '../../staff/test-support.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const DEMO_PASSWORD = 'demo-password-2026';
const SERVICE = '給付金の申請サポート'; // i18n-exempt: the demo's stored service name
const FEE_PROCEDURE = '住民票の写し等の郵送請求'; // i18n-exempt: the demo's stored procedure title
const FREE_PROCEDURE = '創業セミナー（全4回）の参加申込'; // i18n-exempt: the demo's stored procedure title

describe('transparency pages on the demo data', () => {
  let app: TestApp;
  let serviceId: string;
  let feeProcedureId: string;
  let freeProcedureId: string;

  const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers });
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const r = await app.ctx.db.query<{ v: T }>(sql, params);
    assert.ok(r.rows[0], sql);
    return r.rows[0].v;
  };
  const procedureId = (title: string) =>
    one<string>(
      `SELECT p.id::text AS v FROM app_procedures p JOIN app_procedure_versions v ON v.procedure_id = p.id AND v.version = p.published_version
        WHERE v.definition->'title'->>'ja' = $1`,
      [title],
    );
  /** The text of one item's card on a page: from its heading to the end of its section. */
  const itemCard = (body: string, label: string) => {
    const at = body.indexOf(`>${label}`);
    assert.ok(at > 0, `the page lists ${label}`);
    return body.slice(at, body.indexOf('</section>', at));
  };

  before(async () => {
    app = await startTestApp({ demo: true, listen: true });
    serviceId = await one<string>('SELECT id::text AS v FROM rsv_services WHERE name = $1', [SERVICE]);
    feeProcedureId = await procedureId(FEE_PROCEDURE);
    freeProcedureId = await procedureId(FREE_PROCEDURE);
  });
  after(() => app?.close());

  it('lists every public service and procedure on /privacy, each linking to its page', async () => {
    const r = await get('/privacy');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`<a href="/privacy/services/${serviceId}">${SERVICE}</a> <span class="muted">（福祉総務課）</span>`));
    assert.match(r.body, new RegExp(`<a href="/privacy/procedures/${feeProcedureId}">${FEE_PROCEDURE}</a>`));
    assert.match(r.body, /<a href="\/privacy\/card-booking">/);
    assert.match(r.body, /開示、訂正及び利用停止/);
  });

  it('a service page lists its fields, the mail server and LINE with what they receive, and the retention', async () => {
    const r = await get(`/privacy/services/${serviceId}`);
    assert.equal(r.statusCode, 200);
    for (const label of ['市からの通知に記載された宛名', 'ご来庁の目的', '備考']) itemCard(r.body, label);
    assert.match(r.body, /<li>メール送信サーバー：[^<]+<\/li>/);
    assert.match(r.body, /<li>LINEヤフー株式会社（LINE）：[^<]+<\/li>/);
    assert.match(itemCard(r.body, 'ご来庁の目的'), /<dt>保存期間<\/dt><dd>[^<]*90日[^<]*<\/dd>/);
    assert.match(r.body, /福祉総務課にお問い合わせください/);
    assert.doesNotMatch(r.body, /要配慮個人情報<\/span>/, 'no field of this service is sensitive');
    // no counts of people or records on a public page
    assert.doesNotMatch(r.body.replace(/<[^>]+>/g, ' '), /\d+\s*(人|件)/);
  });

  it('shows a field a department head adds on the staff screen at once, and revalidates with 304 until then', async () => {
    const before = await get(`/privacy/services/${serviceId}`);
    const etag = String(before.headers.etag);
    assert.match(String(before.headers['cache-control']), /no-cache/);
    assert.equal((await get(`/privacy/services/${serviceId}`, { 'if-none-match': etag })).statusCode, 304);

    const staff = await logInClient(app, 'demo-fukushi', DEMO_PASSWORD);
    const fields = await app.ctx.db.query<{
      key: string;
      label_ja: string;
      label_en: string;
      type: string;
      required: boolean;
      classification: string;
      max_length: number;
    }>(
      'SELECT key, label_ja, label_en, type, required, classification, max_length FROM rsv_service_fields WHERE service_id = $1 ORDER BY position',
      [serviceId],
    );
    assert.ok(fields.rows.every((f) => f.type !== 'choice'));
    const form = new URLSearchParams({ _csrf: staff.csrf });
    const rows = [
      ...fields.rows,
      {
        key: 'health',
        label_ja: '体調で配慮してほしいこと',
        label_en: 'Health needs',
        type: 'textarea',
        required: false,
        classification: 'sensitive',
        max_length: 300,
      },
    ];
    rows.forEach((f, i) => {
      form.set(`k${i}`, f.key);
      form.set(`lj${i}`, f.label_ja);
      form.set(`le${i}`, f.label_en);
      form.set(`t${i}`, f.type);
      if (f.required) form.set(`r${i}`, '1');
      form.set(`c${i}`, f.classification);
      form.set(`m${i}`, String(f.max_length));
    });
    const saved = await app.server.inject({
      method: 'POST',
      url: `/staff/reservation-services/${serviceId}/fields`,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    assert.ok(saved.statusCode === 303 || saved.statusCode === 200, `saved: ${saved.statusCode}`);
    assert.equal(await one<number>('SELECT count(*)::int AS v FROM rsv_service_fields WHERE service_id = $1', [serviceId]), rows.length);

    const after = await get(`/privacy/services/${serviceId}`, { 'if-none-match': etag });
    assert.equal(after.statusCode, 200, 'the old page is stale');
    assert.notEqual(after.headers.etag, etag);
    assert.match(itemCard(after.body, '体調で配慮してほしいこと'), /^>体調で配慮してほしいこと <span class="badge">要配慮個人情報<\/span>/);
  });

  it('a procedure page lists its fields; with a fee, the payment provider receives only the reference number and the amount', async () => {
    const fee = await get(`/privacy/procedures/${feeProcedureId}`);
    assert.equal(fee.statusCode, 200);
    for (const label of ['氏名', 'フリガナ', '生年月日', '郵便番号', 'メールアドレス']) itemCard(fee.body, label);
    assert.doesNotMatch(fee.body, />通数</, 'a field classed none is not personal data');
    const provider = [...fee.body.matchAll(/<li>決済代行事業者：([^<]+)<\/li>/g)].map((m) => m[1]);
    assert.ok(provider.length > 0, 'the payment provider is named');
    for (const what of provider) assert.match(what ?? '', /整理番号|金額/);
    assert.ok(provider.some((w) => /整理番号/.test(w ?? '')) && provider.some((w) => /金額/.test(w ?? '')));
  });

  it('a procedure without a fee names no payment provider', async () => {
    const free = await get(`/privacy/procedures/${freeProcedureId}`);
    assert.equal(free.statusCode, 200);
    itemCard(free.body, 'お子さんの年齢');
    assert.doesNotMatch(free.body, /決済代行事業者/, 'a procedure without a fee sends nothing to the payment provider');
  });

  it('answers 404 for unknown, inactive, unpublished and archived scopes, and for malformed addresses', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/privacy/services/${unknown}`,
      `/privacy/procedures/${unknown}`,
      '/privacy/things/x',
      '/privacy/services/%3Cscript%3E',
      '/privacy/no-such-page',
    ])
      assert.equal((await get(url)).statusCode, 404, url);

    const other = await one<string>("SELECT id::text AS v FROM rsv_services WHERE name = '家計相談'");
    assert.equal((await get(`/privacy/services/${other}`)).statusCode, 200);
    await app.ctx.db.query('UPDATE rsv_services SET is_active = false WHERE id = $1', [other]);
    assert.equal((await get(`/privacy/services/${other}`)).statusCode, 404, 'an inactive service');
    assert.doesNotMatch((await get('/privacy')).body, new RegExp(other));
    await app.ctx.db.query('UPDATE rsv_services SET is_active = true WHERE id = $1', [other]);

    const water = await procedureId('水道の使用開始・中止（開栓・閉栓）');
    await app.ctx.db.query('UPDATE app_procedures SET archived_at = now() WHERE id = $1', [water]);
    assert.equal((await get(`/privacy/procedures/${water}`)).statusCode, 404, 'an archived procedure');
    await app.ctx.db.query('UPDATE app_procedures SET archived_at = NULL, published_version = NULL WHERE id = $1', [water]);
    assert.equal((await get(`/privacy/procedures/${water}`)).statusCode, 404, 'an unpublished procedure');
  });

  it('the card booking site has its page', async () => {
    const r = await get('/privacy/card-booking');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<h1 class="page-title">[^<]+で取り扱う個人情報<\/h1>/);
  });

  it('links each citizen form to its page', async () => {
    // the booking form of a service, for its first free time
    const from = addDays(jstDate(new Date()), 1);
    const slots = (await get(`/api/v1/services/${serviceId}/availability?from=${from}&to=${addDays(from, 20)}`)).json() as {
      start: string;
    }[];
    assert.ok(slots[0], 'the demo service has a free time');
    const booking = await get(`/services/${serviceId}/book?start=${encodeURIComponent(slots[0].start)}`);
    assert.equal(booking.statusCode, 200);
    assert.match(booking.body, new RegExp(`<a href="/privacy/services/${serviceId}">この予約で取り扱う個人情報について</a>`));

    // every step of an application form
    for (const n of [1, 2, 3]) {
      const step = await get(`/apply/${feeProcedureId}/step/${n}`);
      assert.equal(step.statusCode, 200, `step ${n}`);
      assert.match(step.body, new RegExp(`<a href="/privacy/procedures/${feeProcedureId}">この手続で取り扱う個人情報について</a>`));
    }

    // the card booking form, once the booking site holds the cards and the person has logged in
    const departmentId = await one<string>("SELECT id::text AS v FROM departments WHERE code = 'shimin'");
    const settings = await getCardSettings(app.ctx.db, departmentId);
    assert.ok(settings);
    await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    const enc = await one<string>("SELECT personal_enc AS v FROM card_int_cards WHERE control_no = 'DMO000003'");
    const birth = decryptPersonal(app.ctx.crypto, enc).birthDate;
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/card/session',
      payload: { reservationId: 'DMO000003', password: birth.slice(5, 7) + birth.slice(8, 10) },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const location = await one<string>('SELECT code AS v FROM card_net_locations ORDER BY code LIMIT 1');
    let found = false;
    for (let d = 1; d <= 14 && !found; d++) {
      const page = await get(`/card/booking?location=${location}&date=${addDays(jstDate(new Date()), d)}`, { cookie });
      assert.equal(page.statusCode, 200);
      found = page.body.includes('name="start"');
      if (found) assert.match(page.body, /<a href="\/privacy\/card-booking">この予約で取り扱う個人情報について<\/a>/);
    }
    assert.ok(found, 'a day with the booking form');
  });

  it('reads well on a phone in Chromium: no sideways scrolling, no serious accessibility violation', {
    skip: !hasChromium && 'no Chromium',
  }, async () => {
    const browser = await launchBrowser();
    try {
      const { context, page } = await newPage(browser, PHONE);
      for (const path of [
        '/privacy',
        `/privacy/services/${serviceId}`,
        `/privacy/procedures/${feeProcedureId}`,
        '/privacy/card-booking',
        `/privacy/procedures/${feeProcedureId}?lang=en`,
      ]) {
        await page.goto(`${app.url}${path}`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path}: no horizontal scrolling (overflow ${overflow}px)`);
        const size = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.querySelector('main p') as Element).fontSize));
        assert.ok(size >= 16, `${path}: body text of ${size}px`);
      }
      // the language switch keeps the page (the English visit above chose English: come back in Japanese)
      await page.goto(`${app.url}/privacy/services/${serviceId}?lang=ja`);
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/lang=en/);
      assert.match(await page.locator('h1').innerText(), /^Personal data used by /);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
