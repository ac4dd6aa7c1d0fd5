import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postgresRace, startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { logInClient, makeStaff, TEST_PASSWORD } from './test-support.js';
import { totp, base32Decode } from './totp.js';

const post = (app: TestApp, loginId: string, password: string, ip = '127.0.0.1') =>
  app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId, password }, remoteAddress: ip });

describe('staff log-in, lockout and sessions', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-04-01T00:00:00Z');
  before(async () => {
    app = await startTestApp({
      clock,
      env: {
        STAFF_LOCKOUT_THRESHOLD: '5',
        STAFF_LOCKOUT_MINUTES: '15',
        STAFF_SESSION_IDLE_MINUTES: '30',
        STAFF_SESSION_ABSOLUTE_HOURS: '12',
      },
    });
    await makeStaff(app, { loginId: 'alice', dept: 'fukushi', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'bob', dept: 'fukushi' });
    await makeStaff(app, { loginId: 'carol', dept: 'shoukou' });
    await makeStaff(app, { loginId: 'dave', dept: 'shoukou' });
  });
  after(() => app.close());

  it('logs in with the pinned response shape and a hardened cookie; full-width login id works', async () => {
    const res = await post(app, 'ＡＬＩＣＥ', TEST_PASSWORD);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(typeof body.csrfToken, 'string');
    assert.equal(body.staff.loginId, 'alice');
    assert.deepEqual(Object.keys(body.staff.memberships[0]).sort(), ['departmentCode', 'departmentId', 'departmentName', 'role']);
    assert.equal(body.staff.mustChangePassword, false);
    assert.equal(body.staff.mfaRequired, false);
    assert.equal(body.staff.mfaPending, false);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /madoguchi_staff=[A-Za-z0-9_-]{43}/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    const stored = await app.ctx.db.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions');
    const token = /madoguchi_staff=([^;]+)/.exec(setCookie)![1]!;
    assert.ok(
      stored.rows.every((r) => r.token_hash !== token),
      'the raw token is never stored',
    );
    const audit = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.login' AND actor_label = 'alice'`);
    assert.equal(audit.rows.length, 1);
  });

  it('answers an unknown login id exactly like a wrong password', async () => {
    const a = await post(app, 'nobody-here', 'whatever password');
    const b = await post(app, 'bob', 'wrong password 123');
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    const strip = (x: Record<string, unknown>) => ({ ...x, requestId: undefined });
    assert.deepEqual(strip(a.json()), strip(b.json()));
    assert.equal(a.json().code, 'invalid_credentials');
    const rows = await app.ctx.db.query<{ detail: { reason: string } }>(
      `SELECT detail FROM audit_log WHERE action = 'staff.login_failed' ORDER BY seq`,
    );
    assert.deepEqual(
      rows.rows.map((r) => r.detail.reason),
      ['unknown_login_id', 'wrong_password'],
    );
    // reset bob's counter
    assert.equal((await post(app, 'bob', TEST_PASSWORD)).statusCode, 200);
  });

  it('locks after the threshold with audit rows and an alert, answers 423 with Retry-After, unlocks after the period', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await post(app, 'bob', 'not the password')).statusCode, 401);
    const fifth = await post(app, 'bob', 'not the password');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.headers['retry-after'], '900');
    const right = await post(app, 'bob', TEST_PASSWORD);
    assert.equal(right.statusCode, 423, 'locked even with the right password');
    const locked = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.locked'`);
    assert.equal(locked.rows.length, 1);
    const ev = await app.ctx.db.query<{ severity: string; subject: string }>(
      `SELECT severity, subject FROM security_events WHERE kind = 'staff.locked'`,
    );
    assert.equal(ev.rows.length, 1);
    assert.equal(ev.rows[0]!.severity, 'alert');
    clock.advance(15 * 60_000 + 1000);
    assert.equal((await post(app, 'bob', TEST_PASSWORD)).statusCode, 200);
  });

  it('counts concurrent wrong attempts exactly and locks once', postgresRace, async () => {
    const attempts = await Promise.all(Array.from({ length: 12 }, () => post(app, 'carol', 'wrong wrong wrong')));
    const codes = attempts.map((r) => r.statusCode);
    assert.ok(
      codes.every((c) => c === 401 || c === 423),
      codes.join(','),
    );
    const row = await app.ctx.db.query<{ failed_login_count: number; locked_until: Date | null }>(
      `SELECT failed_login_count, locked_until FROM staff WHERE login_id = 'carol'`,
    );
    assert.equal(row.rows[0]!.failed_login_count, 5);
    assert.ok(row.rows[0]!.locked_until);
    const carolId = (await app.ctx.db.query<{ id: string }>(`SELECT id FROM staff WHERE login_id = 'carol'`)).rows[0]!.id;
    assert.equal(
      (await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.locked' AND record_id = $1`, [carolId])).rows.length,
      1,
    );
    assert.equal((await app.ctx.db.query(`SELECT 1 FROM security_events WHERE subject = $1`, [carolId])).rows.length, 1);
    assert.equal(
      (
        await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.login_failed' AND outcome = 'failure' AND record_id = $1`, [
          carolId,
        ])
      ).rows.length,
      5,
    );
  });

  it('expires a session after idle time and after the absolute limit', async () => {
    const c = await logInClient(app, 'dave');
    assert.equal((await c.call('GET', '/api/v1/staff/session')).status, 200);
    clock.advance(29 * 60_000);
    assert.equal((await c.call('GET', '/api/v1/staff/session')).status, 200, 'activity keeps it alive');
    clock.advance(31 * 60_000);
    assert.equal((await c.call('GET', '/api/v1/staff/session')).status, 401, 'idle expiry');

    const d = await logInClient(app, 'dave');
    for (let i = 0; i < 25; i++) {
      clock.advance(29 * 60_000);
      const r = await d.call('GET', '/api/v1/staff/session');
      if (i < 24) assert.equal(r.status, 200, `still alive at ${i}`);
      else assert.equal(r.status, 401, 'absolute expiry after 12 h');
    }
  });

  it('refuses a state-changing call without the CSRF token', async () => {
    const c = await logInClient(app, 'dave');
    const no = await c.call('DELETE', '/api/v1/staff/session', undefined, { csrf: false });
    assert.equal(no.status, 403);
    assert.equal(no.json.code, 'csrf_failed');
    const wrong = await app.server.inject({
      method: 'DELETE',
      url: '/api/v1/staff/session',
      headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    assert.equal(wrong.statusCode, 403);
    assert.equal((await c.call('DELETE', '/api/v1/staff/session')).status, 204);
    assert.equal((await c.call('GET', '/api/v1/staff/session')).status, 401, 'logged out');
    assert.equal((await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.logout'`)).rows.length, 1);
  });

  it('forces the password change at first log-in and ends other sessions on change', async () => {
    await makeStaff(app, { loginId: 'erin', dept: 'fukushi', mustChange: true });
    const c = await logInClient(app, 'erin');
    const other = await logInClient(app, 'erin');
    assert.equal((await c.call('GET', '/api/v1/staff/session')).json.staff.mustChangePassword, true);
    const blocked = await c.call('GET', '/api/v1/staff/accounts');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.json.code, 'password_change_required');
    const weak = await c.call('POST', '/api/v1/staff/password', { currentPassword: TEST_PASSWORD, newPassword: 'password1234' });
    assert.equal(weak.status, 422);
    const same = await c.call('POST', '/api/v1/staff/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    assert.equal(same.status, 422);
    const ok = await c.call('POST', '/api/v1/staff/password', { currentPassword: TEST_PASSWORD, newPassword: 'amber meadow quiet river' });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(ok.json.staff.mustChangePassword, false);
    assert.equal((await c.call('GET', '/api/v1/staff/accounts')).status, 403, 'a plain member is no administrator');
    assert.equal((await c.call('GET', '/api/v1/staff/session')).status, 200, 'current session kept');
    assert.equal((await other.call('GET', '/api/v1/staff/session')).status, 401, 'other session ended');
  });

  it('logs in with TOTP as a second step; a code is accepted once', async () => {
    await makeStaff(app, { loginId: 'frank', dept: 'fukushi' });
    const c = await logInClient(app, 'frank');
    const setup = await c.call('POST', '/api/v1/staff/mfa/setup');
    assert.equal(setup.status, 200);
    assert.match(setup.json.otpauthUri, /^otpauth:\/\/totp\//);
    assert.match(setup.json.qrSvg, /^<svg/);
    const key = base32Decode(setup.json.secret);
    const enable = await c.call('POST', '/api/v1/staff/mfa/enable', { code: totp(key, clock.now()) });
    assert.equal(enable.status, 200);
    assert.equal(enable.json.recoveryCodes.length, 10);
    const enc = await app.ctx.db.query<{ totp_secret_enc: string }>(`SELECT totp_secret_enc FROM staff WHERE login_id = 'frank'`);
    assert.ok(!enc.rows[0]!.totp_secret_enc.includes(setup.json.secret), 'secret stored encrypted');

    clock.advance(60_000);
    const d = await logInClient(app, 'frank');
    assert.equal((await d.call('GET', '/api/v1/staff/session')).json.staff.mfaPending, true);
    const blocked = await d.call('POST', '/api/v1/staff/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'amber meadow quiet river',
    });
    assert.equal(blocked.json.code, 'mfa_required');
    const code = totp(key, clock.now());
    assert.equal((await d.call('POST', '/api/v1/staff/session/mfa', { code: '000000' === code ? '111111' : '000000' })).status, 422);
    const pass = await d.call('POST', '/api/v1/staff/session/mfa', { code });
    assert.equal(pass.status, 200);
    assert.equal(pass.json.staff.mfaPending, false);

    const e = await logInClient(app, 'frank');
    assert.equal((await e.call('POST', '/api/v1/staff/session/mfa', { code })).status, 422, 'replayed code refused');
    const rec = await e.call('POST', '/api/v1/staff/session/mfa', { code: enable.json.recoveryCodes[0] });
    assert.equal(rec.status, 200, 'recovery code works');
    const f = await logInClient(app, 'frank');
    assert.equal(
      (await f.call('POST', '/api/v1/staff/session/mfa', { code: enable.json.recoveryCodes[0] })).status,
      422,
      'recovery code single use',
    );
  });
});

describe('network allow-list', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { STAFF_LOGIN_ALLOWED_NETWORKS: '10.20.0.0/16,2001:db8::/32' } });
    await makeStaff(app, { loginId: 'gina', dept: 'fukushi' });
  });
  after(() => app.close());

  it('refuses log-in from outside the allowed networks with 403 and an audit row', async () => {
    const out = await post(app, 'gina', TEST_PASSWORD, '203.0.113.5');
    assert.equal(out.statusCode, 403);
    const row = await app.ctx.db.query<{ outcome: string; detail: { reason: string } }>(
      `SELECT outcome, detail FROM audit_log WHERE action = 'staff.login_failed'`,
    );
    assert.equal(row.rows[0]!.outcome, 'denied');
    assert.equal(row.rows[0]!.detail.reason, 'network_not_allowed');
    assert.equal((await post(app, 'gina', TEST_PASSWORD, '10.20.3.4')).statusCode, 200);
    assert.equal((await post(app, 'gina', TEST_PASSWORD, '2001:db8::7')).statusCode, 200);
  });
});

