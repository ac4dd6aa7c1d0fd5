import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dbKind, postgresRace, startTestApp } from '../../../test/helpers.js';
import { recordAudit } from './record-audit.js';
import { verifyAuditChain } from './verify-audit-chain.js';

describe(`recordAudit under concurrency (${dbKind})`, () => {
  it('200 appends from parallel transactions form one unbroken chain 1..200', postgresRace, async () => {
    // On PostgreSQL these are 200 real transactions on a pool of connections, contending for the
    // chain head; on PGlite (one session) they are serialised by the driver.
    const app = await startTestApp({ env: { DATABASE_POOL_SIZE: '20' } });
    try {
      const seqs = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          app.ctx.db.transaction(async (tx) => {
            // Some work before and after the append, as a real audited change would do.
            await tx.query('SELECT pg_sleep(0.001)');
            const seq = await recordAudit(tx, { actor: { type: 'system' }, action: 'test.concurrent', recordId: String(i) }, new Date());
            await tx.query('SELECT 1');
            return seq;
          }),
        ),
      );
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      const r = await verifyAuditChain(app.ctx.db);
      assert.equal(r.isOk, true, r.problem?.message);
      assert.equal(r.entries, 200);
      const distinct = await app.ctx.db.query<{ n: number }>('SELECT count(DISTINCT record_id)::int AS n FROM audit_log');
      assert.equal(distinct.rows[0]!.n, 200);
    } finally {
      await app.close();
    }
  });

  it('an append rolled back with its transaction leaves no gap', async () => {
    const app = await startTestApp();
    try {
      await app.ctx.db.transaction((tx) => recordAudit(tx, { actor: { type: 'system' }, action: 'test.kept' }, new Date()));
      await assert.rejects(
        app.ctx.db.transaction(async (tx) => {
          await recordAudit(tx, { actor: { type: 'system' }, action: 'test.rolled-back' }, new Date());
          throw new Error('the audited change failed');
        }),
      );
      const seq = await app.ctx.db.transaction((tx) => recordAudit(tx, { actor: { type: 'system' }, action: 'test.kept' }, new Date()));
      assert.equal(seq, 2);
      assert.equal((await verifyAuditChain(app.ctx.db)).isOk, true);
    } finally {
      await app.close();
    }
  });
});
