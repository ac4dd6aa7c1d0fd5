/**
 * Staff journeys in Chromium: log-in and log-out, lockout after repeated wrong passwords (with its
 * audit trail), and department isolation as seen in the browser.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { axeViolations, DESKTOP, launchBrowser, newPage, PHONE, staffLogIn } from './browser.js';

const logIn = staffLogIn;

describe('staff in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ demo: true, listen: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('logs in, shows the staff home in Japanese with no serious axe violations, and logs out', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await logIn(page, app.url, 'demo-fukushi', 'demo-password-2026');
    await page.waitForURL(/\/staff$/);
    assert.match(await page.locator('body').innerText(), /福祉総務課/);
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('details.user-menu summary').click();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/staff\/login/);
    const after = await page.goto(`${app.url}/staff`);
    assert.match(after?.url() ?? '', /\/staff\/login/);
    await context.close();
  });

  it('locks the account after repeated wrong passwords, tells the person, and records it', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    const threshold = app.ctx.config.staff.lockoutThreshold;
    for (let i = 0; i < threshold; i++) {
      await logIn(page, app.url, 'demo-shoukou', `wrong password number ${i}`);
      await page.waitForLoadState();
    }
    await logIn(page, app.url, 'demo-shoukou', 'demo-password-2026');
    const text = await page.locator('body').innerText();
    assert.match(text, /ロックしています/);
    assert.match(text, /あと約\d+分/);
    assert.doesNotMatch(page.url(), /\/staff$/);
    const audit = await app.ctx.db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE actor_label = 'demo-shoukou' OR detail::text LIKE '%demo-shoukou%' GROUP BY action`,
    );
    const byAction = Object.fromEntries(audit.rows.map((r) => [r.action, r.n]));
    assert.ok((byAction['staff.login_failed'] ?? 0) >= threshold, JSON.stringify(byAction));
    assert.ok((byAction['staff.locked'] ?? 0) >= 1, JSON.stringify(byAction));
    const events = await app.ctx.db.query(`SELECT 1 FROM security_events WHERE severity = 'alert'`);
    assert.ok(events.rows.length >= 1);
    await context.close();
  });

  it('shows the lock and its end on the account page at phone width, and the administrator clears it', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await logIn(page, app.url, 'demo-admin');
    await page.waitForURL(/\/staff$/);
    const id = (await app.ctx.db.query<{ id: string }>(`SELECT id FROM staff WHERE login_id = 'demo-shoukou'`)).rows[0]!.id;
    await page.goto(`${app.url}/staff/accounts/${id}`);
    const status = await page.locator('dd:has(#account-status)').innerText();
    assert.match(status, /ロック中/);
    assert.match(status, /\d{1,2}:\d{2}まで/);
    await page.getByRole('button', { name: 'ロックを解除する' }).click();
    await page.getByText('ロックを解除しました。').waitFor();
    assert.doesNotMatch(await page.locator('dd:has(#account-status)').innerText(), /ロック中/);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  it('shows 初めてのログインです on a first log-in and the previous log-in afterwards, at phone width', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await logIn(page, app.url, 'demo-shoukou');
    await page.waitForURL(/\/staff$/);
    assert.equal(await page.locator('#previous-login').innerText(), '初めてのログインです');
    const first = (await app.ctx.db.query<{ last_login_at: Date }>(`SELECT last_login_at FROM staff WHERE login_id = 'demo-shoukou'`))
      .rows[0]!.last_login_at;
    await page.locator('details.user-menu summary').click();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/staff\/login/);
    await logIn(page, app.url, 'demo-shoukou');
    await page.waitForURL(/\/staff$/);
    const expected = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(first);
    assert.equal(await page.locator('#previous-login').innerText(), expected);
    await context.close();
  });

  it('shows another department’s account as not found', async () => {
    const other = await app.ctx.db.query<{ id: string }>(
      `SELECT s.id FROM staff s JOIN staff_memberships m ON m.staff_id = s.id JOIN departments d ON d.id = m.department_id WHERE d.code = 'fukushi' LIMIT 1`,
    );
    const { context, page } = await newPage(browser, DESKTOP);
    await logIn(page, app.url, 'demo-shimin', 'demo-password-2026');
    await page.waitForURL(/\/staff$/);
    const res = await page.goto(`${app.url}/staff/accounts/${other.rows[0]!.id}`);
    assert.equal(res?.status(), 404);
    const list = await page.goto(`${app.url}/staff/accounts`);
    assert.equal(list?.status(), 200);
    assert.doesNotMatch(await page.locator('main').innerText(), /demo-fukushi/);
    await context.close();
  });
});
