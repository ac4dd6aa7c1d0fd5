/**
 * The facility claims portal in Chromium at desktop size, on the demo data (issue 12, item 11): a facility
 * user logs in with the code mailed to the registered address (read from a real SMTP server), walks the
 * roster, counts, items and claims, and submits the month's claim; the city's reviewer opens it, sees what
 * changed, approves it, and returns another; the facility then prints its approved claim. axe-core on every
 * screen, error states included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { allJobs } from '../../src/bootstrap.js';
import { codeIn, mailsTo, startMailCapture, type MailCapture } from '../../src/modules/facility-claims/portal-auth/test-support.js';
import { ManualClock } from '../../src/platform/clock.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { startTestApp, type TestApp } from '../helpers.js';
import { axeViolations, DESKTOP, hasChromium, launchBrowser, newPage, staffLogIn } from './browser.js';

const clock = new ManualClock(new Date('2026-11-20T10:00:00+09:00'));

describe('facility claims portal in a browser', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let capture: MailCapture;
  let worker: JobWorker;
  let browser: Browser;
  const axe = async (page: Page, where: string) => assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);

  async function facilityLogIn(page: Page, loginId: string): Promise<void> {
    await page.goto(`${app.url}/facility/login`);
    await axe(page, 'log-in');
    await page.getByLabel('ログインID').fill(loginId);
    await page.getByLabel('パスワード').fill('demo-password-2026');
    await page.getByRole('button', { name: '次へ（確認コードを送る）' }).click();
    await page.waitForURL(/\/facility\/login\/code/);
    await axe(page, 'code');
    await worker.drain();
    const mail = (await mailsTo(capture, `${loginId}@example.jp`)).at(-1);
    assert.ok(mail, 'the code was mailed to the registered address');
    // a wrong code first: the error sits at the field, and the page stays accessible
    await page.getByLabel('確認コード（6桁）').fill(codeIn(mail) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    assert.equal(await page.getByLabel('確認コード（6桁）').getAttribute('aria-invalid'), 'true');
    await axe(page, 'code with an error');
    await page.getByLabel('確認コード（6桁）').fill(codeIn(mail));
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.waitForURL(/\/facility$/);
  }

  before(async () => {
    capture = await startMailCapture();
    app = await startTestApp({ demo: true, listen: true, clock, env: { SMTP_URL: capture.url, MAIL_FROM: 'hoiku@city.example.lg.jp' } });
    worker = new JobWorker(app.ctx, allJobs());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await capture?.close();
  });

  it('a facility user logs in with the mailed code, walks the portal and submits the month', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await facilityLogIn(page, 'hoiku-f004-a');
    await axe(page, 'home');
    assert.match(await page.locator('main').innerText(), /ひばり|幼稚園|F004/);

    await page.goto(`${app.url}/facility/staff`);
    await axe(page, 'roster');
    assert.match(await page.locator('main').innerText(), /平均経験年数/);
    await page.goto(`${app.url}/facility/staff/new`);
    await page
      .locator('form')
      .last()
      .evaluate((f) => f.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: /登録/ }).click();
    await page.getByRole('alert').first().waitFor();
    await axe(page, 'roster entry with errors');

    await page.goto(`${app.url}/facility/counts`);
    await axe(page, 'counts');
    await page.goto(`${app.url}/facility/counts/2026-11`);
    await axe(page, 'counts of the month');
    await page.goto(`${app.url}/facility/items?fy=2026`);
    await axe(page, 'items');

    await page.goto(`${app.url}/facility/claims`);
    await axe(page, 'claims');
    await page.goto(`${app.url}/facility/claims/monthly/2026-11`);
    await axe(page, 'the month claim');
    assert.match(await page.locator('main').innerText(), /合計/);
    // a state-changing button opens its confirmation first (<details>), then the button inside it posts
    await page.locator('summary', { hasText: '提出する' }).click();
    await axe(page, 'submit confirmation');
    await page.getByRole('button', { name: '提出する' }).click();
    await page.getByText('提出しました').first().waitFor();
    await axe(page, 'submitted');
    await context.close();
  });

  it('the city reviewer sees the month, approves one claim and returns another; the facility prints its approved claim', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await staffLogIn(page, app.url, 'demo-hoiku');
    await page.waitForURL(/\/staff$/);
    await page.goto(`${app.url}/staff/facilities`);
    await axe(page, 'facilities');
    await page.goto(`${app.url}/staff/facility-counts?month=2026-11`);
    await axe(page, 'counts overview');
    await page.goto(`${app.url}/staff/facility-claims?month=2026-11`);
    await axe(page, 'review month');

    const submitted = async (code: string, period: string) =>
      (
        await app.ctx.db.query<{ id: string }>(
          `SELECT s.id FROM fc_submissions s JOIN fc_facilities f ON f.id = s.facility_id
            WHERE f.code = $1 AND s.period = $2 AND s.form = 'monthly-claim' AND s.status = 'submitted'`,
          [code, period],
        )
      ).rows[0]?.id;
    const f004 = await submitted('F004', '2026-11');
    assert.ok(f004, 'the facility user submitted F004 2026-11 in the first test');
    await page.goto(`${app.url}/staff/facility-claims/${f004}`);
    await axe(page, 'submission');
    assert.match(await page.locator('main').innerText(), /前回承認分からの変更/);
    await page.locator('summary', { hasText: '承認する' }).click();
    await axe(page, 'approval confirmation');
    await page.getByRole('button', { name: '承認を確定する' }).click();
    await page.getByText('承認済み').first().waitFor();
    assert.equal(
      (await app.ctx.db.query<{ status: string }>('SELECT status FROM fc_submissions WHERE id = $1', [f004])).rows[0]!.status,
      'approved',
    );

    const f003 = await submitted('F003', '2026-10');
    assert.ok(f003, 'the demo has F003 2026-10 waiting for review');
    await page.goto(`${app.url}/staff/facility-claims/${f003}`);
    await page.locator('summary', { hasText: '差し戻す' }).click();
    // without the reason the return is refused at the field (the browser's own check set aside)
    await page.getByRole('button', { name: '差戻しを確定する' }).evaluate((b) => b.closest('form')?.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: '差戻しを確定する' }).click();
    await page.getByRole('alert').first().waitFor();
    await axe(page, 'return without a reason');
    if (!(await page.getByLabel('差戻しの理由（施設へのコメント）').isVisible()))
      await page.locator('summary', { hasText: '差し戻す' }).click();
    await page.getByLabel('差戻しの理由（施設へのコメント）').fill('4歳以上児の人数を確認してください。');
    await page.getByRole('button', { name: '差戻しを確定する' }).click();
    await page.getByText('差戻し').first().waitFor();
    const status = await app.ctx.db.query<{ status: string }>('SELECT status FROM fc_submissions WHERE id = $1', [f003]);
    assert.equal(status.rows[0]!.status, 'returned');
    await context.close();

    // the facility prints its approved claim (and only that)
    const portal = await newPage(browser, DESKTOP);
    await facilityLogIn(portal.page, 'hoiku-f004-b');
    await portal.page.goto(`${app.url}/facility/submissions/${f004}`);
    await axe(portal.page, 'approved submission');
    const pdf = await portal.page.request.get(`${app.url}/facility/submissions/${f004}/pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const other = await portal.page.request.get(`${app.url}/facility/submissions/${f003}/pdf`);
    assert.equal(other.status(), 404, "another facility's form is not found");
    await portal.context.close();
  });
});
