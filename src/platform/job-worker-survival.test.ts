/**
 * The job worker through a database that goes away: its poll loop never ends, backs off while polls
 * fail and logs the outage once; a job whose transaction is lost with the database is neither done
 * nor failed (no attempt spent) and runs again, once, when the database is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { dbKind, postgresRace, startTestApp, type TestApp } from '../../test/helpers.js';
import type { AppContext } from './context.js';
import type { Db } from './db.js';
import { defineJob, enqueue, JobWorker } from './jobs.js';

const onPostgres = { skip: postgresRace.skip && 'a PostgreSQL server connection is needed' } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What node-postgres rejects with once the server has ended the session. */
const lostConnection = () => new Error('Connection terminated unexpectedly');

describe(`job worker when the database goes away (${dbKind})`, () => {
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

  const jobRow = async (id: number) =>
    (
      await app.ctx.db.query<{ state: string; attempts: number; last_error: string | null; effects: number }>(
        `SELECT state, attempts, last_error, (SELECT count(*)::int FROM job_effects WHERE job_id = $1) AS effects FROM jobs WHERE id = $1`,
        [id],
      )
    ).rows[0];

  /** The app's context on a database that refuses every statement while `down`, and a log that keeps its lines. */
  function outageContext(fail: () => Error) {
    const real = app.ctx.db;
    const state = { down: true, polls: [] as number[] };
    const refuse = () => Promise.reject(fail());
    const db: Db = {
      ...real,
      query: (sql, params) => (state.down ? refuse() : real.query(sql, params)),
      exec: (sql) => (state.down ? refuse() : real.exec(sql)),
      transaction: (fn, options) => {
        state.polls.push(performance.now());
        return state.down ? refuse() : real.transaction(fn, options);
      },
    };
    const lines: { level: string; obj: Record<string, unknown> }[] = [];
    const keep = (level: string) => (obj: unknown) => void lines.push({ level, obj: (obj ?? {}) as Record<string, unknown> });
    const log = { ...app.ctx.log, warn: keep('warn'), error: keep('error'), info: keep('info') } as unknown as AppContext['log'];
    return { ctx: { ...app.ctx, db, log } as AppContext, state, lines };
  }

  it('keeps polling with a growing wait while the database is away, logs it once, and runs the job when it is back', async () => {
    const id = (await enqueue(app.ctx.db, 'test.effect', { n: 1 })) as number;
    const { ctx, state, lines } = outageContext(lostConnection);
    const worker = new JobWorker(ctx, [effect], { pollMs: 20, maxBackoffMs: 160 });
    await worker.start();
    try {
      await sleep(900);
      const gaps = state.polls.slice(1).map((t, i) => t - (state.polls[i] as number));
      // 40, 80, 160, 160 … ms: about eight polls in 900 ms, never a tight loop, never given up
      assert.ok(state.polls.length >= 4 && state.polls.length <= 12, `polls while down: ${state.polls.length}`);
      assert.ok((gaps[0] as number) >= 30, `first wait ${gaps[0]}`);
      assert.ok(
        gaps.slice(3).every((g) => g >= 140 && g < 600),
        `capped waits: ${gaps.map(Math.round).join(', ')}`,
      );
      assert.deepEqual(
        lines.map((l) => [l.level, l.obj.event]),
        [['warn', 'database_unavailable']],
        'one warning for the whole outage',
      );
      assert.equal((await jobRow(id))?.state, 'pending');

      state.down = false;
      for (let i = 0; i < 50 && (await jobRow(id))?.state !== 'done'; i++) await sleep(20);
      assert.deepEqual(await jobRow(id), { state: 'done', attempts: 1, last_error: null, effects: 1 });
      // the poll that ran the job ends after the job's commit (it looks for more work first): wait for it
      for (let i = 0; i < 50 && worker.nextPollMs() !== 20; i++) await sleep(20);
      assert.equal(worker.nextPollMs(), 20, 'back to the normal interval');
    } finally {
      await worker.stop();
    }
  });

  it('logs a poll that fails for another reason as an error each time, and keeps polling', async () => {
    const { ctx, state, lines } = outageContext(() => new Error('relation "job_schedules" does not exist'));
    const worker = new JobWorker(ctx, [effect], { pollMs: 10, maxBackoffMs: 40 });
    await worker.start();
    await sleep(300);
    await worker.stop();
    const errors = lines.filter((l) => l.level === 'error');
    assert.ok(errors.length >= 3, `errors logged: ${errors.length}`);
    assert.equal(errors.length, state.polls.length);
    assert.equal(lines.filter((l) => l.obj.event === 'database_unavailable').length, 0);
  });

  it('neither finishes nor fails a job whose handler lost the database, and runs it again once', async () => {
    let runs = 0;
    const flaky = defineJob({
      queue: 'test.lost',
      payload: z.object({}),
      handler: async (_ctx, tx, _p, job) => {
        runs++;
        await tx.query('INSERT INTO job_effects (job_id, n) VALUES ($1, 0)', [job.id]);
        if (runs === 1) throw lostConnection();
      },
    });
    const id = (await enqueue(app.ctx.db, 'test.lost', {})) as number;
    const worker = new JobWorker(app.ctx, [flaky]);
    await assert.rejects(worker.runOne(), /Connection terminated unexpectedly/);
    assert.deepEqual(await jobRow(id), { state: 'pending', attempts: 0, last_error: null, effects: 0 }, 'no attempt spent, nothing kept');
    // the lost transaction's connection is discarded, not rolled back: on PostgreSQL its row lock goes once the
    // server has noticed the closed connection, a moment later (SKIP LOCKED passes the row until then)
    let ran = await worker.runOne();
    for (let i = 0; i < 50 && !ran; i++) {
      await sleep(20);
      ran = await worker.runOne();
    }
    assert.equal(ran, true);
    assert.deepEqual(await jobRow(id), { state: 'done', attempts: 1, last_error: null, effects: 1 });
    assert.equal(await worker.runOne(), false, 'and not a third time');
    assert.equal(runs, 2);
  });

  it('runs a job again once when the server ends its connection in the middle of it', onPostgres, async () => {
    let runs = 0;
    const killer = defineJob({
      queue: 'test.killed',
      payload: z.object({}),
      handler: async (_ctx, tx, _p, job) => {
        runs++;
        await tx.query('INSERT INTO job_effects (job_id, n) VALUES ($1, 0)', [job.id]);
        // the server ends this very session (57P01), as a restart does
        if (runs === 1) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      },
    });
    const id = (await enqueue(app.ctx.db, 'test.killed', {})) as number;
    const worker = new JobWorker(app.ctx, [killer]);
    const err = await worker.runOne().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err, 'the first run was lost with its connection');
    assert.deepEqual(await jobRow(id), { state: 'pending', attempts: 0, last_error: null, effects: 0 });
    assert.equal(await worker.runOne(), true);
    assert.deepEqual(await jobRow(id), { state: 'done', attempts: 1, last_error: null, effects: 1 });
  });
});
