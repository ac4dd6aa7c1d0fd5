/**
 * Choosing English on a phone (390 px): it lasts beyond the first page, and switching back keeps
 * the page the person is on, query string included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { makeDepartment, makeService } from '../../src/modules/reservations/testing.js';
import { hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

describe('language choice in the browser', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  let svc: { id: string };

  before(async () => {
    app = await startTestApp({ clock: new ManualClock('2026-11-30T09:00:00+09:00'), listen: true });
    svc = await makeService(app.ctx, {
      departmentId: await makeDepartment(app.ctx, 'langdept'),
      name: '言語テスト窓口',
      nameEn: 'Language test counter',
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('stays in English on the next pages once English is chosen, and switches back on the same page', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(`${app.url}/`);
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      await page.getByRole('link', { name: 'English' }).click();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');

      // A plain link without ?lang=: the choice is remembered.
      await page.goto(`${app.url}/services/${svc.id}?month=2026-12`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.ok(!page.url().includes('lang='));

      await page.getByRole('link', { name: '日本語' }).click();
      const url = new URL(page.url());
      assert.equal(url.pathname, `/services/${svc.id}`);
      assert.equal(url.searchParams.get('month'), '2026-12', 'the query string is kept');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      await page.goto(`${app.url}/`);
      assert.equal(await page.getAttribute('html', 'lang'), 'ja', 'Japanese is remembered too');
    } finally {
      await context.close();
    }
  });
});
