import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';

const html = (app: TestApp, c: Client, url: string) =>
  app.server.inject({ method: 'GET', url, headers: { cookie: c.cookie, accept: 'text/html' } });

describe('the audit log and security alerts are readable (issue 9, item 21)', () => {
  let app: TestApp;
  let root: Client;
  let shiminAdmin: Client;
  let clerkId: string;
  before(async () => {
    app = await startTestApp({ env: { STAFF_LOCKOUT_THRESHOLD: '3' } });
    await makeStaff(app, { loginId: 'root', dept: 'seisaku', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'shimin-admin', dept: 'shimin', role: 'dept-admin' });
    clerkId = await makeStaff(app, { loginId: 'shimin-clerk', dept: 'shimin' });
    await app.ctx.db.query(`UPDATE departments SET name = '市民課' WHERE code = 'shimin'`);
    root = await logInClient(app, 'root');
    shiminAdmin = await logInClient(app, 'shimin-admin');
  });
  after(() => app.close());

  it("shows a department administrator their own department's exports, filed under the exporter's department", async () => {
    const exp = await shiminAdmin.call('GET', '/api/v1/staff/reservations/export?from=2026-12-01&to=2026-12-31&encoding=utf-8');
    assert.equal(exp.status, 200);
    const row = await app.ctx.db.query<{ code: string }>(
      `SELECT d.code FROM audit_log a JOIN departments d ON d.id = a.department_id WHERE a.action = 'reservation.export'`,
    );
    assert.deepEqual(
      row.rows.map((r) => r.code),
      ['shimin'],
    );
    const page = await html(app, shiminAdmin, '/staff/audit?action=reservation.export');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /予約のCSV出力/);
    assert.match(page.body, /title="コード: reservation.export"/);
    assert.match(page.body, /<td>市民課<\/td>/);
  });

  it('shows readable actions, login ids for staff targets and a plain note for unknown ids instead of codes and UUIDs', async () => {
    for (let i = 0; i < 3; i++)
      await app.server.inject({
        method: 'POST',
        url: '/api/v1/staff/session',
        payload: { loginId: 'shimin-clerk', password: `wrong ${i}` },
      });
    await app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId: 'no-such-person', password: 'x' } });
    const page = await html(app, root, '/staff/audit');
    const body = page.body;
    assert.match(body, /ログイン失敗/);
    assert.match(body, /アカウントのロック/);
    assert.match(body, new RegExp(`職員 <a href="/staff/accounts/${clerkId}" title="${clerkId}">shimin-clerk</a>`));
    assert.match(body, /存在しないログインID/);
    assert.doesNotMatch(body, /<code>staff\.login_failed<\/code>/);
    assert.doesNotMatch(body, new RegExp(`<code>${clerkId}</code>`));
  });

  it('names the locked account by login id with a link in the security alerts', async () => {
    const list = await html(app, root, '/staff/security-events');
    assert.match(list.body, /アカウントがロックされました/);
    assert.match(list.body, new RegExp(`<a href="/staff/accounts/${clerkId}">shimin-clerk</a>`));
    assert.doesNotMatch(list.body, /<td>staff\.locked<\/td>/);
    const home = await html(app, shiminAdmin, '/staff');
    assert.match(home.body, new RegExp(`<a href="/staff/accounts/${clerkId}">shimin-clerk</a>`));
  });
});
