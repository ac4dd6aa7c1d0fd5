import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { parseArgs } from '../../cli.js';
import { CliError } from '../../platform/cli-command.js';
import { staffCommands } from './staff.cli.js';

describe('staff CLI commands', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string[] }> {
    const command = staffCommands.filter((c) => c.name.split(' ').every((w, i) => argv[i] === w))[0];
    assert.ok(command, argv.join(' '));
    const out: string[] = [];
    const err: string[] = [];
    try {
      const input = parseArgs(command, argv.slice(command.name.split(' ').length));
      const code = await command.run(app.ctx, input, { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin });
      return { code: code ?? 0, out, err };
    } catch (e) {
      if (e instanceof CliError) return { code: 2, out, err: [e.message] };
      throw e;
    }
  }

  it('creates and lists departments, as text and JSON', async () => {
    assert.equal((await run(['department', 'create', '--code', 'fukushi', '--name', '福祉総務課'])).code, 0);
    assert.equal((await run(['department', 'create', '--code', 'Bad Code', '--name', 'x'])).code, 2);
    assert.equal((await run(['department', 'create', '--code', 'fukushi', '--name', 'again'])).code, 2);
    const text = await run(['department', 'list']);
    assert.match(text.out[0] ?? '', /^[0-9a-f-]{36}\tfukushi\t福祉総務課$/);
    const json = JSON.parse((await run(['department', 'list', '--json'])).out[0] ?? '[]');
    assert.deepEqual(Object.keys(json[0]).sort(), ['code', 'id', 'name']);
    const audit = await app.ctx.db.query<{ actor_type: string; actor_label: string }>(
      `SELECT actor_type, actor_label FROM audit_log WHERE action = 'department.created'`,
    );
    assert.deepEqual(audit.rows[0], { actor_type: 'system', actor_label: 'cli' });
  });

  it('creates staff with the password from stdin, enforcing the policy and the forced change', async () => {
    const weak = await run(
      ['staff', 'create', '--login', 'tanaka', '--name', '田中', '--department', 'fukushi', '--role', 'staff'],
      'qwerty123456',
    );
    assert.equal(weak.code, 2);
    assert.match(weak.err.join('\n'), /commonly used/);
    assert.equal(
      (await run(['staff', 'create', '--login', 'tanaka', '--name', '田中', '--department', 'nowhere', '--role', 'staff'], 'x')).code,
      2,
    );
    assert.equal(
      (await run(['staff', 'create', '--login', 'tanaka', '--name', '田中', '--department', 'fukushi', '--role', 'boss'], 'x')).code,
      2,
    );
    assert.equal(
      (await run(['staff', 'create', '--login', 'tanaka', '--name', '田中', '--department', 'fukushi'], 'x')).code,
      2,
      'missing --role',
    );
    const ok = await run(
      ['staff', 'create', '--login', 'tanaka', '--name', '田中', '--department', 'fukushi', '--role', 'dept-admin'],
      'gentle autumn paper crane',
    );
    assert.equal(ok.code, 0, ok.err.join());
    const row = await app.ctx.db.query<{ must_change_password: boolean }>(
      `SELECT must_change_password FROM staff WHERE login_id = 'tanaka'`,
    );
    assert.equal(row.rows[0]!.must_change_password, true);
    const free = await run(
      ['staff', 'create', '--login', 'suzuki', '--name', '鈴木', '--department', 'fukushi', '--role', 'staff', '--no-change-required'],
      'gentle autumn paper crane',
    );
    assert.equal(free.code, 0);
    const row2 = await app.ctx.db.query<{ must_change_password: boolean }>(
      `SELECT must_change_password FROM staff WHERE login_id = 'suzuki'`,
    );
    assert.equal(row2.rows[0]!.must_change_password, false);
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'tanaka', password: 'gentle autumn paper crane' },
    });
    assert.equal(login.statusCode, 200);
    assert.equal(login.json().staff.mustChangePassword, true);
  });

  it('resets a password (forced change) and disables an account, audited as cli', async () => {
    assert.equal((await run(['staff', 'reset-password', '--login', 'suzuki'], 'short')).code, 2);
    assert.equal((await run(['staff', 'reset-password', '--login', 'nobody'], 'brisk winter orchard road')).code, 2);
    assert.equal((await run(['staff', 'reset-password', '--login', 'SUZUKI'], 'brisk winter orchard road')).code, 0);
    const row = await app.ctx.db.query<{ must_change_password: boolean }>(
      `SELECT must_change_password FROM staff WHERE login_id = 'suzuki'`,
    );
    assert.equal(row.rows[0]!.must_change_password, true);
    assert.equal((await run(['staff', 'disable', '--login', 'suzuki'])).code, 0);
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'suzuki', password: 'brisk winter orchard road' },
    });
    assert.equal(login.statusCode, 401);
    const audit = await app.ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE actor_label = 'cli' AND actor_type = 'system' ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action).filter((a) => a.startsWith('staff.')),
      ['staff.account_created', 'staff.account_created', 'staff.password_reset', 'staff.account_disabled'],
    );
  });
});
