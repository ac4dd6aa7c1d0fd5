/**
 * Durable jobs on the application's own database (an outbox table; no extra service).
 *
 * A worker claims one due job at a time with FOR UPDATE SKIP LOCKED and runs its handler inside
 * that same transaction, then marks it done before committing. So the handler's database effects
 * and the "done" mark commit together: with any number of workers and processes, a job's effects
 * happen exactly once; a crash rolls both back and the job runs again. Effects outside the database
 * (e-mail, LINE pushes) must carry the job's id as their retry key so a rerun is not a second send.
 * A failing job is retried with exponential backoff, then kept as 'dead' for inspection.
 *
 * When the database goes away (restart, failover), the transaction of the job being run is lost with
 * its connection: nothing of it commits, the job is not marked done and runs again — once — when the
 * database is back; a lost database is not counted as one of the job's attempts. The poll loop
 * survives every failure and backs off while they last (JobWorker.nextPollMs).
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { AppContext } from './context.js';
import { isDatabaseUnavailable, onDatabaseAvailable, reportDatabaseUnavailable, type Queryable } from './db.js';

export type JobRecord = {
  id: number;
  queue: string;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  /**
   * The same on every attempt of this job and never the same for another job, even after a database is
   * restored from a backup and its ids are issued again (the id with the job's creation time): the key an
   * effect outside the database carries (a mail's Message-ID, a LINE retry key), so a rerun after a lost
   * commit repeats the effect under the same key instead of making a second one.
   */
  retryKey: string;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  queue: string;
  payload: S;
  /** Runs inside the claiming transaction; use `tx` for database effects. */
  handler: (ctx: AppContext, tx: Queryable, payload: z.output<S>, job: JobRecord) => Promise<void>;
  /**
   * Recurring: enqueued once per interval across all workers. A function reads the interval from
   * configuration when the worker starts; 0 means not scheduled.
   */
  everySeconds?: number | ((config: Config) => number);
  maxAttempts?: number;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export type EnqueueOptions = { runAt?: Date; dedupeKey?: string; maxAttempts?: number };

/** Adds a job in the caller's transaction; with a dedupeKey, a second enqueue is a no-op. Returns the id or null. */
export async function enqueue(tx: Queryable, queue: string, payload: unknown, options: EnqueueOptions = {}): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO jobs (queue, payload, dedupe_key, run_at, max_attempts)
     VALUES ($1, $2, $3, COALESCE($4, now()), COALESCE($5, 8))
     ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
    [queue, JSON.stringify(payload ?? {}), options.dedupeKey ?? null, options.runAt ?? null, options.maxAttempts ?? null],
  );
  return r.rows[0]?.id ?? null;
}

