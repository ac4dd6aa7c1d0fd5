/**
 * The counts a scrape shows from the database: job queue depth and lag, bookings, applications and
 * payments by state, alerts by status. Read at scrape time, at most once per CACHE_MS per context
 * (several Prometheus servers, or a short scrape interval, share one read), and in three cheap
 * statements: the job counts use the partial index of due jobs; bookings are those from today on
 * (the retention index), not the whole history, which grows every day.
 */
import { DETECTOR_NAMES } from '../../../config.js';
import { APPLICATION_STATUSES } from '../../applications/index.js';
import type { AppContext } from '../../../platform/context.js';
import { contextLocal } from '../../../platform/context.js';
import { jstDate, jstDayStart } from '../../../platform/japan-time.js';
import type { AppMetrics } from './metrics-registry.js';

const CACHE_MS = 10_000;
/** A scrape answers within this even when the database hangs (Prometheus' default scrape timeout is 10 s). */
const READ_TIMEOUT_MS = 3_000;

/** The states of each table's CHECK constraint: each is shown, 0 when none, so a rule never sees a gap. */
const STATES = {
  counter: ['booked', 'arrived', 'done', 'no_show', 'cancelled'],
  card: ['booked', 'cancelled'],
  applications: APPLICATION_STATUSES,
  payments: ['creating', 'pending', 'paid', 'expired', 'cancelled', 'failed', 'refunded', 'partially_refunded'],
  alerts: ['open', 'acknowledged', 'closed'],
} as const;
const JOB_STATES = ['due', 'scheduled', 'running', 'dead'] as const;

type CountRow = { metric: 'counter' | 'card' | 'applications' | 'payments'; state: string; n: number | string };
type JobRow = { queue: string; state: (typeof JOB_STATES)[number]; n: number | string; oldest: Date | string | null };
type AlertRow = { status: string; detector: string; n: number | string };
/** `at`: monotonic time of the read (the cache); `now`: the context's clock at the read (the lag). */
type Counts = { at: number; now: number; rows: CountRow[]; jobs: JobRow[]; alerts: AlertRow[] | undefined };

type ReadState = {
  last: Counts | undefined;
  inFlight: Promise<Counts> | undefined;
  /** Queues seen once keep their series (at 0) after they empty, so a graph drops to 0 rather than vanishing. */
  seenQueues: Set<string>;
  hasAlertsTable: boolean;
};
const readStateOf = contextLocal<ReadState>(() => ({ last: undefined, inFlight: undefined, seenQueues: new Set(), hasAlertsTable: false }));

/** Sets the database-derived gauges; on a database failure keeps the last values and says so. */
export async function refreshDatabaseGauges(ctx: AppContext, metrics: AppMetrics): Promise<void> {
  const state = readStateOf.get(ctx);
  const fresh = state.last && performance.now() - state.last.at < CACHE_MS;
  if (fresh && state.last) return;
  state.inFlight ??= readCounts(ctx, state).finally(() => {
    state.inFlight = undefined;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const counts = await Promise.race([
      state.inFlight,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the database did not answer within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
      }),
    ]);
    state.last = counts;
    apply(metrics, state, counts);
    metrics.databaseReadOk.set(1);
  } catch (err) {
    ctx.log.warn({ err, event: 'metrics_database_read_failed' }, 'metrics: could not read counts from the database');
    metrics.databaseReadOk.set(0);
  } finally {
    clearTimeout(timer);
  }
}

async function readCounts(ctx: AppContext, state: ReadState): Promise<Counts> {
  const now = ctx.clock.now();
  const today = jstDayStart(jstDate(now));
  const counts = await ctx.db.query<CountRow>(
    `SELECT 'counter' AS metric, status AS state, count(*) AS n FROM rsv_reservations
       WHERE anonymised_at IS NULL AND starts_at >= $1 GROUP BY status
     UNION ALL
     SELECT 'card', b.status, count(*) FROM card_net_bookings b JOIN rsv_slots s ON s.id = b.slot_id
       WHERE s.starts_at >= $1 GROUP BY b.status
     UNION ALL
     SELECT 'applications', status, count(*) FROM app_applications GROUP BY status
     UNION ALL
     SELECT 'payments', status, count(*) FROM app_payments GROUP BY status`,
    [today],
  );
  const jobs = await ctx.db.query<JobRow>(
    `SELECT queue, CASE WHEN state = 'running' THEN 'running' WHEN run_at <= $1 THEN 'due' ELSE 'scheduled' END AS state,
            count(*) AS n, min(run_at) FILTER (WHERE state = 'pending' AND run_at <= $1) AS oldest
       FROM jobs WHERE state IN ('pending', 'running') GROUP BY 1, 2
     UNION ALL
     SELECT queue, 'dead', count(*), NULL FROM jobs WHERE state = 'dead' GROUP BY queue`,
    [now],
  );
  // The alerts table comes with the detection part's migration; until it exists there is nothing to count.
  if (!state.hasAlertsTable) {
    const t = await ctx.db.query<{ present: boolean }>(`SELECT to_regclass('alerts') IS NOT NULL AS present`);
    state.hasAlertsTable = t.rows[0]?.present === true;
  }
  const alerts = state.hasAlertsTable
    ? (await ctx.db.query<AlertRow>('SELECT status, detector, count(*) AS n FROM alerts GROUP BY status, detector')).rows
    : undefined;
  return { at: performance.now(), now: now.getTime(), rows: counts.rows, jobs: jobs.rows, alerts };
}

function apply(metrics: AppMetrics, state: ReadState, counts: Counts): void {
  metrics.bookings.reset();
  metrics.applications.reset();
  metrics.payments.reset();
  for (const s of STATES.counter) metrics.bookings.set({ kind: 'counter', state: s }, 0);
  for (const s of STATES.card) metrics.bookings.set({ kind: 'card', state: s }, 0);
  for (const s of STATES.applications) metrics.applications.set({ state: s }, 0);
  for (const s of STATES.payments) metrics.payments.set({ state: s }, 0);
  for (const r of counts.rows) {
    const n = Number(r.n);
    if (r.metric === 'counter' || r.metric === 'card') metrics.bookings.set({ kind: r.metric, state: r.state }, n);
    else metrics[r.metric].set({ state: r.state }, n);
  }

  metrics.jobs.reset();
  metrics.jobLag.reset();
  for (const r of counts.jobs) state.seenQueues.add(r.queue);
  for (const queue of state.seenQueues) {
    for (const s of JOB_STATES) metrics.jobs.set({ queue, state: s }, 0);
    metrics.jobLag.set({ queue }, 0);
  }
  for (const r of counts.jobs) {
    metrics.jobs.set({ queue: r.queue, state: r.state }, Number(r.n));
    if (r.oldest) metrics.jobLag.set({ queue: r.queue }, Math.max(0, (counts.now - new Date(r.oldest).getTime()) / 1000));
  }

  metrics.alerts.reset();
  if (counts.alerts) {
    for (const status of STATES.alerts) for (const detector of DETECTOR_NAMES) metrics.alerts.set({ status, detector }, 0);
    for (const r of counts.alerts) metrics.alerts.set({ status: r.status, detector: r.detector }, Number(r.n));
  }
}

/** Makes the next scrape read the database again (tests that change rows between scrapes). */
export function expireCountsCache(ctx: AppContext): void {
  readStateOf.get(ctx).last = undefined;
}
