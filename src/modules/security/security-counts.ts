/**
 * Per-minute counts of things too frequent to record one by one (a failed card-site log-in, a look-up of
 * an unknown reference number, a 5xx answer) for the intrusion detectors (src/modules/operations/detection).
 * One upsert per hit on a row per (source, key, minute): concurrent hits all count, on both databases,
 * and a flood costs a handful of rows per client per minute instead of a row per attempt. Swept after
 * eight days (the longest detector window is seven).
 */
import type { Queryable } from '../../platform/db.js';
import { windowStartOf } from './throttle.js';

export type SecurityCountSource = 'card_login_failure' | 'reference_lookup_miss' | 'server_error';

/** Counts `n` hits of `source` for `key` (a client address, or 'global') in the minute of `now`. */
export async function countSecurityHit(q: Queryable, source: SecurityCountSource, key: string, now: Date, n = 1): Promise<void> {
  await q.query(
    `INSERT INTO security_counts (source, key, window_start, count) VALUES ($1, $2, $3, $4)
     ON CONFLICT (source, window_start, key) DO UPDATE SET count = security_counts.count + EXCLUDED.count`,
    [source, key.slice(0, 100), windowStartOf(now, 60), n],
  );
}

/** Removes minutes older than eight days; returns how many rows went. */
export async function sweepSecurityCounts(q: Queryable, now: Date): Promise<number> {
  const r = await q.query('DELETE FROM security_counts WHERE window_start < $1', [new Date(now.getTime() - 8 * 86_400_000)]);
  return r.rowCount;
}
