/**
 * The pinned interface on the database the tests run on: `madoguchi backup --out DIR` prints the path and only
 * the path (the real program, and in process for the exit codes), `backup verify [FILE]` exits 0 on a match and
 * 1 naming the problem, `restore FILE` refuses a database that is not empty (exit 2). And the "done
 * when": a copy with the demo data backs up with no demo name, phone or e-mail readable in the file, and its
 * restore drill passes from the command line and on the schedule.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { migratedInstallation, type MigratedInstallation, serverUrl, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { runCli } from '../../../cli.js';
import { jstDate, jstInstant } from '../../../platform/japan-time.js';
import { JobWorker } from '../../../platform/jobs.js';
import { generateSecretValues } from '../../../platform/secrets.js';
import { readBackupFile } from './backup-file.js';
import { dailyBackupJob, missingBackupCheckJob, restoreDrillJob } from './backup.jobs.js';
import { listBackupFiles } from './create-backup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const backupKey = generateSecretValues('c').MADOGUCHI_BACKUP_KEY as string;

describe(`backup command line (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tmp: string;
  let env: Record<string, string>;
  let installation: MigratedInstallation | undefined;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    installation = await migratedInstallation('backup-cli');
    tmp = installation.tmp;
    const { dataDir, databaseUrl } = installation;
    env = {
      MADOGUCHI_ENV: 'test',
      LOG_LEVEL: 'silent',
      MADOGUCHI_DATA_DIR: dataDir,
      BACKUP_DIR: path.join(tmp, 'backups'),
      MADOGUCHI_BACKUP_KEY: backupKey,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    for (const k of [...Object.keys(env), 'DATABASE_URL']) saved[k] = process.env[k];
    delete process.env.DATABASE_URL;
    Object.assign(process.env, env);
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await installation?.remove();
  });

  async function cli(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '' });
    return { code, out, err: err.join('\n') };
  }

  it('backup prints the path it wrote; verify exits 0, and 1 naming the damage; restore refuses a non-empty database (2)', async () => {
    const out = path.join(tmp, 'elsewhere');
    const b = await cli(['backup', '--out', out]);
    assert.equal(b.code, 0, b.err);
    assert.equal(b.out.length, 1);
    const file = b.out[0] as string;
    assert.equal(path.dirname(file), out);
    assert.ok(fs.statSync(file).size > 0);
    assert.match(b.err, /^Backup written: \d+ bytes, \d+ tables/);

    const v = await cli(['backup', 'verify', file]);
    assert.equal(v.code, 0, v.err);
    assert.match(v.out.join('\n'), /^Backup verified: .* match the manifest/);

    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 30] = (bytes[bytes.length - 30] as number) ^ 0x80;
    const bad = path.join(tmp, 'bad.mgbk');
    fs.writeFileSync(bad, bytes);
    const x = await cli(['backup', 'verify', bad]);
    assert.equal(x.code, 1);
    assert.match(x.err, /FAILED for .*bad\.mgbk:\n {2}bad\.mgbk is damaged or was altered: block \d+ \(at byte \d+\) fails authentication/);
    assert.deepEqual(x.out, []);

    const none = await cli(['backup', 'verify']);
    assert.equal(none.code, 1, 'BACKUP_DIR holds no backup yet');
    assert.match(none.err, /no backup in .* to verify/);

    const r = await cli(['restore', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /not empty: schema public has \d+ tables .*--into-non-empty/);
    const missing = await cli(['restore', path.join(tmp, 'no-such.mgbk')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /does not exist/);
  });

  it('the installed program prints only the path on standard output', () => {
    const out = path.join(tmp, 'spawned');
    const r = spawnSync(process.execPath, [path.join(root, 'bin/madoguchi.js'), 'backup', '--out', out], {
      cwd: root,
      // MADOGUCHI_ENV=test is refused outside the test runner: the program runs as an installation would.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env, MADOGUCHI_ENV: 'demo' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const [name] = listBackupFiles(out);
    assert.equal(r.stdout, `${path.join(out, name as string)}\n`);
  });

  describe('on a copy with the demo data', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ demo: true });
    });
    after(() => app.close());

    it('backs up with no demo name, phone or e-mail readable, and the drill passes on the schedule and from the command line', async () => {
      const dir = path.join(tmp, 'demo-backups');
      Object.assign(app.ctx.config.operations.backup, { dir, scheduled: true, hourJst: 0 });
      // The demo's own people: in the database (encrypted fields) and, as plain text, in the seed.
      const people = [
        '見本 太郎',
        '090-5550-0001',
        'taro@example.jp',
        '試験 花子',
        '080-5550-0002',
        'hanako@example.jp',
        'sakura@example.jp',
      ];
      const jobs = [dailyBackupJob, restoreDrillJob, missingBackupCheckJob];
      // minutes from 12:00 Japan time today: the backup hour (00:00 here) is never crossed between ticks,
      // whatever time the test runs (from real time, a run starting just before midnight would see two days)
      const noon = jstInstant(jstDate(new Date()), '12:00').getTime();
      const tick = async (minutes: number) => {
        const ctx = { ...app.ctx, clock: { now: () => new Date(noon + minutes * 60_000) } };
        const worker = new JobWorker(ctx, jobs);
        await worker.ensureSchedules();
        await worker.drain();
      };
      await tick(0);
      await tick(11); // the drill job may have woken before the day's backup existed
      const runs = await app.ctx.db.query<{ kind: string; trigger: string; outcome: string; error: string | null }>(
        `SELECT kind, trigger, outcome, error FROM backup_runs ORDER BY id`,
      );
      assert.deepEqual(
        runs.rows.map((r) => `${r.kind} ${r.trigger} ${r.outcome} ${r.error ?? ''}`.trim()),
        ['backup job success', 'drill job success'],
      );
      const audit = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'backup.verified' AND outcome = 'success'`);
      assert.equal(audit.rowCount, 1);
      await tick(12);
      assert.equal((await app.ctx.db.query(`SELECT 1 FROM backup_runs`)).rowCount, 2, 'nothing runs twice the same day');

      const [name] = listBackupFiles(dir);
      const file = path.join(dir, name as string);
      const bytes = fs.readFileSync(file);
      for (const p of people) assert.equal(bytes.indexOf(Buffer.from(p, 'utf8')), -1, `"${p}" readable in the backup file`);
      // Inside the encryption too, field encryption keeps citizens' names, phones and e-mails unreadable.
      const dump: Buffer[] = [];
      await readBackupFile(file, app.ctx.secrets.backup, (c) => {
        dump.push(c);
      });
      const plain = serverUrl ? pgRestoreToSql(Buffer.concat(dump)) : zlib.gunzipSync(Buffer.concat(dump));
      assert.ok(plain.indexOf(Buffer.from('rsv_reservations')) >= 0, 'the decrypted dump is readable as such');
      for (const p of people) assert.equal(plain.indexOf(Buffer.from(p, 'utf8')), -1, `"${p}" in clear in the decrypted dump`);

      // The command line, on another installation that holds the same backup key.
      const saved = process.env.MADOGUCHI_BACKUP_KEY;
      process.env.MADOGUCHI_BACKUP_KEY = app.ctx.config.operations.backup.key as string;
      try {
        const v = await cli(['backup', 'verify', file]);
        assert.equal(v.code, 0, v.err);
      } finally {
        process.env.MADOGUCHI_BACKUP_KEY = saved;
      }
    });
  });
});

/** The SQL a custom-format dump restores (pg_restore -f -): what an attacker with the backup key would read. */
function pgRestoreToSql(dump: Buffer): Buffer {
  const r = spawnSync('pg_restore', ['--file=-'], { input: dump, maxBuffer: 512 << 20 });
  assert.equal(r.status, 0, r.stderr?.toString());
  return r.stdout;
}
