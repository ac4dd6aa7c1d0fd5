/**
 * Database-backed throttling: one row per (key, fixed window). The increment is a single atomic
 * upsert, so every concurrent attempt counts, across processes and on both databases.
 */
import type { Queryable } from '../../platform/db.js';

export type ThrottleOptions = { limit: number; windowSeconds: number };
export type ThrottleResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** Start of the fixed window that contains `now`. Pure. */
export function windowStartOf(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/**
 * Counts one attempt for `key` and says whether it is within the limit. The attempt is counted
 * even when refused (an attacker hammering a refused key keeps it refused).
 */
export async function hitThrottle(q: Queryable, key: string, opts: ThrottleOptions, now: Date): Promise<ThrottleResult> {
  const start = windowStartOf(now, opts.windowSeconds);
  const r = await q.query<{ count: number }>(
    `INSERT INTO throttle_counters (key, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (key, window_start) DO UPDATE SET count = throttle_counters.count + 1
     RETURNING count`,
    [key, start],
  );
  const count = Number(r.rows[0]?.count ?? 1);
  const allowed = count <= opts.limit;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((start.getTime() + opts.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed, count, retryAfterSeconds };
}

/** Current count for a key without counting an attempt (for displays and tests). */
export async function peekThrottle(q: Queryable, key: string, opts: ThrottleOptions, now: Date): Promise<number> {
  const r = await q.query<{ count: number }>('SELECT count FROM throttle_counters WHERE key = $1 AND window_start = $2', [
    key,
    windowStartOf(now, opts.windowSeconds),
  ]);
  return Number(r.rows[0]?.count ?? 0);
}

/** Removes windows that ended more than a day ago (run by a recurring job). */
export async function sweepThrottleCounters(q: Queryable, now: Date): Promise<number> {
  const r = await q.query('DELETE FROM throttle_counters WHERE window_start < $1', [new Date(now.getTime() - 86_400_000)]);
  return r.rowCount;
}
