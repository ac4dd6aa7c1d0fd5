import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ensureDepartment, logInClient, makeStaff, TEST_PASSWORD, type Client } from './test-support.js';

describe('account administration and department isolation', () => {
  let app: TestApp;
  let sys: Client;
  let fukushiAdmin: Client;
  let fukushiDept: string;
  let shoukouDept: string;
  let shoukouMember: string;
  let fukushiMember: string;
  before(async () => {
    app = await startTestApp();
    fukushiDept = await ensureDepartment(app, 'fukushi');
    shoukouDept = await ensureDepartment(app, 'shoukou');
    await makeStaff(app, { loginId: 'root', dept: 'seisaku', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'f-admin', dept: 'fukushi', role: 'dept-admin' });
    fukushiMember = await makeStaff(app, { loginId: 'f-member', dept: 'fukushi' });
    shoukouMember = await makeStaff(app, { loginId: 's-member', dept: 'shoukou' });
    sys = await logInClient(app, 'root');
    fukushiAdmin = await logInClient(app, 'f-admin');
  });
  after(() => app.close());

  it('lets a dept-admin list only accounts of their departments', async () => {
    const r = await fukushiAdmin.call('GET', '/api/v1/staff/accounts');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.map((a: { loginId: string }) => a.loginId).sort(), ['f-admin', 'f-member']);
    const all = await sys.call('GET', '/api/v1/staff/accounts');
    assert.equal(all.json.length, 4);
  });

  it("answers 404 to a dept-admin for another department's account, for every operation", async () => {
    const id = shoukouMember;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/staff/accounts/${id}`],
      ['PATCH', `/api/v1/staff/accounts/${id}`, { displayName: 'x' }],
      ['POST', `/api/v1/staff/accounts/${id}/disable`],
      ['POST', `/api/v1/staff/accounts/${id}/enable`],
      ['POST', `/api/v1/staff/accounts/${id}/reset-password`, {}],
      ['POST', `/api/v1/staff/accounts/${id}/reset-mfa`],
      ['PUT', `/api/v1/staff/accounts/${id}/memberships/${fukushiDept}`, { role: 'staff' }],
      ['DELETE', `/api/v1/staff/accounts/${id}/memberships/${shoukouDept}`],
      ['PUT', `/api/v1/staff/accounts/${fukushiMember}/memberships/${shoukouDept}`, { role: 'staff' }],
    ];
    for (const [method, url, body] of calls) {
      const r = await fukushiAdmin.call(method, url, body);
      assert.equal(r.status, 404, `${method} ${url}`);
    }
    const page = await app.server.inject({
      method: 'GET',
      url: `/staff/accounts/${id}`,
      headers: { cookie: fukushiAdmin.cookie, accept: 'text/html' },
    });
    assert.equal(page.statusCode, 404);
    const row = await app.ctx.db.query<{ is_disabled: boolean; display_name: string }>(
      'SELECT is_disabled, display_name FROM staff WHERE id = $1',
      [id],
    );
    assert.equal(row.rows[0]!.is_disabled, false);
    assert.notEqual(row.rows[0]!.display_name, 'x');
  });

  it('creates an account in an administered department with a forced password change; never grants sys-admin', async () => {
    const denied = await fukushiAdmin.call('POST', '/api/v1/staff/accounts', {
      loginId: 'f-new',
      displayName: '新人',
      departmentId: fukushiDept,
      role: 'sys-admin',
    });
    assert.equal(denied.status, 403);
    const other = await fukushiAdmin.call('POST', '/api/v1/staff/accounts', {
      loginId: 'f-new',
      displayName: '新人',
      departmentId: shoukouDept,
      role: 'staff',
    });
    assert.equal(other.status, 404);
    const weak = await fukushiAdmin.call('POST', '/api/v1/staff/accounts', {
      loginId: 'f-new',
      displayName: '新人',
      departmentId: fukushiDept,
      role: 'staff',
      password: 'password1234',
    });
    assert.equal(weak.status, 422);
    const ok = await fukushiAdmin.call('POST', '/api/v1/staff/accounts', {
      loginId: 'F-New',
      displayName: '新人',
      departmentId: fukushiDept,
      role: 'staff',
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    assert.equal(ok.json.account.loginId, 'f-new');
    assert.equal(ok.json.account.mustChangePassword, true);
    const dup = await fukushiAdmin.call('POST', '/api/v1/staff/accounts', {
      loginId: 'f-new',
      displayName: '新人',
      departmentId: fukushiDept,
      role: 'staff',
    });
    assert.equal(dup.status, 422);
    const newbie = await logInClient(app, 'f-new', ok.json.initialPassword);
    assert.equal((await newbie.call('GET', '/api/v1/staff/session')).json.staff.mustChangePassword, true);
    const grant = await fukushiAdmin.call('PUT', `/api/v1/staff/accounts/${ok.json.account.id}/memberships/${fukushiDept}`, {
      role: 'sys-admin',
    });
    assert.equal(grant.status, 403);
    const audit = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.account_created' AND record_id = $1`, [
      ok.json.account.id,
    ]);
    assert.equal(audit.rows.length, 1);
  });

  it('disabling ends the sessions of the person', async () => {
    const member = await logInClient(app, 'f-member');
    assert.equal((await member.call('GET', '/api/v1/staff/session')).status, 200);
    const r = await fukushiAdmin.call('POST', `/api/v1/staff/accounts/${fukushiMember}/disable`);
    assert.equal(r.status, 200);
    assert.equal(r.json.isDisabled, true);
    assert.equal((await member.call('GET', '/api/v1/staff/session')).status, 401);
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'f-member', password: TEST_PASSWORD },
    });
    assert.equal(login.statusCode, 401);
    assert.equal((await fukushiAdmin.call('POST', `/api/v1/staff/accounts/${fukushiMember}/enable`)).status, 200);
  });

  it('switches department only among memberships', async () => {
    assert.equal((await fukushiAdmin.call('PUT', '/api/v1/staff/session/department', { departmentId: shoukouDept })).status, 404);
    await sys.call('PUT', `/api/v1/staff/accounts/${shoukouMember}/memberships/${fukushiDept}`, { role: 'staff' });
    const c = await logInClient(app, 's-member');
    const r = await c.call('PUT', '/api/v1/staff/session/department', { departmentId: fukushiDept });
    assert.equal(r.status, 200);
    assert.equal(r.json.staff.currentDepartmentId, fukushiDept);
  });

  it('shows a lockout alert on the home of sys-admins and of the dept-admin of the person, not of others; acknowledge clears it', async () => {
    for (let i = 0; i < 5; i++)
      await app.server.inject({
        method: 'POST',
        url: '/api/v1/staff/session',
        payload: { loginId: 'f-member', password: 'bad password here' },
      });
    await makeStaff(app, { loginId: 'sh-admin', dept: 'shoukou', role: 'dept-admin' });
    const shAdmin = await logInClient(app, 'sh-admin');
    const home = (c: Client) => app.server.inject({ method: 'GET', url: '/staff', headers: { cookie: c.cookie, accept: 'text/html' } });
    assert.match((await home(sys)).body, /アカウントがロックされました/);
    assert.match((await home(fukushiAdmin)).body, /アカウントがロックされました/);
    assert.doesNotMatch((await home(shAdmin)).body, /アカウントがロックされました/);
    const ev = await sys.call('GET', '/api/v1/staff/security-events');
    const id = ev.json.find((e: { kind: string }) => e.kind === 'staff.locked').id;
    assert.equal((await shAdmin.call('POST', `/api/v1/staff/security-events/${id}/acknowledge`)).status, 404);
    assert.equal((await fukushiAdmin.call('POST', `/api/v1/staff/security-events/${id}/acknowledge`)).status, 204);
    assert.doesNotMatch((await home(sys)).body, /アカウントがロックされました/);
    assert.equal((await fukushiAdmin.call('GET', '/api/v1/staff/security-events')).status, 403);
  });

  it('audits viewing the account review', async () => {
    const r = await app.server.inject({
      method: 'GET',
      url: '/staff/account-review',
      headers: { cookie: fukushiAdmin.cookie, accept: 'text/html' },
    });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /f-admin/);
    assert.doesNotMatch(r.body, /sh-admin/);
    const a = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.account_review_viewed'`);
    assert.equal(a.rows.length, 1);
  });
});