describe('MFA required for everyone', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-05-01T00:00:00Z');
  before(async () => {
    app = await startTestApp({ clock, env: { STAFF_REQUIRE_MFA: 'true' } });
    await makeStaff(app, { loginId: 'hana', dept: 'shimin' });
  });
  after(() => app.close());

  it('confines a session to the set-up until TOTP is enabled, and redirects HTML pages there', async () => {
    const c = await logInClient(app, 'hana');
    const s = (await c.call('GET', '/api/v1/staff/session')).json.staff;
    assert.equal(s.mfaRequired, true);
    assert.equal(s.mfaSetupRequired, true);
    const blocked = await c.call('PUT', '/api/v1/staff/session/department', { departmentId: s.memberships[0].departmentId });
    assert.equal(blocked.status, 403);
    assert.equal(blocked.json.code, 'mfa_setup_required');
    const page = await app.server.inject({ method: 'GET', url: '/staff', headers: { cookie: c.cookie, accept: 'text/html' } });
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/staff/settings/mfa');
    const setup = await c.call('POST', '/api/v1/staff/mfa/setup');
    const key = base32Decode(setup.json.secret);
    assert.equal((await c.call('POST', '/api/v1/staff/mfa/enable', { code: totp(key, clock.now()) })).status, 200);
    assert.equal((await c.call('PUT', '/api/v1/staff/session/department', { departmentId: s.memberships[0].departmentId })).status, 200);
  });

  it('locks the second factor after 10 wrong codes, refuses the right code too, audits it and raises an alert', async () => {
    clock.advance(3600_000);
    const d = await logInClient(app, 'hana');
    const wrong = totp(Buffer.from('not the key at all!!'), clock.now());
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await d.call('POST', '/api/v1/staff/session/mfa', { code: wrong })).status);
    assert.deepEqual(statuses, [...Array(9).fill(422), 423, 423]);
    const secret = await app.ctx.db.query<{ totp_secret_enc: string }>(`SELECT totp_secret_enc FROM staff WHERE login_id = 'hana'`);
    const key = base32Decode(app.ctx.crypto.decrypt(secret.rows[0]!.totp_secret_enc, 'staff.totp_secret'));
    clock.advance(60_000);
    const right = await d.call('POST', '/api/v1/staff/session/mfa', { code: totp(key, clock.now()) });
    assert.equal(right.status, 423, 'the right code is refused while locked');
    assert.match(right.json.detail ?? right.json.title ?? JSON.stringify(right.json), /分/);
    const failed = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.mfa_failed' AND outcome = 'failure'`);
    assert.equal(failed.rows.length, 10);
    assert.equal((await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'staff.mfa_locked'`)).rows.length, 1);
    const alert = await app.ctx.db.query<{ severity: string; subject: string }>(
      `SELECT severity, subject FROM security_events WHERE kind = 'staff.mfa_locked'`,
    );
    assert.equal(alert.rows.length, 1);
    assert.equal(alert.rows[0]!.severity, 'alert');
    clock.advance(30 * 60_000);
    const later = await logInClient(app, 'hana');
    assert.equal((await later.call('POST', '/api/v1/staff/session/mfa', { code: totp(key, clock.now()) })).status, 200, 'the lock expires');
  });
});

describe('office address shared by many people', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    await makeStaff(app, { loginId: 'colleague', dept: 'shimin' });
    for (let i = 0; i < 3; i++) await makeStaff(app, { loginId: `other-${i}`, dept: 'shimin' });
  });
  after(() => app.close());

  it('lets a colleague with the right password in after 30+ failures on other accounts from the same address, and raises one alert', async () => {
    const office = '10.9.9.9';
    for (let i = 0; i < 32; i++) {
      // a few known accounts (below their lockout) and many unknown ids: every attempt is a counted failure
      const r = await post(app, i % 8 === 0 ? `other-${(i / 8) % 3}` : `nobody-${i}`, `wrong guess ${i}`, office);
      assert.equal(r.statusCode, 401);
    }
    const ok = await post(app, 'colleague', TEST_PASSWORD, office);
    assert.equal(ok.statusCode, 200);
    const alerts = await app.ctx.db.query<{ client_ip: string }>(
      `SELECT client_ip FROM security_events WHERE kind = 'staff.login_failure_burst'`,
    );
    assert.deepEqual(
      alerts.rows.map((r) => r.client_ip),
      [office],
    );
  });

  it('throttles one account from one address after 10 failures without touching other addresses', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(app, 'nobody-at-all', `guess ${i}`, '10.7.7.7')).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.equal((await post(app, 'nobody-at-all', 'guess', '10.7.7.8')).statusCode, 401);
  });

  it('never stores a typed unknown login id in the audit log, only a keyed hash', async () => {
    const typed = 'my-secret-password-typed-in-the-id-field';
    assert.equal((await post(app, typed, 'x')).statusCode, 401);
    const rows = await app.ctx.db.query<{ actor_label: string; detail: Record<string, unknown> }>(
      `SELECT actor_label, detail FROM audit_log WHERE action = 'staff.login_failed' ORDER BY seq DESC LIMIT 1`,
    );
    const row = rows.rows[0]!;
    assert.doesNotMatch(JSON.stringify(row), /secret-password/);
    assert.match(row.actor_label, /^unknown#[A-Za-z0-9_-]{16}$/);
    const all = await app.ctx.db.query(
      `SELECT 1 FROM audit_log WHERE actor_label LIKE '%secret-password%' OR detail::text LIKE '%secret-password%'`,
    );
    assert.equal(all.rows.length, 0);
  });
});
