/**
 * Backups on the database the tests run on (PGlite, or PostgreSQL with DATABASE_URL): a backup verifies; a
 * file with one byte changed does not, naming why; a restore into an empty database gives the same rows and a
 * valid audit chain, and a non-empty one is refused; generations beyond the limit go, oldest first; a failed
 * backup is recorded and removes nothing; the missing-backup check raises once a day; no personal data in clear.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServerDatabase, serverUrl, startTestApp, testConfig, type TestApp } from '../../../../test/helpers.js';
import { createContext } from '../../../bootstrap.js';
import type { AppContext } from '../../../platform/context.js';
import { generateSecretValues } from '../../../platform/secrets.js';
import { verifyAuditChain } from '../../audit/index.js';
import { makeStaff } from '../../staff/test-support.js';
import { readBackupFile } from './backup-file.js';
import { missingBackupCheckJob, todaysBackupHour } from './backup.jobs.js';
import { type BackupResult, createBackup, listBackupFiles } from './create-backup.js';
import { readDatabaseFacts } from './database-facts.js';
import { RestoreRefused, restoreBackup } from './restore-backup.js';
import { runDrill } from './run-drill.js';

const by = { actor: { type: 'system' as const, label: 'test' } };
const backupKey = generateSecretValues('t').MADOGUCHI_BACKUP_KEY as string;

function flipByte(file: string, at: number): string {
  const copy = path.join(path.dirname(file), `tampered-${path.basename(file)}`);
  const b = fs.readFileSync(file);
  b[at] = (b[at] as number) ^ 0x01;
  fs.writeFileSync(copy, b);
  return copy;
}

describe(`backups (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let app: TestApp;
  let tmp: string;
  let dir: string;
  let first: Extract<BackupResult, { isOk: true }>;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-backup-'));
    dir = path.join(tmp, 'backups');
    app = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_KEEP_GENERATIONS: '2', MADOGUCHI_BACKUP_KEY: backupKey } });
    // Known plaintext: a staff member's display name and log-in id are stored in clear in the database.
    await makeStaff(app, { loginId: 'kanazawa.backup', dept: 'somu', role: 'sys-admin' });
    const r = await createBackup(app.ctx, { trigger: 'cli', by });
    assert.ok(r.isOk, r.isOk ? '' : r.error);
    first = r;
  });
  after(async () => {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes one file whose manifest states the counts, schema version and audit head of the database', async () => {
    assert.equal(path.dirname(first.file), dir);
    assert.match(path.basename(first.file), /^madoguchi-backup-\d{8}T\d{6}\.\d{3}Z\.mgbk$/);
    const facts = await readDatabaseFacts(app.ctx.db);
    // The backup's own records (run, audit entry) came after its snapshot.
    assert.equal(first.manifest.tables.staff, facts.tables.staff);
    assert.equal(first.manifest.tables.audit_log, (facts.tables.audit_log as number) - 1);
    assert.equal(first.manifest.schemaVersion, facts.schemaVersion);
    assert.ok(first.manifest.schemaVersion >= 51);
    assert.equal(first.manifest.auditHead.seq, facts.auditHead.seq - 1);
    const reread = await readBackupFile(first.file, app.ctx.secrets.backup);
    assert.deepEqual(reread, first.manifest);
    const run = await app.ctx.db.query<{ outcome: string; size_bytes: number; checksum: string }>(
      'SELECT outcome, size_bytes, checksum FROM backup_runs WHERE id = $1',
      [first.runId],
    );
    assert.deepEqual(run.rows[0], { outcome: 'success', size_bytes: fs.statSync(first.file).size, checksum: first.sha256 });
    const audit = await app.ctx.db.query<{ action: string; actor_type: string }>(
      `SELECT action, actor_type FROM audit_log WHERE record_type = 'backup' ORDER BY seq`,
    );
    assert.deepEqual(audit.rows, [{ action: 'backup.created', actor_type: 'system' }]);
  });

  it('holds no personal data in clear: the staff name and log-in id are in the database but not in the file', async () => {
    const staff = await app.ctx.db.query<{ display_name: string }>(`SELECT display_name FROM staff WHERE login_id = 'kanazawa.backup'`);
    assert.equal(staff.rows[0]?.display_name, 'テスト kanazawa.backup');
    const bytes = fs.readFileSync(first.file);
    for (const needle of ['テスト kanazawa.backup', 'kanazawa.backup', 'somu 課', 'staff.created'])
      assert.equal(bytes.indexOf(Buffer.from(needle, 'utf8')), -1, `"${needle}" readable in the backup file`);
  });

  it('verifies: the copy restored into a scratch database matches the manifest and its audit chain holds', async () => {
    const r = await runDrill(app.ctx, { trigger: 'cli', by, file: first.file });
    assert.deepEqual(r.problems, []);
    assert.equal(r.isOk, true);
    assert.equal(r.auditEntries, first.manifest.auditHead.seq);
    const drill = await app.ctx.db.query<{ kind: string; outcome: string }>('SELECT kind, outcome FROM backup_runs WHERE id = $1', [
      r.runId,
    ]);
    assert.deepEqual(drill.rows[0], { kind: 'drill', outcome: 'success' });
    if (serverUrl) {
      assert.match(r.scratchDatabase ?? '', /^madoguchi_verify_[0-9a-f]{12}$/);
      const left = await app.ctx.db.query('SELECT 1 FROM pg_database WHERE datname = $1', [r.scratchDatabase]);
      assert.equal(left.rowCount, 0, 'the scratch database was dropped');
    }
  });

  it('refuses a file with one byte changed, naming the block, and records a failed drill and a security event', async () => {
    const size = fs.statSync(first.file).size;
    const middle = flipByte(first.file, Math.floor(size / 2));
    const r = await runDrill(app.ctx, { trigger: 'cli', by, file: middle });
    assert.equal(r.isOk, false);
    assert.match(r.problems.join('\n'), /damaged or was altered: block \d+ \(at byte \d+\)( or the header)? fails authentication/);
    if (serverUrl) {
      const left = await app.ctx.db.query('SELECT 1 FROM pg_database WHERE datname = $1', [r.scratchDatabase]);
      assert.equal(left.rowCount, 0, 'the scratch database was dropped after the failure too');
    }
    const header = flipByte(first.file, 20);
    const h = await runDrill(app.ctx, { trigger: 'cli', by, file: header });
    assert.equal(h.isOk, false);
    assert.match(h.problems.join('\n'), /damaged header|not a madoguchi backup|block 0 .* or the header fails authentication/);
    const truncated = path.join(tmp, 'truncated.mgbk');
    fs.writeFileSync(truncated, fs.readFileSync(first.file).subarray(0, size - 40));
    const t = await runDrill(app.ctx, { trigger: 'cli', by, file: truncated });
    assert.match(t.problems.join('\n'), /truncated/);
    const events = await app.ctx.db.query<{ kind: string; severity: string }>(
      `SELECT kind, severity FROM security_events WHERE kind = 'backup.drill_failed'`,
    );
    assert.equal(events.rowCount, 3);
    assert.equal(events.rows[0]?.severity, 'alert');
    const audit = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'backup.verified' AND outcome = 'failure'`);
    assert.equal(audit.rowCount, 3);
  });

  it('names each difference when the copy does not match the manifest', async () => {
    // A backup whose manifest disagrees with its dump can only come from a writer, not from an attacker
    // without the key: write one with this test's key to see the comparison speak.
    const { BackupWriter } = await import('./backup-file.js');
    const forged = path.join(tmp, 'forged.mgbk');
    const w = await BackupWriter.create(forged, app.ctx.secrets.backup, app.ctx.db.kind);
    await readBackupFile(first.file, app.ctx.secrets.backup, (c) => w.write(c));
    await w.finish({ ...first.manifest, tables: { ...first.manifest.tables, staff: 99 } });
    const r = await runDrill(app.ctx, { trigger: 'cli', by, file: forged });
    assert.equal(r.isOk, false);
    assert.deepEqual(r.problems, [`staff: expected 99, found ${first.manifest.tables.staff}`]);
  });

  it('refuses to restore into a database that is not empty, naming the way out', async () => {
    await assert.rejects(
      restoreBackup(app.ctx, first.file, { intoNonEmpty: false, by }),
      (err: Error) =>
        err instanceof RestoreRefused &&
        /not empty: schema public has \d+ tables/.test(err.message) &&
        /--into-non-empty/.test(err.message),
    );
  });

  it('restores into an empty database: the same rows in every table and a valid audit chain continued by backup.restored', async () => {
    const target = serverUrl ? await createServerDatabase(serverUrl) : undefined;
    const dataDir = path.join(tmp, 'restored');
    let ctx: AppContext | undefined;
    try {
      ctx = await createContext(
        testConfig({ MADOGUCHI_DATA_DIR: dataDir, MADOGUCHI_BACKUP_KEY: backupKey, ...(target ? { DATABASE_URL: target.url } : {}) }),
      );
      const r = await restoreBackup(ctx, first.file, { intoNonEmpty: false, by });
      assert.equal(r.replaced, false);
      const facts = await readDatabaseFacts(ctx.db);
      assert.deepEqual({ ...facts.tables, audit_log: 0 }, { ...first.manifest.tables, audit_log: 0 });
      assert.equal(facts.tables.audit_log, (first.manifest.tables.audit_log as number) + 1);
      const chain = await verifyAuditChain(ctx.db);
      assert.equal(chain.isOk, true, chain.problem?.message);
      const last = await ctx.db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1');
      assert.equal(last.rows[0]?.action, 'backup.restored');
      // Told to, it replaces a database that is not empty (PGlite: the old directory is kept aside).
      const again = await restoreBackup(ctx, first.file, { intoNonEmpty: true, by });
      assert.equal(again.replaced, true);
      if (!serverUrl) assert.ok(again.movedAside && fs.existsSync(again.movedAside));
      assert.equal((await readDatabaseFacts(ctx.db)).tables.staff, first.manifest.tables.staff);
    } finally {
      await ctx?.db.close();
      await target?.drop();
    }
  });

  it('keeps the newest N generations and removes the oldest, audited (and clears a day-old partial file)', async () => {
    const before = listBackupFiles(dir);
    const made: string[] = [];
    const stale = path.join(dir, 'madoguchi-backup-20200101T000000.000Z.mgbk.partial');
    fs.writeFileSync(stale, 'cut short');
    fs.utimesSync(stale, new Date('2020-01-01'), new Date('2020-01-01'));
    for (let i = 0; i < 2; i++) {
      const r = await createBackup(app.ctx, { trigger: 'cli', by });
      assert.ok(r.isOk);
      made.push(path.basename(r.file));
    }
    const after = listBackupFiles(dir);
    assert.deepEqual(after, made, 'exactly the 2 newest remain');
    assert.equal(fs.existsSync(stale), false, 'a day-old partial file is cleared');
    assert.ok(before.every((f) => !after.includes(f)));
    const removed = await app.ctx.db.query<{ record_id: string }>(
      `SELECT record_id FROM audit_log WHERE action = 'backup.removed' ORDER BY seq`,
    );
    assert.deepEqual(
      removed.rows.map((r) => r.record_id),
      before,
    );
  });

  it('records a failed backup (backup.failed: run, audit, alert) and removes no generation', async () => {
    const kept = listBackupFiles(dir);
    const b = app.ctx.config.operations.backup;
    const saved = b.pgBinDir;
    const notADir = path.join(tmp, 'not-a-directory');
    fs.writeFileSync(notADir, '');
    try {
      // PostgreSQL: pg_dump is not where PG_BIN_DIR says; PGlite: the output directory cannot be created.
      if (serverUrl) b.pgBinDir = path.join(tmp, 'no-such-bin');
      const r = await createBackup(app.ctx, { trigger: 'cli', by, outDir: serverUrl ? dir : path.join(notADir, 'x') });
      assert.equal(r.isOk, false);
      assert.match(r.isOk ? '' : r.error, serverUrl ? /pg_dump was not found .*PG_BIN_DIR/ : /ENOTDIR|not a directory/);
    } finally {
      b.pgBinDir = saved;
    }
    assert.deepEqual(listBackupFiles(dir), kept);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.partial')),
      [],
    );
    const run = await app.ctx.db.query<{ outcome: string; error: string }>(
      `SELECT outcome, error FROM backup_runs WHERE kind = 'backup' ORDER BY id DESC LIMIT 1`,
    );
    assert.equal(run.rows[0]?.outcome, 'failure');
    const event = await app.ctx.db.query<{ severity: string }>(`SELECT severity FROM security_events WHERE kind = 'backup.failed'`);
    assert.deepEqual(event.rows, [{ severity: 'alert' }]);
    const audit = await app.ctx.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'backup.failed' AND outcome = 'failure' AND actor_type = 'system'`,
    );
    assert.equal(audit.rowCount, 1);
  });

  it('raises backup.missing when the newest successful backup is older than 26 hours, once a day', async () => {
    const newest = (
      await app.ctx.db.query<{ at: Date }>(`SELECT max(finished_at) AS at FROM backup_runs WHERE outcome = 'success' AND kind = 'backup'`)
    ).rows[0]!.at;
    const at = (hours: number) => new Date(new Date(newest).getTime() + hours * 3_600_000);
    const check = async (now: Date) => {
      const ctx = { ...app.ctx, clock: { now: () => now } };
      await app.ctx.db.transaction((tx) =>
        missingBackupCheckJob.handler(ctx, tx, {}, { id: 0, queue: '', attempts: 1, maxAttempts: 1, runAt: now, retryKey: '0' }),
      );
      return Number(
        (await app.ctx.db.query<{ n: number }>(`SELECT count(*) AS n FROM security_events WHERE kind = 'backup.missing'`)).rows[0]?.n,
      );
    };
    assert.equal(await check(at(25)), 0);
    assert.equal(await check(at(27)), 1);
    assert.equal(await check(at(30)), 1, 'not again the same day');
    assert.equal(await check(at(27 + 25)), 2, 'again a day later');
  });

  it("knows today's backup hour in Japan time", () => {
    assert.equal(todaysBackupHour(new Date('2026-04-12T16:59:00Z'), 2), undefined); // 01:59 JST on the 13th
    assert.deepEqual(todaysBackupHour(new Date('2026-04-12T17:00:00Z'), 2), new Date('2026-04-12T17:00:00Z'));
    assert.deepEqual(todaysBackupHour(new Date('2026-04-13T14:00:00Z'), 2), new Date('2026-04-12T17:00:00Z')); // 23:00 JST
  });
});
