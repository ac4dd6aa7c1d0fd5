import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { ensureDepartment, logInClient, makeStaff, TEST_PASSWORD, type Client } from './test-support.js';

const page = (app: TestApp, c: Client, method: 'GET' | 'POST', url: string, form: Record<string, string> = {}) =>
  app.server.inject({
    method,
    url,
    headers: {
      cookie: c.cookie,
      accept: 'text/html',
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(method === 'POST' ? { payload: new URLSearchParams({ _csrf: c.csrf, ...form }).toString() } : {}),
  });

describe('a department administrator cannot take over someone with rights elsewhere (security M-1)', () => {
  let app: TestApp;
  let fukushiAdmin: Client;
  let multi: string;
  let shiminDept: string;
  before(async () => {
    app = await startTestApp();
    shiminDept = await ensureDepartment(app, 'shimin');
    await ensureDepartment(app, 'fukushi');
    await makeStaff(app, { loginId: 'root', dept: 'seisaku', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'f-admin', dept: 'fukushi', role: 'dept-admin' });
    // sec-multi: dept-admin of shimin, staff of fukushi
    multi = await makeStaff(app, { loginId: 'sec-multi', dept: 'shimin', role: 'dept-admin' });
    const root = await logInClient(app, 'root');
    const fukushi = (await root.call('GET', '/api/v1/staff/departments')).json.find((d: { code: string }) => d.code === 'fukushi').id;
    assert.equal((await root.call('PUT', `/api/v1/staff/accounts/${multi}/memberships/${fukushi}`, { role: 'staff' })).status, 200);
    fukushiAdmin = await logInClient(app, 'f-admin');
  });
  after(() => app.close());

  it('refuses every management call on the shared account with 404 and changes nothing', async () => {
    const before = await app.ctx.db.query('SELECT password_hash, is_disabled FROM staff WHERE id = $1', [multi]);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/staff/accounts/${multi}`],
      ['POST', `/api/v1/staff/accounts/${multi}/reset-password`, { password: 'attacker chosen password 2026' }],
      ['POST', `/api/v1/staff/accounts/${multi}/reset-mfa`],
      ['POST', `/api/v1/staff/accounts/${multi}/disable`],
      ['POST', `/api/v1/staff/accounts/${multi}/unlock`],
      ['PATCH', `/api/v1/staff/accounts/${multi}`, { displayName: 'x' }],
      ['DELETE', `/api/v1/staff/accounts/${multi}/memberships/${shiminDept}`],
    ];
    for (const [method, url, body] of calls) assert.equal((await fukushiAdmin.call(method, url, body)).status, 404, `${method} ${url}`);
    const afterRows = await app.ctx.db.query('SELECT password_hash, is_disabled FROM staff WHERE id = $1', [multi]);
    assert.deepEqual(afterRows.rows, before.rows);
    assert.equal(
      (
        await app.server.inject({
          method: 'POST',
          url: '/api/v1/staff/session',
          payload: { loginId: 'sec-multi', password: 'attacker chosen password 2026' },
        })
      ).statusCode,
      401,
    );
  });

  it('refuses the pages too, and lists the person without a link or a disable button', async () => {
    assert.equal((await page(app, fukushiAdmin, 'GET', `/staff/accounts/${multi}`)).statusCode, 404);
    for (const action of ['reset-password', 'reset-mfa', 'disable', 'unlock'])
      assert.equal((await page(app, fukushiAdmin, 'POST', `/staff/accounts/${multi}/${action}`)).statusCode, 404, action);
    const list = await page(app, fukushiAdmin, 'GET', '/staff/accounts');
    assert.match(list.body, /sec-multi/);
    assert.doesNotMatch(list.body, new RegExp(`href="/staff/accounts/${multi}"`));
    const review = await page(app, fukushiAdmin, 'GET', '/staff/account-review');
    assert.doesNotMatch(review.body, new RegExp(`/staff/accounts/${multi}/disable`));
    const row = await app.ctx.db.query<{ is_disabled: boolean }>('SELECT is_disabled FROM staff WHERE id = $1', [multi]);
    assert.equal(row.rows[0]!.is_disabled, false);
  });

  it('still lets the department administrator manage someone who is only in their department', async () => {
    const only = await makeStaff(app, { loginId: 'f-only', dept: 'fukushi' });
    assert.equal((await fukushiAdmin.call('POST', `/api/v1/staff/accounts/${only}/reset-password`, {})).status, 200);
  });
});

describe('lock state, unlock and the previous log-in (issue 9, item 22)', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-06-01T00:00:00Z');
  let admin: Client;
  let clerk: string;
  before(async () => {
    app = await startTestApp({ clock, env: { STAFF_LOCKOUT_THRESHOLD: '5', STAFF_LOCKOUT_MINUTES: '15' } });
    await makeStaff(app, { loginId: 's-admin', dept: 'shoukou', role: 'dept-admin' });
    clerk = await makeStaff(app, { loginId: 's-clerk', dept: 'shoukou' });
    admin = await logInClient(app, 's-admin');
  });
  after(() => app.close());

  const post = (loginId: string, password: string) =>
    app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId, password } });

  it('tells a locked-out clerk how long the lock lasts', async () => {
    for (let i = 0; i < 5; i++) await post('s-clerk', `wrong ${i}`);
    const r = await post('s-clerk', TEST_PASSWORD);
    assert.equal(r.statusCode, 423);
    assert.match(r.json().detail, /あと約15分/);
    assert.match(r.json().detail, /9:15|09:15/);
  });

  it('shows the lock with its end on the account page and clears it with an audited unlock', async () => {
    const shown = await page(app, admin, 'GET', `/staff/accounts/${clerk}`);
    assert.match(shown.body, /ロック中（.*まで）/);
    assert.match(shown.body, /ロックを解除する/);
    assert.equal((await page(app, admin, 'POST', `/staff/accounts/${clerk}/unlock`, { _csrf: 'forged' })).statusCode, 403, 'CSRF checked');
    const done = await page(app, admin, 'POST', `/staff/accounts/${clerk}/unlock`);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /ロックを解除しました/);
    assert.doesNotMatch(done.body, /ロック中（/);
    const audit = await app.ctx.db.query<{ actor_label: string; detail: { password: boolean } }>(
      `SELECT actor_label, detail FROM audit_log WHERE action = 'staff.unlocked'`,
    );
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]!.actor_label, 's-admin');
    assert.equal(audit.rows[0]!.detail.password, true);
    assert.equal((await post('s-clerk', TEST_PASSWORD)).statusCode, 200);
    assert.equal((await admin.call('POST', `/api/v1/staff/accounts/${clerk}/unlock`)).status, 409, 'nothing left to unlock');
  });

  it('shows 初めてのログインです on a first log-in and the one before afterwards', async () => {
    await makeStaff(app, { loginId: 's-new', dept: 'shoukou' });
    clock.set('2026-06-02T01:00:00Z');
    const first = await logInClient(app, 's-new');
    assert.match((await page(app, first, 'GET', '/staff')).body, /初めてのログインです/);
    clock.advance(86_400_000);
    const second = await logInClient(app, 's-new');
    const home = (await page(app, second, 'GET', '/staff')).body;
    assert.doesNotMatch(home, /初めてのログインです/);
    const shownAt = /id="previous-login">([^<]*)</.exec(home)?.[1] ?? '';
    const firstAt = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
      new Date(clock.now().getTime() - 86_400_000),
    );
    assert.equal(shownAt, firstAt);
  });
});
