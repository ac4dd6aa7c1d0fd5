/**
 * Accessibility (axe-core in Chromium, serious and critical violations) of the card office's settings
 * screens: pickup deadlines with the destruction/erasure settings, the issuance-list column mapping,
 * and the list of cards due for destruction with its bulk confirmation — each also in its error state —
 * and the dashboard on a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { changeCardState } from '../../src/modules/card-issuance/internal/card-progress.js';
import { axeViolations, DESKTOP, hasChromium, launchBrowser, newPage, PHONE, staffLogIn } from './browser.js';

const clock = new ManualClock(new Date());
const sys = { type: 'system' as const, id: 'test', label: 'test' };

describe('card office settings screens: accessibility', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  const axe = async (page: Page, where: string) => assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
  const shimin = async (device: typeof DESKTOP | typeof PHONE = DESKTOP) => {
    const { context, page } = await newPage(browser, device);
    await staffLogIn(page, app.url, 'demo-shimin');
    await page.waitForURL(/\/staff$/);
    return { context, page };
  };

  before(async () => {
    app = await startTestApp({ demo: true, listen: true, clock });
    browser = await launchBrowser();
    // Three demo cards get their notice, become uncollected and, a year on, are due for destruction.
    const cards = await app.ctx.db.query<{ id: string; department_id: string }>(
      'SELECT id, department_id FROM card_int_cards ORDER BY control_no DESC LIMIT 3',
    );
    for (const c of cards.rows) {
      assert.equal(await changeCardState(app.ctx, c.department_id, c.id, 'letter_sent', { actor: sys }), true);
      assert.equal(await changeCardState(app.ctx, c.department_id, c.id, 'uncollected', { actor: sys }), true);
    }
    clock.advance(400 * 86_400_000);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('pickup deadlines and lifecycle settings, saved and with field errors', async () => {
    const { context, page } = await shimin();
    await page.goto(`${app.url}/staff/card/deadlines`);
    await axe(page, 'deadlines');
    await page.getByLabel('交付通知書の受取期限（発送からの日数）').fill('95');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    await axe(page, 'deadlines saved');
    // The browser's own range checks would stop the forms: the server's answers are what is tested here.
    await page.locator('form[action="/staff/card/deadlines"]').evaluate((f) => f.setAttribute('novalidate', ''));
    await page.getByLabel('再通知の受取期限（再通知からの日数）').fill('0');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('再通知の受取期限（再通知からの日数）').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('交付通知書の受取期限（発送からの日数）').getAttribute('aria-invalid'), null);
    assert.match(await page.locator('#field-renoticeDeadlineDays-error').innerText(), /1〜730日/);
    await axe(page, 'deadlines with an error');
    await page.locator('form[action="/staff/card/lifecycle"]').evaluate((f) => f.setAttribute('novalidate', ''));
    await page.getByLabel('交付・廃棄の後に個人情報を保存する日数').fill('10');
    await page.locator('form[action="/staff/card/lifecycle"]').getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').waitFor();
    const field = page.getByLabel('交付・廃棄の後に個人情報を保存する日数');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#field-personalRetentionDays-error').innerText(), /30〜7300日/);
    await axe(page, 'lifecycle settings with an error');
    await context.close();
  });

  it('issuance-list column mapping, saved and refused', async () => {
    const { context, page } = await shimin();
    await page.goto(`${app.url}/staff/card/mapping`);
    await axe(page, 'mapping');
    await page.getByLabel('氏名', { exact: true }).fill('住所');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'mapping refused');
    await page.getByLabel('氏名', { exact: true }).fill('');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').waitFor();
    await axe(page, 'mapping saved');
    await context.close();
  });

  it('cards due for destruction: the list, a refused and a confirmed destruction, on a phone too', async () => {
    const { context, page } = await shimin(PHONE);
    await page.goto(`${app.url}/staff/card/destruction`);
    assert.equal(await page.getByRole('checkbox', { name: /^DMO-/ }).count(), 3);
    await axe(page, 'destruction list (phone)');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page fits the phone (${width}px)`);
    await page.locator('form[action="/staff/card/destruction"]').evaluate((f) => f.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: '廃棄を確定' }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'destruction refused');
    await page.getByRole('checkbox', { name: /^DMO-/ }).first().uncheck();
    await page.getByLabel('選択したカードを廃棄したことを確認しました').check();
    await page.getByRole('button', { name: '廃棄を確定' }).click();
    await page.getByRole('status').filter({ hasText: '2件を廃棄済みにしました' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: /^DMO-/ }).count(), 1);
    await axe(page, 'destruction confirmed');
    // The dashboard links to the list with its count; its wide tables scroll by keyboard on a phone.
    await page.goto(`${app.url}/staff/card`);
    await page.getByRole('link', { name: '廃棄予定のカード（1件）' }).waitFor();
    await axe(page, 'dashboard (phone)');
    await context.close();
  });
});
