/**
 * The inbox in Chromium, as staff use it: the list on a desktop and a phone (no sideways scrolling of
 * the page), a correction request from the application screen (a refused one first: the message at the
 * checkboxes, what was typed kept), a bulk change and the export form — axe-core finds no serious or
 * critical violation on any of them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../../../test/helpers.js';
import { axeViolations, DESKTOP, hasChromium, launchBrowser, newPage, PHONE, staffLogIn } from '../../../../../test/e2e/browser.js';
import { ensureDepartment, makeStaff, TEST_PASSWORD } from '../../../staff/test-support.js';
import { inboxDefinition, insertApplication, makeInboxProcedure } from '../testing.js';

describe('the inbox in a browser', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  let target: { id: string; referenceNumber: string };
  const axe = async (page: Page, where: string) => assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
  const open = async (device: typeof DESKTOP | typeof PHONE = DESKTOP) => {
    const { context, page } = await newPage(browser, device);
    await staffLogIn(page, app.url, 'inbox-browser', TEST_PASSWORD);
    await page.waitForURL(/\/staff$/);
    return { context, page };
  };

  before(async () => {
    app = await startTestApp({ listen: true });
    browser = await launchBrowser();
    const departmentId = await ensureDepartment(app, 'inbox-browser');
    await makeStaff(app, { loginId: 'inbox-browser', dept: 'inbox-browser' });
    const procedureId = await makeInboxProcedure(app.ctx, departmentId);
    const feeId = await makeInboxProcedure(
      app.ctx,
      departmentId,
      inboxDefinition({ fee: { kind: 'fixed', amount: 800, timing: 'after_acceptance' } }),
    );
    target = await insertApplication(app.ctx, {
      procedureId,
      departmentId,
      answers: { name: '画面 花子', email: 'screen@example.jp', health: '持病あり', copies: '2', memo: 'よろしく' },
    });
    for (let i = 0; i < 4; i++)
      await insertApplication(app.ctx, {
        procedureId: i % 2 ? feeId : procedureId,
        departmentId,
        answers: { name: `一覧 ${i}`, email: `list${i}@example.jp`, copies: '1' },
        feeAmount: i % 2 ? 800 : null,
        status: i % 2 ? 'in_review' : 'received',
      });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists applications on a desktop and a phone', async () => {
    for (const device of [DESKTOP, PHONE]) {
      const { context, page } = await open(device);
      await page.getByRole('link', { name: '電子申請' }).first().click();
      await page.waitForURL(/\/staff\/applications$/);
      await page.getByRole('link', { name: target.referenceNumber }).waitFor();
      assert.ok(await page.getByText('画面 花子').isVisible());
      await axe(page, `inbox at ${device.viewport.width}px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `at ${device.viewport.width}px the page does not scroll sideways (${overflow}px)`);
      await context.close();
    }
  });

  it('asks for a correction from the application screen, refused first without fields', async () => {
    const { context, page } = await open();
    await page.goto(`${app.url}/staff/applications/${target.id}`);
    await axe(page, 'application screen');
    await page.getByLabel('補正依頼中').check();
    await page.getByLabel('申請者へのコメント').fill('通数をご確認ください');
    await page.getByRole('button', { name: '状態を変更' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('申請者へのコメント').inputValue(), '通数をご確認ください');
    await axe(page, 'application screen with an error');
    await page.getByLabel('通数').check();
    await page.getByRole('button', { name: '状態を変更' }).click();
    await page.getByRole('status').filter({ hasText: '補正依頼中' }).waitFor();
    assert.ok(await page.getByText('補正する項目: 通数').isVisible());
    await axe(page, 'application screen after the change');
    await context.close();
  });

  it('changes several applications at once and opens the export form', async () => {
    const { context, page } = await open();
    await page.goto(`${app.url}/staff/applications?status=received`);
    const boxes = page.getByRole('checkbox', { name: /を選択$/ });
    const n = await boxes.count();
    assert.ok(n >= 2, `rows to choose (${n})`);
    for (let i = 0; i < n; i++) await boxes.nth(i).check();
    await page.getByLabel('変更後の状態').selectOption('in_review');
    await page.getByRole('button', { name: '選択した申請を変更' }).click();
    await page.getByRole('heading', { name: '一括変更の結果' }).waitFor();
    assert.ok(await page.getByText(`${n}件を変更しました。0件は変更できませんでした。`).isVisible());
    await axe(page, 'bulk result');
    await page.goto(`${app.url}/staff/applications/export`);
    await axe(page, 'export form');
    await context.close();
  });
});
