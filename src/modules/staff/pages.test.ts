import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { seedStaffDemo } from './seed-demo.js';

const form = (app: TestApp, url: string, body: Record<string, string>, cookie = '') =>
  app.server.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(body).toString(),
  });

describe('staff pages', () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ demo: true, listen: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await app.close();
  });

  it('seeds the demo idempotently with the published password', async () => {
    await seedStaffDemo(app.ctx);
    const r = await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff WHERE login_id LIKE 'demo-%'`);
    assert.equal(r.rows[0]!.n, 5);
    const d = await app.ctx.db.query<{ code: string }>(`SELECT code FROM departments ORDER BY code`);
    for (const code of ['fukushi', 'seikatsu', 'seisaku', 'shimin', 'shoukou']) assert.ok(d.rows.some((x) => x.code === code), code);
    const login = await app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId: 'demo-fukushi', password: 'demo-password-2026' } });
    assert.equal(login.statusCode, 200);
    assert.equal(login.json().staff.memberships[0].role, 'dept-admin');
    assert.equal(login.json().staff.mustChangePassword, false);
  });

  it('shows wrong credentials next to the field with aria-invalid and aria-describedby', async () => {
    const r = await form(app, '/staff/login', { loginId: 'demo-admin', password: 'wrong password!' });
    assert.equal(r.statusCode, 401);
    assert.match(r.body, /id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-error"/);
    assert.match(r.body, /ログインIDまたはパスワードが正しくありません/);
  });

  it('refuses an HTML form post without the _csrf field', async () => {
    const login = await form(app, '/staff/login', { loginId: 'demo-shimin', password: 'demo-password-2026' });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const r = await form(app, '/staff/departments', { code: 'x1', name: 'X' }, cookie);
    assert.equal(r.statusCode, 403);
  });

  it('passes axe-core without serious or critical violations on log-in, home, accounts and review pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const check = async (label: string) => {
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], label);
    };
    await page.goto(`${app.url}/staff/login`);
    await check('login');
    await page.fill('#loginId', 'demo-admin');
    await page.fill('#password', 'demo-password-2026');
    await page.click('button[type=submit]');
    await page.waitForURL(`${app.url}/staff`);
    assert.match(await page.textContent('h1') ?? '', /職員ホーム/);
    await check('home');
    for (const path of ['/staff/accounts', '/staff/account-review', '/staff/settings/mfa', '/staff/security-events?lang=en']) {
      await page.goto(`${app.url}${path}`);
      await check(path);
    }
    // a normal form post with the CSRF field works in the browser (no JavaScript involved)
    await page.goto(`${app.url}/staff/accounts`);
    await page.fill('#loginId', 'new-person');
    await page.fill('#displayName', '新規 職員');
    await page.click('form[action="/staff/accounts"] button[type=submit]');
    assert.match(await page.textContent('.initial-password') ?? '', /\S{12,}/);
    await context.close();
  });
});
