/**
 * E-applications in Chromium at phone size (390×844, touch), against the local Stripe stand-in through
 * the real Stripe adapter: a citizen finds 住民票の写し等の郵送請求 (the demo's definition, imported and
 * published by the procedures part's operations), fills step 1 (フリガナ typed in hiragana, a 和暦
 * date, 住所を検索), is refused an empty required field with everything typed kept, opens a question by
 * 表示を更新, saves with あとで続ける and resumes from the mailed link in another browser, attaches an
 * identity document, confirms 300円 × 2通 = 600円, submits, pays 4242… on the stand-in's hosted page and
 * sees the application paid. The same form works with JavaScript off. Staff then ask for a correction
 * of one field; the citizen can change only that field and resubmits; staff see the new value and the
 * history keeps the request and the resubmission. Every citizen page passes axe (no serious or critical
 * violation) and never scrolls sideways at 390 px; the list, a step and the status page speak English.
 */
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaffActor } from '../../src/http/actor.js';
import { applicationsModule } from '../../src/modules/applications/index.js';
import { DEMO_PROCEDURES } from '../../src/modules/applications/demo/procedures.js';
import { importProcedure } from '../../src/modules/applications/procedures/import-procedure.js';
import { publishProcedure } from '../../src/modules/applications/procedures/publish-procedure.js';
import { ensureDepartment, makeStaff, TEST_PASSWORD } from '../../src/modules/staff/test-support.js';
import { type PaymentStandin, startPaymentStandin } from '../../src/payment-standin/standin.js';
import { ManualClock } from '../../src/platform/clock.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { smtpStandin } from '../../src/platform/mailer.js';
import { startTestApp, type TestApp } from '../helpers.js';
import { axeViolations, hasChromium, launchBrowser, PHONE, staffLogIn } from './browser.js';

const clock = new ManualClock('2026-12-01T10:00:00+09:00');
const SECRET_KEY = 'sk_test_e2e_applications';
const WEBHOOK_SECRET = 'whsec_e2e_applications';
const TITLE = '住民票の写し等の郵送請求';