/** Backoff before attempt n+1: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

type ClaimedRow = {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  created_at: Date;
};

export class JobWorker {
  readonly id = `w-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  private readonly defs = new Map<string, JobDefinition>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private stopRequested = false;
  /** Polls that failed in a row (backoff). */
  private failures = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: AppContext,
    definitions: JobDefinition[],
    private readonly options: { pollMs?: number; maxBackoffMs?: number } = {},
  ) {
    for (const d of definitions) {
      if (this.defs.has(d.queue)) throw new Error(`Job queue "${d.queue}" is defined twice`);
      this.defs.set(d.queue, d);
    }
  }

  /** Registers recurring schedules (idempotent) and starts polling. */
  async start(): Promise<void> {
    await this.ensureSchedules();
    this.stopped = false;
    this.stopRequested = false;
    this.failures = 0;
    // Back from an outage (seen by any request of this process): poll now rather than at the end of the backoff.
    this.unsubscribe = onDatabaseAvailable(this.ctx.db, () => {
      if (this.failures > 0 && this.timer && !this.stopped) {
        clearTimeout(this.timer);
        this.schedule(0);
      }
    });
    this.schedule(0);
  }

  /** The next poll; `timer` is set only while no poll runs, so there is never a second loop. */
  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    this.running = this.drain().then(
      () => {
        this.failures = 0;
      },
      (err) => this.pollFailed(err),
    );
    await this.running;
    if (!this.stopped) this.schedule(this.nextPollMs());
  }

  /**
   * A poll that failed (the database away, a claim or a schedule query refused) never ends the loop:
   * the next one waits longer — poll interval doubled per failure in a row, up to maxBackoffMs — and the
   * first success returns to the normal interval. An unavailable database is logged once per outage.
   */
  private pollFailed(err: unknown): void {
    this.failures++;
    if (isDatabaseUnavailable(err)) reportDatabaseUnavailable(this.ctx.db, err, this.ctx.log);
    else this.ctx.log.error({ err, failures: this.failures }, 'job worker poll failed; retrying with backoff');
  }

  /** The wait before the next poll: the poll interval, or the backoff after failures in a row. */
  nextPollMs(): number {
    const poll = this.options.pollMs ?? 1000;
    if (this.failures === 0) return poll;
    return Math.min(this.options.maxBackoffMs ?? 10_000, poll * 2 ** Math.min(this.failures, 20));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async ensureSchedules(): Promise<void> {
    for (const d of this.defs.values()) {
      const every = typeof d.everySeconds === 'function' ? d.everySeconds(this.ctx.config) : d.everySeconds;
      if (!every) continue;
      await this.ctx.db.query(
        `INSERT INTO job_schedules (name, queue, interval_seconds, next_run_at) VALUES ($1, $1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds`,
        [d.queue, every, this.ctx.clock.now()],
      );
    }
  }

  /** Runs due jobs until none is left (or limit reached); returns how many ran (incl. failures). */
  async drain(limit = 10_000): Promise<number> {
    await this.fireSchedules();
    let n = 0;
    while (n < limit && !this.stopRequested) {
      const ran = await this.runOne();
      if (!ran) break;
      n++;
    }
    return n;
  }

  /** Enqueues each recurring job whose time has come; the conditional update lets one worker win. */
  async fireSchedules(): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const due = await tx.query<{ name: string; queue: string; next_run_at: Date }>(
        `UPDATE job_schedules SET next_run_at = $1::timestamptz + make_interval(secs => interval_seconds)
         WHERE next_run_at <= $1 RETURNING name, queue, next_run_at`,
        [now],
      );
      for (const s of due.rows) await enqueue(tx, s.queue, {}, { runAt: now, dedupeKey: `schedule:${s.name}:${now.toISOString()}` });
    });
  }

  /** Claims and runs one due job. Returns false when none is due. */
  async runOne(): Promise<boolean> {
    const now = this.ctx.clock.now();
    let failed: { job: ClaimedRow; err: unknown } | undefined;
    const claimed = await this.ctx.db.transaction(async (tx) => {
      const r = await tx.query<ClaimedRow>(
        `SELECT id, queue, payload, attempts, max_attempts, run_at, created_at FROM jobs
         WHERE state = 'pending' AND run_at <= $1 AND queue = ANY($2)
         ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now, [...this.defs.keys()]],
      );
      const job = r.rows[0];
      if (!job) return false;
      const def = this.defs.get(job.queue) as JobDefinition;
      try {
        await tx.query('SAVEPOINT job_handler');
        const payload = def.payload.parse(job.payload);
        await def.handler(this.ctx, tx, payload, {
          id: job.id,
          queue: job.queue,
          attempts: job.attempts + 1,
          maxAttempts: job.max_attempts,
          runAt: job.run_at,
          retryKey: `${job.id}-${job.created_at.getTime().toString(36)}`,
        });
        await tx.query('RELEASE SAVEPOINT job_handler');
        await tx.query(
          `UPDATE jobs SET state = 'done', attempts = attempts + 1, finished_at = $2, locked_by = $3, last_error = NULL WHERE id = $1`,
          [job.id, now, this.id],
        );
      } catch (err) {
        // The database went away under the handler: not the job's failure. The whole transaction is
        // lost (the server discards it with the connection), so the job stays pending, its attempts
        // unspent, and runs again once the database is back.
        if (isDatabaseUnavailable(err)) throw err;
        // Undo the handler's partial effects but keep the claim, then record the failure.
        await tx.query('ROLLBACK TO SAVEPOINT job_handler');
        const attempts = job.attempts + 1;
        const dead = attempts >= job.max_attempts;
        await tx.query(
          `UPDATE jobs SET attempts = $2, state = $3, last_error = $4, locked_by = $5,
             run_at = $6, finished_at = CASE WHEN $3 = 'dead' THEN $7::timestamptz ELSE NULL END WHERE id = $1`,
          [
            job.id,
            attempts,
            dead ? 'dead' : 'pending',
            String((err as Error)?.message ?? err).slice(0, 500),
            this.id,
            new Date(now.getTime() + backoffSeconds(attempts) * 1000),
            now,
          ],
        );
        failed = { job, err };
      }
      return true;
    });
    if (failed)
      this.ctx.log.warn(
        { jobId: failed.job.id, queue: failed.job.queue, err: String((failed.err as Error)?.message ?? failed.err) },
        'job failed',
      );
    return claimed;
  }
}
