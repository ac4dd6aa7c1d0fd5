/**
 * Security review M-3: someone with full rights on the database deletes the newest audit entries and
 * moves the chain head back (triggers bypassed with session_replication_role = replica, as a
 * superuser can). The hash chain alone cannot notice a shorter tail; the checkpoint files written
 * outside the database every few minutes do.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { dbKind, startTestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import { readCheckpointFile } from './audit-checkpoint.js';
import { appendEntries, runAuditCommand } from './audit-test-support.js';
import { auditCheckpointJob, auditCheckpointMailJob } from './checkpoint.job.js';

describe(`audit log anchored outside the database (${dbKind})`, () => {
  it('reports entries deleted from the end of the log (head moved back) as lost since the newest checkpoint file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-anchor-'));
    const clock = new ManualClock('2026-04-01T00:00:00Z');
    const app = await startTestApp({
      clock,
      env: { AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_MAIL_TO: 'kansa@city.example.lg.jp' },
    });
    try {
      assert.equal(app.ctx.config.auditCheckpointIntervalSeconds, 300);
      const mail = await smtpStandin();
      await appendEntries(app.ctx, 12);
      const worker = new JobWorker(app.ctx, [auditCheckpointJob, auditCheckpointMailJob]);
      await worker.ensureSchedules();
      await worker.drain();
      const files = fs.readdirSync(dir);
      assert.equal(files.length, 1);
      assert.equal(readCheckpointFile(path.join(dir, files[0]!)).seq, 12);
      const sent = mail.messages.filter((m) => m.to.includes('kansa@city.example.lg.jp'));
      assert.equal(sent.length, 1, 'the checkpoint is mailed to the auditors');
      assert.equal(JSON.parse(sent[0]!.attachments[0]!.content.toString('utf8')).seq, 12);

      // Five minutes later with nothing new: no second file, no second mail.
      clock.advance(300_000);
      await worker.drain();
      assert.equal(fs.readdirSync(dir).length, 1);
      assert.equal(mail.messages.filter((m) => m.to.includes('kansa@city.example.lg.jp')).length, 1);

      const before = await runAuditCommand(app.ctx, 'audit verify');
      assert.equal(before.code, 0, before.err);
      assert.match(before.out, /agrees with the external checkpoint of entry 12/);

      // The attack: the two newest entries deleted, the head moved back, the stored checkpoints removed.
      await app.ctx.db.transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
        const h10 = (await tx.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 10')).rows[0]!;
        await tx.query('DELETE FROM audit_log WHERE seq > 10');
        await tx.query('UPDATE audit_chain_head SET seq = 10, hash = $1', [h10.hash]);
        await tx.query('DELETE FROM audit_checkpoints');
      });

      const after = await runAuditCommand(app.ctx, 'audit verify');
      assert.equal(after.code, 1, after.out);
      assert.match(after.err, /AUDIT CHAIN BROKEN at entry 11 \(checkpoint_beyond_end\)/);
      assert.match(after.err, /covers entry 12, but the log ends at 10: entries 11 to 12 were lost \(deleted\) since that checkpoint/);

      // The next periodic run does not sign the shortened chain (which would bless it): it raises an alert.
      clock.advance(300_000);
      await worker.drain();
      assert.equal(fs.readdirSync(dir).length, 1);
      const alert = await app.ctx.db.query<{ detail: { problem: string } }>(
        `SELECT detail FROM security_events WHERE kind = 'audit.chain_broken'`,
      );
      assert.deepEqual(
        alert.rows.map((r) => r.detail.problem),
        ['checkpoint_beyond_end'],
      );
    } finally {
      await app.close();
      await stopSmtpStandin();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
