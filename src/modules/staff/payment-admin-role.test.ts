/**
 * The payment administrator role (決済管理者): granted by system administrators only, only in the
 * payment administration department (PAYMENT_ADMIN_DEPARTMENT, default 'digital') — by the API, the
 * account screens and the CLI alike; its password is renewed on its own interval and at every transfer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { parseArgs } from '../../cli.js';
import { ManualClock } from '../../platform/clock.js';
import { CliError } from '../../platform/cli-command.js';
import { staffCommands } from './staff.cli.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from './test-support.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('payment administrator role', () => {
  let app: TestApp;
  let sys: Client;
  let digital = '';
  let fukushi = '';

  before(async () => {
    app = await startTestApp({ clock, env: { STAFF_PASSWORD_RENEWAL_DAYS: '90', PAYMENT_ADMIN_PASSWORD_RENEWAL_DAYS: '200' } });
    digital = await ensureDepartment(app, 'digital', 'デジタル推進課');
    fukushi = await ensureDepartment(app, 'fukushi', '福祉課');
    await makeStaff(app, { loginId: 'pr-sys', dept: 'digital', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'pr-dadmin', dept: 'digital', role: 'dept-admin' });
    sys = await logInClient(app, 'pr-sys');
  });
  after(() => app.close());

  const mustChange = async (id: string) =>
    (await app.ctx.db.query<{ must_change_password: boolean }>('SELECT must_change_password FROM staff WHERE id = $1', [id])).rows[0]!
      .must_change_password;
  const clearMustChange = (id: string) => app.ctx.db.query('UPDATE staff SET must_change_password = false WHERE id = $1', [id]);

  it('refuses payment_admin outside the digital promotion office with a message naming the department code', async () => {
    const created = await sys.call('POST', '/api/v1/staff/accounts', {
      loginId: 'pr-wrong',
      displayName: '誤付与',
      departmentId: fukushi,
      role: 'payment_admin',
    });
    assert.equal(created.status, 422, JSON.stringify(created.json));
    assert.equal(created.json.errors[0].field, 'role');
    assert.match(created.json.errors[0].message, /決済管理者.*digital/);
    const staffId = await makeStaff(app, { loginId: 'pr-member', dept: 'fukushi' });
    const grant = await sys.call('PUT', `/api/v1/staff/accounts/${staffId}/memberships/${fukushi}`, { role: 'payment_admin' });
    assert.equal(grant.status, 422);
    const roles = await app.ctx.db.query('SELECT 1 FROM staff_memberships WHERE staff_id = $1 AND role = $2', [staffId, 'payment_admin']);
    assert.equal(roles.rowCount, 0);
  });

  it('shows the refusal at the role field of the account screens', async () => {
    const page = await app.server.inject({
      method: 'POST',
      url: '/staff/accounts',
      headers: { cookie: sys.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: sys.csrf,
        loginId: 'pr-wrong2',
        displayName: '誤付与',
        departmentId: fukushi,
        role: 'payment_admin',
      }).toString(),
    });
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /決済管理を担当する課（課コード digital）/);
    const form = await app.server.inject({ url: '/staff/accounts', headers: { cookie: sys.cookie, accept: 'text/html' } });
    assert.match(form.body, /<option value="payment_admin"[^>]*>決済管理者<\/option>/);
  });

  it('lets a system administrator create a payment administrator in the digital department, and no department administrator', async () => {
    const ok = await sys.call('POST', '/api/v1/staff/accounts', {
      loginId: 'pr-payadmin',
      displayName: '決済 管理',
      departmentId: digital,
      role: 'payment_admin',
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    assert.equal(ok.json.account.memberships[0].role, 'payment_admin');
    const dadmin = await logInClient(app, 'pr-dadmin');
    const member = await makeStaff(app, { loginId: 'pr-digital-member', dept: 'digital' });
    const refused = await dadmin.call('PUT', `/api/v1/staff/accounts/${member}/memberships/${digital}`, { role: 'payment_admin' });
    assert.equal(refused.status, 403);
    const page = await app.server.inject({ url: '/staff/accounts', headers: { cookie: dadmin.cookie, accept: 'text/html' } });
    assert.doesNotMatch(page.body, /value="payment_admin"/);
  });

  it('creates payment administrators by the CLI only in the digital department', async () => {
    const run = async (argv: string[], stdin: string) => {
      const command = staffCommands.find((c) => c.name === 'staff create')!;
      const out: string[] = [];
      try {
        await command.run(app.ctx, parseArgs(command, argv), {
          out: (l) => out.push(l),
          err: () => undefined,
          readStdin: async () => stdin,
        });
        return { code: 0, text: out.join('\n') };
      } catch (e) {
        if (e instanceof CliError) return { code: 2, text: e.message };
        throw e;
      }
    };
    const args = (login: string, dept: string) => ['--login', login, '--name', '決済', '--department', dept, '--role', 'payment_admin'];
    const wrong = await run(args('pr-cli-wrong', 'fukushi'), 'violet harbour lantern 42');
    assert.equal(wrong.code, 2);
    assert.match(wrong.text, /payment administrator role can only be granted in the department .*digital/);
    const ok = await run(args('pr-cli-ok', 'digital'), 'violet harbour lantern 42');
    assert.equal(ok.code, 0, ok.text);
    assert.match(ok.text, /as payment_admin in digital/);
  });

  it('requires a new password when a payment administrator is transferred (granted or revoked a membership)', async () => {
    const id = await makeStaff(app, { loginId: 'pr-transfer', dept: 'digital', role: 'payment_admin' });
    assert.equal(await mustChange(id), false);
    const grant = await sys.call('PUT', `/api/v1/staff/accounts/${id}/memberships/${fukushi}`, { role: 'staff' });
    assert.equal(grant.status, 200);
    assert.equal(await mustChange(id), true, 'granted a department');
    await clearMustChange(id);
    const revoke = await sys.call('DELETE', `/api/v1/staff/accounts/${id}/memberships/${digital}`);
    assert.equal(revoke.status, 204);
    assert.equal(await mustChange(id), true, 'the payment role revoked');
    // an ordinary member's transfer changes nothing
    const plain = await makeStaff(app, { loginId: 'pr-plain', dept: 'fukushi' });
    await sys.call('PUT', `/api/v1/staff/accounts/${plain}/memberships/${digital}`, { role: 'staff' });
    assert.equal(await mustChange(plain), false);
    const audit = await app.ctx.db.query<{ detail: { passwordChangeRequired?: boolean } }>(
      `SELECT detail FROM audit_log WHERE action = 'staff.membership_revoked' AND record_id = $1`,
      [id],
    );
    assert.equal(audit.rows[0]?.detail.passwordChangeRequired, true);
  });

  it("applies the payment administrators' renewal interval and enforces it; others keep the reminder", async () => {
    const payer = await makeStaff(app, { loginId: 'pr-renew', dept: 'digital', role: 'payment_admin' });
    const other = await makeStaff(app, { loginId: 'pr-renew-staff', dept: 'fukushi' });
    const age = async (id: string, days: number) =>
      app.ctx.db.query('UPDATE staff SET password_changed_at = $2 WHERE id = $1', [
        id,
        new Date(clock.now().getTime() - days * 86_400_000),
      ]);
    const session = async (login: string) => (await (await logInClient(app, login)).call('GET', '/api/v1/staff/session')).json;
    // 150 days: past the staff interval (90), within the payment administrators' (200)
    await age(payer, 150);
    await age(other, 150);
    const p1 = await session('pr-renew');
    assert.equal(p1.staff.passwordRenewalDue, false);
    assert.equal(p1.staff.mustChangePassword, false);
    const o1 = await session('pr-renew-staff');
    assert.equal(o1.staff.passwordRenewalDue, true);
    assert.equal(o1.staff.mustChangePassword, false, 'a reminder only for ordinary staff');
    // 201 days: due for the payment administrator, whose session is confined to the password change
    await age(payer, 201);
    const client = await logInClient(app, 'pr-renew');
    const p2 = (await client.call('GET', '/api/v1/staff/session')).json;
    assert.equal(p2.staff.passwordRenewalDue, true);
    assert.equal(p2.staff.mustChangePassword, true);
    const home = await app.server.inject({ url: '/staff', headers: { cookie: client.cookie, accept: 'text/html' } });
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/staff/password');
  });
});
