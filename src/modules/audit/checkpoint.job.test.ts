import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { dbKind, startTestApp } from '../../../test/helpers.js';
import { JobWorker } from '../../platform/jobs.js';
import { ManualClock } from '../../platform/clock.js';
import { readCheckpointFile } from './audit-checkpoint.js';
import { appendEntries, runAuditCommand, tamper } from './audit-test-support.js';
import { auditCheckpointJob } from './checkpoint.job.js';

describe(`periodic audit checkpoint job (${dbKind})`, () => {
  it('signs a verified head into the table and the directory, and refuses to sign a broken chain', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cp-'));
    const clock = new ManualClock('2026-04-01T00:00:00Z');
    const app = await startTestApp({ clock, env: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600', AUDIT_CHECKPOINT_DIR: dir } });
    try {
      await appendEntries(app.ctx, 5);
      const worker = new JobWorker(app.ctx, [auditCheckpointJob]);
      await worker.ensureSchedules();
      await worker.drain();
      const files = fs.readdirSync(dir);
      assert.equal(files.length, 1);
      const cp = readCheckpointFile(path.join(dir, files[0]!));
      assert.equal(cp.seq, 5);
      const stored = await app.ctx.db.query<{ seq: number }>('SELECT seq FROM audit_checkpoints');
      assert.deepEqual(
        stored.rows.map((r) => r.seq),
        [5],
      );
      assert.equal((await runAuditCommand(app.ctx, 'audit verify', { checkpoint: path.join(dir, files[0]!) })).code, 0);

      // An hour later, after tampering: no new checkpoint, an alert instead.
      await appendEntries(app.ctx, 2);
      await tamper(app.ctx, `UPDATE audit_log SET action = 'x' WHERE seq = 6`);
      clock.advance(3600_000);
      await worker.drain();
      assert.equal(fs.readdirSync(dir).length, 1);
      assert.equal((await app.ctx.db.query('SELECT 1 FROM audit_checkpoints')).rows.length, 1);
      const alert = await app.ctx.db.query<{ subject: string }>(`SELECT subject FROM security_events WHERE kind = 'audit.chain_broken'`);
      assert.deepEqual(
        alert.rows.map((r) => r.subject),
        ['6'],
      );
      const v = await app.ctx.db.query<{ is_ok: boolean; failed_seq: number }>(
        `SELECT is_ok, failed_seq FROM audit_verifications WHERE trigger = 'job' ORDER BY id DESC LIMIT 1`,
      );
      assert.deepEqual(v.rows[0], { is_ok: false, failed_seq: 6 });
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
