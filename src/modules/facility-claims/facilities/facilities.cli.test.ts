/**
 * The pinned CLI: `madoguchi facility create` (kinds listed by --help and enforced), `facility user create`
 * with the password from standard input, and `facility list` as text and JSON; bad input exits 2 with an
 * English message; every change audited as system actor "cli".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { commandUsage, parseArgs } from '../../../cli.js';
import { CliError } from '../../../platform/cli-command.js';
import { verifyPassword } from '../../../platform/passwords.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { facilityCommands } from './facilities.cli.js';

describe('facility CLI commands', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  /** Runs a command as bin/madoguchi would: the longest matching name, the parser, usage errors as exit 2. */
  async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string[] }> {
    const command = facilityCommands
      .filter((c) => c.name.split(' ').every((w, i) => argv[i] === w))
      .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)[0];
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

  it('lists the facility kinds in --help, hoikusho among them', () => {
    const create = facilityCommands.find((c) => c.name === 'facility create')!;
    const usage = commandUsage(create);
    assert.match(usage, /--type \{hoikusho\|kodomoen\|yochien\|shokibo-a\|shokibo-b\|shokibo-c\|jigyoshonai\|katei\}/);
    assert.match(usage, /One of: hoikusho, kodomoen/);
    assert.match(usage, /--region/);
  });

  it('creates facilities, refuses a bad kind, a taken code and a bad capacity with exit 2, and lists them as text and JSON', async () => {
    const ok = await run([
      'facility',
      'create',
      '--code',
      'H-001',
      '--name',
      '市川みどり保育園',
      '--type',
      'hoikusho',
      '--capacity23',
      '90',
      '--region',
      '16',
    ]);
    assert.equal(ok.code, 0, ok.err.join('\n'));
    assert.match(ok.out[0] ?? '', /^Created facility H-001 \([0-9a-f-]{36}\)\.$/);
    const kodomoen = await run([
      'facility',
      'create',
      '--code',
      'K-001',
      '--name',
      'こども園やわた',
      '--type',
      'kodomoen',
      '--capacity1',
      '30',
      '--capacity23',
      '60',
      '--postal-code',
      '272-0021',
      '--operator',
      '学校法人テスト学園',
    ]);
    assert.equal(kodomoen.code, 0, kodomoen.err.join('\n'));
    // the pinned form: code, name and kind only
    const minimal = await run(['facility', 'create', '--code', 'M-001', '--name', 'ミニマル保育園', '--type', 'hoikusho']);
    assert.equal(minimal.code, 0, minimal.err.join('\n'));
    const badType = await run(['facility', 'create', '--code', 'X-1', '--name', 'x', '--type', 'castle']);
    assert.equal(badType.code, 2);
    assert.match(badType.err[0] ?? '', /must be one of: hoikusho/);
    const taken = await run(['facility', 'create', '--code', 'H-001', '--name', 'again', '--type', 'hoikusho', '--capacity23', '10']);
    assert.equal(taken.code, 2);
    assert.match(taken.err[0] ?? '', /code: This facility code is already in use\./);
    const badCapacity = await run(['facility', 'create', '--code', 'H-002', '--name', 'x', '--type', 'hoikusho', '--capacity23', 'lots']);
    assert.equal(badCapacity.code, 2);
    assert.match(badCapacity.err[0] ?? '', /capacity23: Enter the approved capacity as a whole number/);

    const text = await run(['facility', 'list']);
    assert.equal(text.out.length, 3);
    assert.match(text.out[0] ?? '', /^[0-9a-f-]{36}\tH-001\thoikusho\t市川みどり保育園\t0$/);
    const json = JSON.parse((await run(['facility', 'list', '--json'])).out[0] ?? '[]') as Record<string, unknown>[];
    assert.deepEqual(
      json.map((f) => [f.code, f.type, f.capacity1, f.capacity23, f.regionPercent, f.postalCode, f.operatorName]),
      [
        ['H-001', 'hoikusho', 0, 90, 16, null, ''],
        ['K-001', 'kodomoen', 30, 60, 0, '2720021', '学校法人テスト学園'],
        ['M-001', 'hoikusho', 0, 0, 0, null, ''],
      ],
    );
    const audit = await app.ctx.db.query<{ actor_type: string; actor_label: string }>(
      `SELECT actor_type, actor_label FROM audit_log WHERE action = 'facility.create' ORDER BY seq`,
    );
    assert.deepEqual(audit.rows, [
      { actor_type: 'system', actor_label: 'cli' },
      { actor_type: 'system', actor_label: 'cli' },
      { actor_type: 'system', actor_label: 'cli' },
    ]);
  });

  it('creates a facility user with the password from standard input, refusing a missing or weak one and an unknown facility', async () => {
    const args = ['facility', 'user', 'create', '--facility', 'H-001', '--login', 'Midori-1', '--email', 'midori1@example.jp'];
    const none = await run(args, '');
    assert.equal(none.code, 2);
    assert.match(none.err[0] ?? '', /standard input/);
    const weak = await run(args, 'qwerty123456');
    assert.equal(weak.code, 2);
    assert.match(weak.err.join('\n'), /password: .*commonly used/);
    const unknown = await run(
      ['facility', 'user', 'create', '--facility', 'NOPE', '--login', 'x-user', '--email', 'x@example.jp'],
      'amber willow ferry 31',
    );
    assert.equal(unknown.code, 2);
    assert.match(unknown.err[0] ?? '', /No facility with code "NOPE"/);
    const badMail = await run(
      ['facility', 'user', 'create', '--facility', 'H-001', '--login', 'mail-x', '--email', 'not-an-address'],
      'amber willow ferry 31',
    );
    assert.equal(badMail.code, 2);
    assert.match(badMail.err.join('\n'), /email: Enter a valid e-mail address\./);

    const ok = await run(
      [...args, '--name', '緑 花子', '--notified-on', '2026-04-01', '--notification-ref', 'R8-77'],
      'amber willow ferry 31',
    );
    assert.equal(ok.code, 0, ok.err.join('\n'));
    assert.match(ok.out[0] ?? '', /^Created facility user midori-1 \([0-9a-f-]{36}\) of H-001\.$/);
    const row = await app.ctx.db.query<{
      login_id: string;
      display_name_enc: string;
      email_enc: string;
      password_hash: string;
      status: string;
    }>(
      `SELECT u.login_id, u.display_name_enc, u.email_enc, u.password_hash, u.status FROM fc_users u
         JOIN fc_facilities f ON f.id = u.facility_id WHERE f.code = 'H-001'`,
    );
    assert.equal(row.rows.length, 1);
    const u = row.rows[0]!;
    assert.equal(u.login_id, 'midori-1');
    assert.equal(u.status, 'active');
    assert.equal(app.ctx.crypto.decrypt(u.email_enc, FC_CRYPTO.userEmail), 'midori1@example.jp');
    assert.equal(app.ctx.crypto.decrypt(u.display_name_enc, FC_CRYPTO.userDisplayName), '緑 花子');
    assert.ok(await verifyPassword(u.password_hash, 'amber willow ferry 31'));
    assert.equal(await verifyPassword(u.password_hash, 'qwerty123456'), false);

    // the name defaults to the log-in id; the third active user is refused with the limit's message
    assert.equal(
      (
        await run(
          ['facility', 'user', 'create', '--facility', 'H-001', '--login', 'midori-2', '--email', 'm2@example.jp'],
          'cedar harbour night 64',
        )
      ).code,
      0,
    );
    const third = await run(
      ['facility', 'user', 'create', '--facility', 'H-001', '--login', 'midori-3', '--email', 'm3@example.jp'],
      'cedar harbour night 64',
    );
    assert.equal(third.code, 2);
    assert.match(third.err[0] ?? '', /as many users as it may have/);
    const listed = JSON.parse((await run(['facility', 'list', '--json'])).out[0] ?? '[]') as { code: string; activeUsers: number }[];
    assert.equal(listed.find((f) => f.code === 'H-001')?.activeUsers, 2);
    const audit = await app.ctx.db.query<{ actor_label: string; detail: Record<string, unknown> }>(
      `SELECT actor_label, detail FROM audit_log WHERE action = 'facility.user.create' ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((a) => [a.actor_label, a.detail.notifiedOn, a.detail.notificationRef]),
      [
        ['cli', '2026-04-01', 'R8-77'],
        ['cli', null, null],
      ],
    );
  });
});