/** A small valid PNG (an RGB gradient), written here so the test needs no image file. */
function pngImage(size = 24): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (table[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) rows.set([x * 10, y * 10, 128], y * (size * 3 + 1) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('e-applications in a phone browser', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  let payments: { standin: PaymentStandin; close: () => Promise<void> };
  let mail: Awaited<ReturnType<typeof smtpStandin>>;
  let worker: JobWorker;
  let procedureId: string;
  /** The application the citizen journey submitted and paid (used by the staff journey). */
  let paid: { ref: string; statusUrl: string } | undefined;

  const visited: string[] = [];
  /** axe clean and no sideways scrolling at 390 px, for every citizen page the journeys pass. */
  const check = async (page: Page, where: string) => {
    assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${where}: no horizontal scrolling at 390 px (scrollWidth ${width})`);
    visited.push(where);
  };
  const phone = async (o: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> => {
    const context = await browser.newContext({ ...PHONE, ...o });
    context.setDefaultTimeout(10_000);
    return context;
  };
  const submitAndWait = async (page: Page, name: string | RegExp) => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: typeof name === 'string' }).click()]);
  };

  before(async () => {
    const s = await startPaymentStandin({
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      retryDelaysMs: [5, 5],
      sweepIntervalMs: 0,
      now: () => clock.now().getTime(),
      environment: 'test',
    });
    payments = { standin: s.standin, close: s.close };
    app = await startTestApp({
      clock,
      listen: true,
      env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE_URL: s.url },
    });
    // the provider sends the browser back to PUBLIC_BASE_URL: here, the port this test listens on
    (app.ctx.config as { publicBaseUrl: string }).publicBaseUrl = app.url;
    s.standin.webhooks.url = `${app.url}/api/v1/payments/stripe/webhook`;
    mail = await smtpStandin();
    worker = new JobWorker(app.ctx, applicationsModule.jobs ?? []);

    const demo = DEMO_PROCEDURES.find((p) => p.key === 'juminhyo-mail');
    assert.ok(demo);
    const departmentId = await ensureDepartment(app, 'e2e-apply', '市民課');
    const staffId = await makeStaff(app, { loginId: 'e2e-apply', dept: 'e2e-apply', role: 'dept-admin' });
    const actor: StaffActor = {
      kind: 'staff',
      id: staffId,
      loginId: 'e2e-apply',
      displayName: 'テスト e2e-apply',
      memberships: [{ departmentId, departmentCode: 'e2e-apply', departmentName: '市民課', role: 'dept-admin' }],
      currentDepartmentId: departmentId,
      isSysAdmin: false,
      sessionTokenHash: 'e2e',
      csrfToken: 'e2e',
      mustChangePassword: false,
      mfaPending: false,
      mfaSetupRequired: false,
      passwordRenewalDue: false,
    };
    const audit = { actor: { type: 'system' as const, id: null, label: 'e2e' }, clientIp: null, requestId: null };
    procedureId = await importProcedure(app.ctx, actor, departmentId, Buffer.from(JSON.stringify(demo.definition)), audit);
    await publishProcedure(app.ctx, actor, procedureId, audit);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await payments?.standin.idle();
    await payments?.close();
    await app?.close();
  });

  it('finds, fills, saves and resumes, attaches, confirms, submits, pays on the hosted page and sees it paid', async () => {
    const first = await phone();
    const page = await first.newPage();
    await page.goto(`${app.url}/apply`);
    await check(page, 'procedure list');
    await page
      .getByRole('link', { name: new RegExp(TITLE) })
      .first()
      .click();
    await page.waitForURL(`${app.url}/apply/${procedureId}`);
    assert.ok((await page.locator('main').innerText()).includes('1通につき 300円'));
    await check(page, 'start page');
    await page.getByRole('link', { name: '申請を始める' }).click();
    await page.waitForURL(/\/step\/1$/);
    await check(page, 'step 1');

    // step 1: hiragana フリガナ, a 和暦 date, 住所を検索; the phone left empty is refused
    await page.getByLabel('氏名').fill('窓口 花子');
    await page.getByLabel('フリガナ').fill('まどぐち はなこ');
    await page.getByLabel('生年月日').fill('昭和60年4月1日');
    await page.getByLabel('郵便番号').fill('100-0001');
    await submitAndWait(page, '住所を検索');
    assert.equal(await page.locator('#field-address').inputValue(), '東京都千代田区千代田');
    assert.equal(await page.getByLabel('フリガナ').inputValue(), 'まどぐち はなこ', 'typed kept over the address search');
    await page.locator('#field-address').fill('東京都千代田区千代田1-1');
    await page.getByLabel('メールアドレス').fill('hanako.e2e@example.jp');
    await submitAndWait(page, '次へ');
    assert.match(page.url(), /\/step\/1$/);
    const alert = page.getByRole('alert').first();
    assert.match(await alert.innerText(), /入力内容を確認してください/);
    const phoneInput = page.getByLabel(/日中に連絡がつく電話番号/);
    assert.equal(await phoneInput.getAttribute('aria-invalid'), 'true');
    const describedBy = (await phoneInput.getAttribute('aria-describedby')) ?? '';
    const fieldError = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    assert.match(fieldError, /[ぁ-んァ-ン一-龥]/, `a Japanese message at the field (${fieldError})`);
    assert.equal(await page.getByLabel('氏名').inputValue(), '窓口 花子');
    assert.equal(await page.getByLabel('生年月日').inputValue(), '昭和60年4月1日');
    assert.equal(await page.locator('#field-address').inputValue(), '東京都千代田区千代田1-1');
    assert.equal(await page.getByLabel('メールアドレス').inputValue(), 'hanako.e2e@example.jp');
    await check(page, 'step 1 with an error');
    await phoneInput.fill('090-1234-5678');
    await submitAndWait(page, '次へ');
    await page.waitForURL(/\/step\/2$/);
    await check(page, 'step 2');

    // step 2: "other" opens its question after 表示を更新; then あとで続ける
    assert.equal(await page.getByLabel('その他の使いみち').count(), 0, 'hidden until "other"');
    await page.getByLabel('本人のみ').check();
    await page.getByLabel('通数').fill('2');
    await page.getByLabel('使いみち').selectOption('other');
    await submitAndWait(page, '表示を更新');
    assert.equal(await page.getByLabel('その他の使いみち').count(), 1, 'shown for "other"');
    await check(page, 'step 2 with the extra question');
    await submitAndWait(page, '次へ');
    assert.match(await page.getByRole('alert').first().innerText(), /入力内容を確認してください/);
    assert.equal(await page.getByLabel('通数').inputValue(), '2');
    await check(page, 'step 2 with an error');
    await page.getByLabel('その他の使いみち').fill('ビザ申請');
    await submitAndWait(page, 'あとで続ける');
    await page.waitForURL(/\/save$/);
    await check(page, 'continue later');
    if (!(await page.getByLabel('メールアドレス').inputValue())) await page.getByLabel('メールアドレス').fill('hanako.e2e@example.jp');
    await submitAndWait(page, '保存してリンクを送る');
    assert.match(await page.locator('h1').innerText(), /リンクを送りました/);
    await check(page, 'link sent');
    await first.close();

    await worker.drain();
    const resumeMail = [...mail.messages].reverse().find((m) => m.to.includes('hanako.e2e@example.jp') && m.subject.includes('入力の続き'));
    assert.ok(resumeMail, 'the resume link was mailed');
    const link = /\/apply\/resume\/[A-Za-z0-9_-]+/.exec(resumeMail.text)?.[0];
    assert.ok(link, resumeMail.text);

    // another browser (the phone's mail app opens a new one): the answers are back
    const second = await phone();
    const p2 = await second.newPage();
    await p2.goto(`${app.url}${link}`);
    await p2.waitForURL(/\/step\/2$/);
    await check(p2, 'resumed step');
    assert.equal(await p2.getByLabel('その他の使いみち').inputValue(), 'ビザ申請');
    assert.equal(await p2.getByLabel('通数').inputValue(), '2');
    // step 1 as it was checked: フリガナ in katakana, the date still in 和暦
    await p2.goto(`${app.url}/apply/${procedureId}/step/1`);
    assert.equal(await p2.getByLabel('フリガナ').inputValue(), 'マドグチ　ハナコ');
    assert.equal(await p2.getByLabel('生年月日').inputValue(), '昭和60年4月1日');
    await p2.goto(`${app.url}/apply/${procedureId}/step/2`);
    await submitAndWait(p2, '次へ');
    await p2.waitForURL(/\/step\/3$/);
    await check(p2, 'step 3');
    // without the document: refused at the file field, the chosen kind kept
    await p2.getByLabel('運転免許証').check();
    await submitAndWait(p2, '入力内容の確認へ');
    assert.match(p2.url(), /\/step\/3$/);
    assert.equal(await p2.getByLabel('本人確認書類の画像').getAttribute('aria-invalid'), 'true');
    assert.ok(await p2.getByLabel('運転免許証').isChecked());
    await check(p2, 'step 3 with an error');
    await p2.getByLabel('本人確認書類の画像').setInputFiles({ name: 'menkyo.png', mimeType: 'image/png', buffer: pngImage() });
    await submitAndWait(p2, '入力内容の確認へ');
    await p2.waitForURL(/\/confirm$/);
    const confirm = await p2.locator('main').innerText();
    assert.ok(confirm.includes('300円 × 2通 = 600円'), confirm);
    assert.ok(confirm.includes('マドグチ　ハナコ'), 'フリガナ shown in katakana');
    assert.ok(confirm.includes('昭和60年4月1日'), 'the 和暦 date as typed');
    assert.ok(confirm.includes('menkyo.png'), 'the attached file by name');
    await check(p2, 'confirm');

    await submitAndWait(p2, '申請する');
    const m = /\/applications\/([0-9A-Z]{10})\?t=([A-Za-z0-9_-]+)&done=1$/.exec(p2.url());
    assert.ok(m, p2.url());
    const ref = m[1] as string;
    const statusUrl = `${app.url}/applications/${ref}?t=${m[2]}`;
    assert.ok((await p2.locator('.reference-number').innerText()).includes(`${ref.slice(0, 5)}-${ref.slice(5)}`));
    await check(p2, 'complete');

    // pay: our page hands over to the stand-in's hosted page, then the return page re-reads the payment
    await p2.getByRole('button', { name: '支払いへ進む' }).click();
    await p2.waitForURL(/\/pay\/cs_/);
    assert.match(await p2.locator('main').innerText(), /600/);
    await check(p2, 'hosted payment page');
    await p2.getByLabel('カード番号').fill('4242 4242 4242 4242');
    await p2.getByLabel('有効期限（月/年）').fill('12 / 34');
    await p2.getByLabel('セキュリティコード').fill('123');
    await p2.getByRole('button', { name: /を支払う$/ }).click();
    await p2.waitForURL(/\/applications\/payment-return\?/);
    await check(p2, 'payment return');
    await p2.getByRole('link', { name: /申請の状況/ }).click();
    await p2.waitForURL(new RegExp(`/applications/${ref}\\?t=`));
    let shown = '';
    for (let i = 0; i < 10 && !shown.includes('支払い済み（600円）'); i++) {
      if (i) {
        await payments.standin.idle();
        await p2.reload();
      }
      shown = await p2.locator('main').innerText();
    }
    assert.ok(shown.includes('支払い済み（600円）'), shown);
    assert.equal(await p2.getByRole('button', { name: '支払いへ進む' }).count(), 0);
    await check(p2, 'status (paid)');
    paid = { ref, statusUrl };

    // English: the list, a step and the status page
    const en = await phone();
    const pe = await en.newPage();
    await pe.goto(`${app.url}/apply?lang=en`);
    assert.equal(await pe.locator('html').getAttribute('lang'), 'en');
    assert.match(await pe.locator('h1').innerText(), /E-applications: procedures/);
    assert.ok((await pe.locator('main').innerText()).includes('Certificate of residence by post'));
    await check(pe, 'procedure list (English)');
    await pe.goto(`${app.url}/apply/${procedureId}/step/1?lang=en`);
    assert.match(await pe.locator('h1').innerText(), /Applicant/);
    assert.ok(await pe.getByLabel('Full name').isVisible());
    await check(pe, 'step 1 (English)');
    await pe.goto(`${statusUrl}&lang=en`);
    const statusEn = await pe.locator('main').innerText();
    assert.match(statusEn, /Application status/);
    assert.match(statusEn, /Paid \(¥600\)/);
    await check(pe, 'status (English)');
    await en.close();
    await second.close();
  });

  it('fills and submits with JavaScript turned off', async () => {
    const ctx = await phone({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/apply/${procedureId}/step/1`);
    await page.getByLabel('氏名').fill('窓口 次郎');
    await page.getByLabel('フリガナ').fill('まどぐち じろう');
    await page.getByLabel('生年月日').fill('H2.5.6');
    await page.getByLabel('郵便番号').fill('100-0001');
    await submitAndWait(page, '住所を検索');
    assert.equal(await page.locator('#field-address').inputValue(), '東京都千代田区千代田');
    await page.getByLabel(/日中に連絡がつく電話番号/).fill('03-1234-5678');
    await page.getByLabel('メールアドレス').fill('jiro.e2e@example.jp');
    await submitAndWait(page, '次へ');
    await page.waitForURL(/\/step\/2$/);
    await page.getByLabel('世帯全員').check();
    await page.getByLabel('通数').fill('1');
    await page.getByLabel('使いみち').selectOption('pension');
    await submitAndWait(page, '次へ');
    await page.waitForURL(/\/step\/3$/);
    await page.getByLabel('パスポート').check();
    await page.getByLabel('本人確認書類の画像').setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: pngImage(16) });
    await submitAndWait(page, '入力内容の確認へ');
    await page.waitForURL(/\/confirm$/);
    const confirm = await page.locator('main').innerText();
    assert.ok(confirm.includes('300円 × 1通 = 300円'), confirm);
    assert.ok(confirm.includes('平成2年5月6日'), confirm);
    await submitAndWait(page, '申請する');
    assert.match(page.url(), /\/applications\/[0-9A-Z]{10}\?t=[A-Za-z0-9_-]+&done=1$/);
    assert.ok(await page.getByRole('button', { name: '支払いへ進む' }).isVisible());
    await ctx.close();
  });

  it('staff ask for a correction of one field; the citizen changes only that field and resubmits', async () => {
    assert.ok(paid, 'the citizen journey submitted and paid an application');
    const staff = await phone();
    const sp = await staff.newPage();
    await staffLogIn(sp, app.url, 'e2e-apply', TEST_PASSWORD);
    await sp.waitForURL(/\/staff$/);
    await sp.goto(`${app.url}/staff/applications`);
    await sp.getByRole('link', { name: paid.ref }).click();
    await sp.waitForURL(/\/staff\/applications\/[0-9a-f-]{36}$/);
    const detailUrl = sp.url();
    // paid → in review → correction requested (a paid application is reviewed before it is sent back)
    await sp.getByLabel('審査中').check();
    await submitAndWait(sp, '状態を変更');
    await sp.getByLabel('補正依頼中').check();
    await sp.getByLabel('申請者へのコメント').fill('日中に連絡がつく電話番号をご確認ください');
    await sp.getByLabel('日中に連絡がつく電話番号').check();
    await submitAndWait(sp, '状態を変更');
    await sp.getByRole('status').filter({ hasText: '補正依頼中' }).waitFor();

    const citizen = await phone();
    const cp = await citizen.newPage();
    await cp.goto(paid.statusUrl);
    const main = await cp.locator('main').innerText();
    assert.ok(main.includes('補正（修正）のお願い'), main);
    assert.ok(main.includes('日中に連絡がつく電話番号をご確認ください'), 'the comment to the citizen');
    const form = cp.locator(`form[action="/applications/${paid.ref}/correction"]`);
    const editable = await form
      .locator('input:not([type=hidden]), select, textarea')
      .evaluateAll((els) => els.map((e) => e.getAttribute('name')));
    assert.deepEqual(editable, ['phone'], 'only the named field is editable');
    assert.equal(await form.getByLabel(/日中に連絡がつく電話番号/).inputValue(), '09012345678', 'the answer as stored (digits)');
    await check(cp, 'status with a correction request');
    await form.getByLabel(/日中に連絡がつく電話番号/).fill('');
    await submitAndWait(cp, '再申請する');
    assert.equal(await cp.getByLabel(/日中に連絡がつく電話番号/).getAttribute('aria-invalid'), 'true');
    await check(cp, 'correction with an error');
    await cp.getByLabel(/日中に連絡がつく電話番号/).fill('080-9876-5432');
    await submitAndWait(cp, '再申請する');
    const after = await cp.locator('main').innerText();
    assert.ok(after.includes('再申請を受け付けました。'), after);
    assert.equal(await cp.locator(`form[action="/applications/${paid.ref}/correction"]`).count(), 0);
    await check(cp, 'status after the resubmission');
    await citizen.close();

    await sp.goto(detailUrl);
    const detail = await sp.locator('main').innerText();
    assert.ok(detail.includes('080-9876-5432'), 'the corrected answer');
    assert.ok(!detail.includes('090-1234-5678'), 'the old answer replaced');
    const history = await sp.locator('table').filter({ hasText: '補正依頼中' }).innerText();
    assert.ok(history.includes('補正依頼中'), history);
    assert.ok(history.includes('受付済'), history);
    assert.ok(history.includes('日中に連絡がつく電話番号をご確認ください'), history);
    await staff.close();
  });

  it('checked every citizen page of the journeys', () => {
    for (const page of [
      'procedure list',
      'start page',
      'step 1 with an error',
      'confirm',
      'complete',
      'hosted payment page',
      'resumed step',
      'step 2 with an error',
      'step 3 with an error',
      'status with a correction request',
    ])
      assert.ok(visited.includes(page), `${page} was checked`);
  });
});
