/**
 * The clerk's side at a phone-sized viewport (390x844): a refused check-in keeps the day view with
 * the error above the form and the number kept (focused, selected for the next scan); cancelling on
 * behalf goes through a confirmation with a reason; a closure on a day with bookings lists them.
 * axe-core must report no serious or critical violation on these pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { logInClient, makeStaff, type Client } from '../../src/modules/staff/test-support.js';
import { makeDepartment, makeService, person } from '../../src/modules/reservations/testing.js';
import { axeViolations, focusedId, hasChromium, launchBrowser, newPage, PHONE, staffLogIn } from './browser.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');
const PASSWORD = 'violet harbour lantern 42';

describe('reservations staff console in the browser', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  let svc: { id: string; departmentId: string };
  let api: Client;

  const axe = async (page: Page, where: string) => assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
  const book = async (start: string) => {
    const r = await api.call('POST', '/api/v1/staff/reservations', {
      serviceId: svc.id,
      start,
      ...person(),
      fields: { topic: 'other' },
      overrideWindow: true,
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json as { id: string; reservationNumber: string };
  };

  before(async () => {
    app = await startTestApp({ clock, listen: true });
    const dept = await makeDepartment(app.ctx, 'e2econs');
    svc = await makeService(app.ctx, { departmentId: dept, capacity: 2 });
    await makeStaff(app, { loginId: 'e2e-cons', dept: 'e2econs', role: 'dept-admin', password: PASSWORD });
    api = await logInClient(app, 'e2e-cons', PASSWORD);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app.close();
  });

  it('keeps a refused check-in on the day view with the number selected, then cancels on behalf with a reason', async () => {
    const otherDay = await book('2026-12-16T10:00:00+09:00');
    const today = await book('2026-12-01T11:00:00+09:00');
    const { context, page } = await newPage(browser, PHONE);
    await staffLogIn(page, app.url!, 'e2e-cons', PASSWORD);
    await page.goto(`${app.url}/staff/reservations?date=2026-12-01`);
    const typed = `${otherDay.reservationNumber.slice(0, 4)}-${otherDay.reservationNumber.slice(4)}`;
    await page.fill('#checkin-number', typed);
    await page.getByRole('button', { name: '受付済にする' }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').textContent(), '予約（日別）');
    assert.match(
      (await page.getByRole('alert').textContent())!,
      /2026年12月16日（水） 10:00〜10:30のご予約です。受付は予約の当日だけできます。/,
    );
    assert.equal(await page.inputValue('#checkin-number'), typed);
    assert.equal(await focusedId(page, 'checkin-number'), 'checkin-number');
    assert.equal(
      await page.evaluate(() => {
        const i = document.getElementById('checkin-number') as HTMLInputElement;
        return i.value.slice(i.selectionStart ?? 0, i.selectionEnd ?? 0);
      }),
      typed,
    );
    const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    assert.ok(noScroll, 'nothing wider than the phone');
    await axe(page, 'day view with a check-in error');

    await page.goto(`${app.url}/staff/reservations/${today.id}`);
    await page.getByRole('link', { name: /この予約を取り消す/ }).click();
    await page.waitForURL(/\/cancel$/);
    await axe(page, 'cancel confirmation');
    await page.fill('#cancel-reason', '担当者不在のため');
    await page.getByRole('button', { name: '取り消す' }).click();
    await page.waitForURL(/cancelled=1/);
    assert.match((await page.getByRole('status').first().textContent())!, /予約を取り消しました。/);
    assert.ok((await page.locator('table').last().textContent())!.includes('担当者不在のため'));
    await context.close();
  });

  it('lists the bookings of a new closure day before anything is cancelled', async () => {
    const b = await book('2026-12-04T09:00:00+09:00');
    const { context, page } = await newPage(browser, PHONE);
    await staffLogIn(page, app.url!, 'e2e-cons', PASSWORD);
    await page.goto(`${app.url}/staff/reservation-services/${svc.id}`);
    await page.fill('#e-day', '2026-12-04');
    await page.fill('#e-note', '停電のため');
    await page.getByRole('button', { name: '追加' }).click();
    await page.waitForURL(/\/closures\/2026-12-04$/);
    assert.match((await page.locator('h1').textContent())!, /2026年12月4日（金）（臨時休業）の予約/);
    assert.ok((await page.locator('table').textContent())!.includes(`${b.reservationNumber.slice(0, 4)}-${b.reservationNumber.slice(4)}`));
    await axe(page, 'closure bookings');
    await context.close();
  });
});
