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

/** The log-in form's anonymous token and the cookie it is bound to, as a browser gets them from GET /staff/login. */
async function loginFormToken(app: TestApp): Promise<{ csrf: string; cookie: string }> {
  const page = await app.server.inject({ method: 'GET', url: '/staff/login', headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { csrf, cookie };
}

async function logInForm(app: TestApp, loginId: string, password: string) {
  const { csrf, cookie } = await loginFormToken(app);
  return form(app, '/staff/login', { _csrf: csrf, loginId, password }, cookie);
}

const cookiesOf = (r: { cookies: { name: string; value: string }[] }, before = '') =>
  [before, ...r.cookies.map((c) => `${c.name}=${c.value}`)].filter(Boolean).join('; ');

describe('staff pages', () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ demo: true, listen: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await app.close();
  });

  it('seeds the demo idempotently with the published password', async () => {
    await seedStaffDemo(app.ctx);
    const r = await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff WHERE login_id LIKE 'demo-%'`);
    // five departments' staff, the water centre's, the digital promotion office's two payment administrators,
    // and the two childcare divisions' demo-hoiku and demo-nyuen (seeded by the facility claims module)
    assert.equal(r.rows[0]!.n, 10);
    const d = await app.ctx.db.query<{ code: string }>(`SELECT code FROM departments ORDER BY code`);
    for (const code of ['fukushi', 'seikatsu', 'seisaku', 'shimin', 'shoukou', 'suido', 'digital'])
      assert.ok(
        d.rows.some((x) => x.code === code),
        code,
      );
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'demo-fukushi', password: 'demo-password-2026' },
    });
    assert.equal(login.statusCode, 200);
    assert.equal(login.json().staff.memberships[0].role, 'dept-admin');
    assert.equal(login.json().staff.mustChangePassword, false);
  });

  it('shows wrong credentials next to the field with aria-invalid and aria-describedby', async () => {
    const r = await logInForm(app, 'demo-admin', 'wrong password!');
    assert.equal(r.statusCode, 401);
    assert.match(r.body, /id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-error"/);
    assert.match(r.body, /ログインIDまたはパスワードが正しくありません/);
  });

  it('refuses an HTML form post without the _csrf field', async () => {
    const login = await logInForm(app, 'demo-shimin', 'demo-password-2026');
    assert.equal(login.statusCode, 303);
    const cookie = cookiesOf(login);
    const r = await form(app, '/staff/departments', { code: 'x1', name: 'X' }, cookie);
    assert.equal(r.statusCode, 403);
  });

  it('refuses a log-in without the form token or with another browser’s, keeping the login ID and never the password', async () => {
    const bare = await form(app, '/staff/login', { loginId: 'demo-admin', password: 'demo-password-2026' });
    assert.equal(bare.statusCode, 403);
    assert.ok(!bare.cookies.some((c) => c.name.includes('madoguchi_staff') && c.value), 'no session without the token');
    assert.match(bare.body, /value="demo-admin"/);
    assert.doesNotMatch(bare.body, /demo-password-2026/);
    const mine = await loginFormToken(app);
    const theirs = await loginFormToken(app);
    const crossed = await form(
      app,
      '/staff/login',
      { _csrf: theirs.csrf, loginId: 'demo-admin', password: 'demo-password-2026' },
      mine.cookie,
    );
    assert.equal(crossed.statusCode, 403);
    const ok = await form(app, '/staff/login', { _csrf: mine.csrf, loginId: 'demo-admin', password: 'demo-password-2026' }, mine.cookie);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/staff');
  });

  it('creates accounts through the API’s schema: a refused form shows each problem beside its field with what was typed', async () => {
    const login = await logInForm(app, 'demo-admin', 'demo-password-2026');
    const cookie = cookiesOf(login);
    const home = await app.server.inject({ url: '/staff/accounts', headers: { cookie, accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
    const r = await form(
      app,
      '/staff/accounts',
      { _csrf: csrf, loginId: 'x', displayName: '<script>alert(1)</script>', departmentId: 'nope', role: 'staff', password: '' },
      cookie,
    );
    assert.equal(r.statusCode, 422);
    assert.match(r.body, /id="loginId"[^>]*aria-invalid="true"/);
    assert.match(r.body, /ログインIDは英小文字・数字・「.」「_」「-」の2〜64文字で入力してください。/);
    assert.match(r.body, /所属を選んでください。/);
    assert.match(r.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.doesNotMatch(r.body, /<script>alert/);
    // The API answers the same problems from the same schema.
    const api = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/accounts',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { loginId: 'x', displayName: 'A', departmentId: 'nope', role: 'staff' },
    });
    assert.equal(api.statusCode, 422);
    assert.deepEqual(
      api
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['departmentId', 'loginId'],
    );
  });

  it('sorts the accounts list by a column, both ways', async () => {
    const login = await logInForm(app, 'demo-admin', 'demo-password-2026');
    const cookie = cookiesOf(login);
    const ids = async (q: string) => {
      const r = await app.server.inject({ url: `/staff/accounts${q}`, headers: { cookie, accept: 'text/html' } });
      assert.equal(r.statusCode, 200);
      return [...r.body.matchAll(/<a href="\/staff\/accounts\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
    };
    const asc = await ids('?sort=loginId&dir=asc');
    const desc = await ids('?sort=loginId&dir=desc');
    assert.ok(asc.length >= 5);
    assert.deepEqual(desc, [...asc].reverse());
    assert.deepEqual(asc, [...asc].sort());
    const bad = await app.server.inject({ url: '/staff/accounts?sort=password', headers: { cookie, accept: 'text/html' } });
    assert.equal(bad.statusCode, 404);
  });

  it('passes axe-core without serious or critical violations on log-in, home, accounts and review pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const check = async (label: string) => {
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
        label,
      );
    };
    await page.goto(`${app.url}/staff/login`);
    await check('login');
    await page.fill('#loginId', 'demo-admin');
    await page.fill('#password', 'demo-password-2026');
    await page.click('button[type=submit]');
    await page.waitForURL(`${app.url}/staff`);
    assert.match((await page.textContent('h1')) ?? '', /職員ホーム/);
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
    assert.match((await page.textContent('.initial-password')) ?? '', /\S{12,}/);
    await context.close();
  });
});
