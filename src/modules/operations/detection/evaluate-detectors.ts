/**
 * One run of the detectors (the job runs it every minute, inside its claiming transaction). For each
 * detector, per key in its window (`count` hits in the last `minutes`):
 *
 * - an alert of that detector and key that is not closed takes the hits that came after the previous run:
 *   its count and last-seen time grow, and an open one goes into the next digest mail;
 * - otherwise, when the window holds at least `count` hits, an alert opens ('alert.opened' audited). Hits
 *   from before the key's last alert was closed do not count again, so closing an alert does not make
 *   the same hits open a new one the next minute.
 *
 * The detectors' run times are locked (FOR UPDATE) first, so two workers never evaluate at once; the
 * partial unique index alerts_one_active is the last guard against a second active alert per key.
 */
import { DETECTOR_NAMES, type DetectorName } from '../../../config.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit } from '../../audit/index.js';
import { DETECTOR_SOURCES } from './detectors.js';
import { isAlertMailEnabled } from './queue-alert-mails.js';

const WEEK_MS = 7 * 86_400_000;

export type OpenedAlert = { id: number; detector: DetectorName; key: string; count: number };
export type EvaluationResult = { opened: OpenedAlert[]; updated: number };

type KeyCount = { key: string; window_count: number; new_count: number; first_at: Date | null; last_at: Date };

export async function evaluateDetectors(ctx: AppContext, tx: Queryable, now: Date): Promise<EvaluationResult> {
  await tx.query(
    `INSERT INTO alert_detector_runs (detector, last_run_at) SELECT unnest($1::text[]), $2 ON CONFLICT (detector) DO NOTHING`,
    [[...DETECTOR_NAMES], new Date(now.getTime() - WEEK_MS)],
  );
  const runs = await tx.query<{ detector: string; last_run_at: Date }>(
    'SELECT detector, last_run_at FROM alert_detector_runs WHERE detector = ANY($1::text[]) ORDER BY detector FOR UPDATE',
    [[...DETECTOR_NAMES]],
  );
  const lastRun = new Map(runs.rows.map((r) => [r.detector, new Date(r.last_run_at)]));
  const result: EvaluationResult = { opened: [], updated: 0 };
  for (const detector of DETECTOR_NAMES) {
    const r = await evaluateOne(ctx, tx, detector, lastRun.get(detector), now);
    result.opened.push(...r.opened);
    result.updated += r.updated;
  }
  await tx.query('UPDATE alert_detector_runs SET last_run_at = $2 WHERE detector = ANY($1::text[])', [[...DETECTOR_NAMES], now]);
  return result;
}

async function evaluateOne(
  ctx: AppContext,
  tx: Queryable,
  detector: DetectorName,
  lastRun: Date | undefined,
  now: Date,
): Promise<EvaluationResult> {
  const threshold = ctx.config.operations.detection.thresholds[detector];
  const source = DETECTOR_SOURCES[detector];
  const windowStart = new Date(now.getTime() - threshold.minutes * 60_000);
  // hits after the previous run are new (for the alerts already open); a worker that stood still for
  // longer than a week does not scan further back
  const previous = new Date(Math.max(lastRun?.getTime() ?? 0, now.getTime() - WEEK_MS));
  const from = new Date(Math.min(windowStart.getTime(), previous.getTime()));
  const base = source.params.length + 3;
  const p = { detector: `$${base}`, window: `$${base + 1}`, previous: `$${base + 2}` };
  const keys = await tx.query<KeyCount>(
    `WITH src AS (${source.sql}),
     closed AS (SELECT key, max(closed_at) AS closed_at FROM alerts
                 WHERE detector = ${p.detector} AND status = 'closed' AND closed_at > ${p.window} GROUP BY key),
     hits AS (SELECT s.key, s.at, s.n, (s.at > ${p.window} AND (c.closed_at IS NULL OR s.at > c.closed_at)) AS in_window
                FROM src s LEFT JOIN closed c ON c.key = s.key)
     SELECT key,
            coalesce(sum(n) FILTER (WHERE in_window), 0)::int AS window_count,
            coalesce(sum(n) FILTER (WHERE at > ${p.previous}), 0)::int AS new_count,
            min(at) FILTER (WHERE in_window) AS first_at,
            max(at) AS last_at
       FROM hits GROUP BY key`,
    [from, now, ...source.params, detector, windowStart, previous],
  );
  if (!keys.rows.length) return { opened: [], updated: 0 };

  const mail = isAlertMailEnabled(ctx.config);
  const withNew = keys.rows.filter((k) => k.new_count > 0);
  const updated = withNew.length
    ? await tx.query<{ key: string }>(
        `UPDATE alerts a SET count = a.count + u.n, last_seen_at = greatest(a.last_seen_at, u.last_at), updated_at = $2,
                digest_pending = a.digest_pending OR (a.status = 'open' AND $3)
           FROM unnest($4::text[], $5::int[], $6::timestamptz[]) AS u(key, n, last_at)
          WHERE a.detector = $1 AND a.status <> 'closed' AND a.key = u.key
          RETURNING a.key`,
        [
          detector,
          now,
          mail,
          withNew.map((k) => k.key),
          withNew.map((k) => k.new_count),
          withNew.map((k) => new Date(k.last_at).toISOString()),
        ],
      )
    : { rows: [] };
  const active = new Set(updated.rows.map((r) => r.key));
  const toOpen = keys.rows.filter((k) => !active.has(k.key) && k.window_count >= threshold.count && k.first_at);
  if (!toOpen.length) return { opened: [], updated: updated.rows.length };

  const opened = await tx.query<{ id: string | number; key: string; count: number }>(
    `INSERT INTO alerts (detector, key, key_kind, count, first_seen_at, last_seen_at, opened_at, updated_at)
     SELECT $1, u.key, $2, u.n, u.first_at, u.last_at, $3, $3
       FROM unnest($4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[]) AS u(key, n, first_at, last_at)
     ON CONFLICT (detector, key) WHERE status <> 'closed' DO NOTHING
     RETURNING id, key, count`,
    [
      detector,
      source.keyKind,
      now,
      toOpen.map((k) => k.key),
      toOpen.map((k) => k.window_count),
      toOpen.map((k) => new Date(k.first_at as Date).toISOString()),
      toOpen.map((k) => new Date(k.last_at).toISOString()),
    ],
  );
  const result: OpenedAlert[] = [];
  for (const row of opened.rows) {
    const a = { id: Number(row.id), detector, key: row.key, count: Number(row.count) };
    result.push(a);
    await recordAudit(
      tx,
      {
        actor: { type: 'system', id: null, label: 'detection' },
        action: 'alert.opened',
        recordType: 'alert',
        recordId: String(a.id),
        detail: { detector, keyKind: source.keyKind, key: a.key, count: a.count, threshold },
      },
      now,
    );
  }
  return { opened: result, updated: updated.rows.length };
}
