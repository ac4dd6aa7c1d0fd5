/**
 * End-to-end journeys in Chromium at a phone-sized viewport (390x844): book, receive the
 * confirmation, open My Page from the e-mailed link, change, cancel; staff proxy booking, check-in
 * and export. axe-core must report no serious or critical violation on any page visited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../src/platform/mailer.js';
import { allJobs } from '../../src/bootstrap.js';
import { makeStaff } from '../../src/modules/staff/test-support.js';
import { makeDepartment, makeService } from '../../src/modules/reservations/testing.js';
import { axeViolations, DESKTOP, hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');

describe('reservations in the browser', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  let svc: { id: string; departmentId: string };

  const axe = async (page: Page, where: string) => assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);

  before(async () => {
    app = await startTestApp({ clock, listen: true });
    const dept = await makeDepartment(app.ctx, 'e2edept');
    svc = await makeService(app.ctx, { departmentId: dept, name: 'E2E 相談窓口', capacity: 2 });
    await makeStaff(app, { loginId: 'e2e-staff', dept: 'e2edept', password: 'violet harbour lantern 42' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await stopSmtpStandin();
  });

  it('books on a phone, receives the confirmation, changes and cancels from My Page', async () => {
    const { context, page } = await newPage(browser, PHONE);
    context.setDefaultTimeout(10_000);
    await page.goto(`${app.url}/`);
    await axe(page, 'home');
    await page.getByRole('link', { name: 'E2E 相談窓口を予約する' }).click();
    await axe(page, 'calendar');
    await page.getByRole('link', { name: '次の月 →' }).click();
    // Tuesday 1 December: bookable, shown with ◎
    const day = page.locator('td.day--open a[href$="/days/2026-12-01"]');
    assert.equal(await day.locator('.mark').textContent(), '◎');
    await day.click();
    await axe(page, 'times');
    await page.getByRole('link', { name: /09:30〜10:00/ }).click();
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    // nothing entered: field-level messages
    assert.ok(await page.locator('#error-summary').isVisible());
    assert.equal(await page.locator('#in-name').getAttribute('aria-invalid'), 'true');
    await axe(page, 'form with errors');
    await page.fill('#in-name', '見本 花子');
    await page.fill('#in-phone', '０９０－５５５０－１２３４');
    await page.fill('#in-email', 'hanako-e2e@example.jp');
    await page.getByLabel('その他').check();
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await axe(page, 'confirm');
    await page.getByRole('button', { name: 'この内容で予約する' }).click();
    await page.waitForURL(/\/my\/reservations\/[2-9A-Z]{8}\?done=1/);
    await axe(page, 'done');
    const number = (await page.locator('.reservation-number strong').textContent())!.replace('-', '');
    assert.match(number, /^[2-9A-HJKMNP-Z]{8}$/);
    assert.ok(await page.locator('img.qr').isVisible());

    const worker = new JobWorker(app.ctx, allJobs());
    await worker.drain();
    const mail = (await smtpStandin()).messages.find((m) => m.to.includes('hanako-e2e@example.jp'));
    assert.ok(mail, 'confirmation e-mail');
    assert.ok(mail.text.includes(`${number.slice(0, 4)}-${number.slice(4)}`));
    const link = /(\/my\/r\/\S+)/.exec(mail.text)?.[1];
    assert.ok(link);

    // a fresh browser (no cookie) opens My Page from the e-mailed link
    const other = await newPage(browser, PHONE);
    await other.page.goto(`${app.url}${link}`);
    await other.page.waitForURL(new RegExp(`/my/reservations/${number}$`));
    await axe(other.page, 'my page view');
    await other.page.getByRole('link', { name: '日時を変更する' }).click();
    await axe(other.page, 'change calendar');
    await other.page.locator('td.day--open a[href$="/days/2026-12-02"]').click();
    await other.page.getByRole('link', { name: /10:00〜10:30/ }).click();
    await axe(other.page, 'change confirm');
    await other.page.getByRole('button', { name: 'この日時に変更する' }).click();
    await other.page.waitForURL(/changed=1/);
    assert.ok((await other.page.locator('.reservation-card').textContent())!.includes('2026年12月2日（水） 10:00〜10:30'));
    await worker.drain();
    await other.page.getByRole('link', { name: '予約を取り消す' }).click();
    await axe(other.page, 'cancel confirm');
    await other.page.getByRole('button', { name: '取り消す' }).click();
    assert.ok((await other.page.locator('.reservation-card').textContent())!.includes('取消'));
    const seats = await app.ctx.db.query<{ n: number }>('SELECT COALESCE(sum(booked), 0)::int AS n FROM rsv_slots WHERE service_id = $1', [
      svc.id,
    ]);
    assert.equal(seats.rows[0]!.n, 0);
    await worker.drain();
    const subjects = (await smtpStandin()).messages.filter((m) => m.to.includes('hanako-e2e@example.jp')).map((m) => m.subject);
    assert.ok(subjects.some((s) => s.includes('予約変更')) && subjects.some((s) => s.includes('予約取消')), subjects.join(' / '));

    // My Page by number + phone
    const third = await newPage(browser, PHONE);
    await third.page.goto(`${app.url}/my`);
    await axe(third.page, 'my page login');
    await third.page.fill('#my-number', number.toLowerCase());
    await third.page.fill('#my-phone', '090-5550-1234');
    await third.page.getByRole('button', { name: '予約を表示する' }).click();
    await third.page.waitForURL(new RegExp(`/my/reservations/${number}$`));
    await Promise.all([context.close(), other.context.close(), third.context.close()]);
  });

  for (const [label, device] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)
    it(`lets staff take a phone booking, check it in and export the day (${label})`, async () => {
      const { context, page } = await newPage(browser, device);
      await page.goto(`${app.url}/staff/login`);
      await page.fill('input[name=loginId]', 'e2e-staff');
      await page.fill('input[name=password]', 'violet harbour lantern 42');
      await page.locator('form button[type=submit]').last().click();
      await page.waitForURL(/\/staff/);
      await page.goto(`${app.url}/staff/reservations/new?serviceId=${svc.id}&date=2026-11-30`);
      await axe(page, 'proxy booking form');
      await page.getByLabel(/^11:00〜11:30/).check();
      await page.fill('#in-name', label === 'phone' ? '電話 一郎' : '=CMD()');
      await page.fill('#in-phone', '03-5550-9999');
      await page.getByLabel('その他').check();
      await page.getByRole('button', { name: '予約を登録する' }).click();
      await page.waitForURL(/created=1/);
      await axe(page, 'staff detail');
      const number = (await page.locator('h1').textContent())!.replace(/.*\s/, '');
      // check-in is possible only on the booking's day (the clock's day)
      await page.goto(`${app.url}/staff/reservations?date=2026-11-30`);
      await axe(page, 'day view');
      await page.fill('#checkin-number', number);
      await page.getByRole('button', { name: '受付済にする' }).click();
      await page.waitForURL(/checked=/);
      assert.ok((await page.locator('tr', { hasText: number }).textContent())!.includes('受付済'));
      await page.goto(`${app.url}/staff/reservations/export?from=2026-11-30&to=2026-11-30`);
      await axe(page, 'export form');
      await page.getByLabel(/Shift_JIS/).check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'CSVでダウンロード' }).click(),
      ]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const iconv = (await import('iconv-lite')).default;
      const csv = iconv.decode(readFileSync(path!), 'cp932');
      assert.ok(csv.startsWith('予約番号,日付,'));
      assert.ok(csv.includes(number), 'the number is written as on the screen (XXXX-XXXX)');
      if (label === 'desktop') assert.ok(csv.includes(`'=CMD()`));
      await context.close();
    });
});
