/**
 * The scheduled side of backups (when BACKUP_SCHEDULE): the daily backup at BACKUP_HOUR Japan time, the restore
 * drill every BACKUP_DRILL_INTERVAL_DAYS, and the check that raises 'backup.missing' when the newest successful
 * backup is older than 26 hours. Each job wakes on a short interval and decides from backup_runs whether its
 * work is due, so a process that was down at the hour catches up when it starts, and a run (successful or
 * not) is never repeated within its period — a failing backup alerts once a day, not every ten minutes.
 */
import { z } from 'zod';
import type { Config } from '../../../config.js';
import { defineJob } from '../../../platform/jobs.js';
import { jstDate, jstInstant } from '../../../platform/japan-time.js';
import { recordSecurityEvent } from '../../security/index.js';
import { type BackupRequester, createBackup } from './create-backup.js';
import { runDrill } from './run-drill.js';

const HOUR_MS = 3_600_000;
/** A daily backup may run late (a long previous one, a restart); past this, one is missing. */
export const MISSING_AFTER_HOURS = 26;

const every = (seconds: number) => (config: Config) => (config.operations.backup.scheduled ? seconds : 0);
const jobActor = (label: string): BackupRequester => ({ actor: { type: 'system', label } });

/** Today's BACKUP_HOUR in Japan time, once it has come; undefined before it. */
export function todaysBackupHour(now: Date, hourJst: number): Date | undefined {
  const at = jstInstant(jstDate(now), `${String(hourJst).padStart(2, '0')}:00`);
  return now >= at ? at : undefined;
}

export const dailyBackupJob = defineJob({
  queue: 'operations.backup.daily',
  payload: z.object({}).passthrough(),
  everySeconds: every(600),
  maxAttempts: 1,
  async handler(ctx, tx) {
    const due = todaysBackupHour(ctx.clock.now(), ctx.config.operations.backup.hourJst);
    if (!due) return;
    const ran = await tx.query(`SELECT 1 FROM backup_runs WHERE kind = 'backup' AND trigger = 'job' AND started_at >= $1 LIMIT 1`, [due]);
    if (ran.rowCount) return;
    await createBackup(ctx, { trigger: 'job', by: jobActor('backup job'), tx });
  },
});

export const restoreDrillJob = defineJob({
  queue: 'operations.backup.drill',
  payload: z.object({}).passthrough(),
  everySeconds: every(600),
  maxAttempts: 1,
  async handler(ctx, tx) {
    const now = ctx.clock.now();
    if (!todaysBackupHour(now, ctx.config.operations.backup.hourJst)) return;
    const last = (await tx.query<{ at: Date | null }>(`SELECT max(started_at) AS at FROM backup_runs WHERE kind = 'drill'`)).rows[0]?.at;
    // An hour of slack keeps the drill on the same hour of its day, week after week.
    if (last && now.getTime() - new Date(last).getTime() < ctx.config.operations.backup.drillIntervalDays * 24 * HOUR_MS - HOUR_MS) return;
    const backups = await tx.query(`SELECT 1 FROM backup_runs WHERE kind = 'backup' AND outcome = 'success' LIMIT 1`);
    if (!backups.rowCount) return; // nothing to drill yet; the missing-backup check speaks for that
    await runDrill(ctx, { trigger: 'job', by: jobActor('restore drill job'), tx });
  },
});

export const missingBackupCheckJob = defineJob({
  queue: 'operations.backup.check-missing',
  payload: z.object({}).passthrough(),
  everySeconds: every(3600),
  async handler(ctx, tx) {
    const now = ctx.clock.now();
    const r = await tx.query<{ newest: Date | null; since: Date | null }>(
      `SELECT (SELECT max(finished_at) FROM backup_runs WHERE kind = 'backup' AND outcome = 'success') AS newest,
              (SELECT min(applied_at) FROM schema_migrations) AS since`,
    );
    const newest = r.rows[0]?.newest ? new Date(r.rows[0].newest) : undefined;
    // Without any backup yet, the clock starts when the database was created.
    const reference = newest ?? (r.rows[0]?.since ? new Date(r.rows[0].since) : now);
    const hours = Math.floor((now.getTime() - reference.getTime()) / HOUR_MS);
    if (hours < MISSING_AFTER_HOURS) return;
    const raised = await tx.query(`SELECT 1 FROM security_events WHERE kind = 'backup.missing' AND occurred_at > $1 LIMIT 1`, [
      new Date(now.getTime() - 24 * HOUR_MS),
    ]);
    if (raised.rowCount) return; // once a day
    await recordSecurityEvent(
      tx,
      { kind: 'backup.missing', severity: 'alert', detail: { newestBackupAt: newest?.toISOString() ?? null, hoursSince: hours } },
      now,
    );
  },
});
