import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { postgresRace, startTestApp, type TestApp } from '../../test/helpers.js';
import { defineJob, enqueue, JobWorker } from './jobs.js';

describe('durable jobs', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    await app.ctx.db.exec('CREATE TABLE job_effects (job_id bigint NOT NULL, n integer NOT NULL)');
  });
  after(() => app.close());

  const effect = defineJob({
    queue: 'test.effect',
    payload: z.object({ n: z.number() }),
    handler: async (_ctx, tx, payload, job) => {
      await tx.query('INSERT INTO job_effects (job_id, n) VALUES ($1, $2)', [job.id, payload.n]);
    },
  });

  it('runs each job exactly once with two workers draining concurrently', postgresRace, async () => {
    await app.ctx.db.transaction(async (tx) => {
      for (let i = 0; i < 200; i++) await enqueue(tx, 'test.effect', { n: i });
    });
    const a = new JobWorker(app.ctx, [effect]);
    const b = new JobWorker(app.ctx, [effect]);
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    assert.equal(ra + rb, 200);
    const r = await app.ctx.db.query<{ n: number; c: number }>(
      'SELECT n, count(*)::int AS c FROM job_effects GROUP BY n HAVING count(*) <> 1',
    );
    assert.deepEqual(r.rows, []);
    const total = await app.ctx.db.query<{ c: number }>('SELECT count(DISTINCT n)::int AS c FROM job_effects');
    assert.equal(total.rows[0]?.c, 200);
  });

  it('enqueues a deduplicated job once', async () => {
    const first = await enqueue(app.ctx.db, 'test.effect', { n: 1 }, { dedupeKey: 'once' });
    const second = await enqueue(app.ctx.db, 'test.effect', { n: 1 }, { dedupeKey: 'once' });
    assert.ok(first);
    assert.equal(second, null);
  });

  it('retries a failing job with backoff, undoes its partial effects, and keeps it dead after the last attempt', async () => {
    let calls = 0;
    const flaky = defineJob({
      queue: 'test.flaky',
      payload: z.object({}),
      handler: async (_ctx, tx, _p, job) => {
        calls++;
        await tx.query('INSERT INTO job_effects (job_id, n) VALUES ($1, -1)', [job.id]);
        throw new Error('provider down');
      },
    });
    const id = await enqueue(app.ctx.db, 'test.flaky', {}, { maxAttempts: 2 });
    const w = new JobWorker(app.ctx, [flaky]);
    assert.equal(await w.drain(), 1);
    let row = (
      await app.ctx.db.query<{ state: string; attempts: number; run_at: Date }>('SELECT state, attempts, run_at FROM jobs WHERE id = $1', [
        id,
      ])
    ).rows[0];
    assert.equal(row?.state, 'pending');
    assert.ok((row?.run_at.getTime() ?? 0) > Date.now() + 5000, 'next attempt is pushed back');
    await app.ctx.db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
    await w.drain();
    row = (
      await app.ctx.db.query<{ state: string; attempts: number; run_at: Date }>('SELECT state, attempts, run_at FROM jobs WHERE id = $1', [
        id,
      ])
    ).rows[0];
    assert.equal(row?.state, 'dead');
    assert.equal(row?.attempts, 2);
    assert.equal(calls, 2);
    const partial = await app.ctx.db.query('SELECT 1 FROM job_effects WHERE n = -1');
    assert.equal(partial.rows.length, 0);
  });
});
