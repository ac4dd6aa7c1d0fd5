/**
 * The scheduled bundles (when config.privacy.scheduled): the daily one at config.privacy.hourJst Japan
 * time, and one after any change to a procedure's or service's definition — a cheap job every five
 * minutes compares the register's definitions fingerprint with the newest bundle's and writes a bundle
 * when they differ (or when there is none). Each decides from the bundle directory whether its work is
 * due, so a process that was down at the hour catches up when it starts; after a failed write (audited
 * privacy.bundle_failed) the daily job waits for the next day and the change job for an hour, so a
 * broken share raises one failure, not one every few minutes.
 */
import { z } from 'zod';
import type { Config } from '../../../config.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob, type JobDefinition } from '../../../platform/jobs.js';
import { jstDate, jstInstant } from '../../../platform/japan-time.js';
import type { RegisterSource } from '../privacy-part.js';
import { readRegister } from '../read-register.js';
import { latestBundle } from './bundle-files.js';
import { definitionsFingerprint } from './definitions-fingerprint.js';
import { readerFor, writeBundle } from './write-bundle.js';

const HOUR_MS = 3_600_000;

const every = (seconds: number) => (config: Config) => (config.privacy.scheduled ? seconds : 0);

/** Today's bundle hour in Japan time, once it has come; undefined before it. */
export function todaysBundleHour(now: Date, hourJst: number): Date | undefined {
  const at = jstInstant(jstDate(now), `${String(hourJst).padStart(2, '0')}:00`);
  return now >= at ? at : undefined;
}

async function failedSince(tx: Queryable, since: Date): Promise<boolean> {
  const r = await tx.query(`SELECT 1 FROM audit_log WHERE action = 'privacy.bundle_failed' AND occurred_at >= $1 LIMIT 1`, [since]);
  return r.rowCount > 0;
}

export function bundleJobs(registers: RegisterSource): JobDefinition[] {
  const daily = defineJob({
    queue: 'privacy.bundle.daily',
    payload: z.object({}).passthrough(),
    everySeconds: every(600),
    maxAttempts: 1,
    async handler(ctx, tx) {
      const due = todaysBundleHour(ctx.clock.now(), ctx.config.privacy.hourJst);
      if (!due) return;
      const latest = latestBundle(ctx.config.privacy.bundleDir);
      if (latest && latest.generatedAt >= due) return;
      if (await failedSince(tx, due)) return;
      await writeBundle(ctx, { registers, trigger: 'daily', tx });
    },
  });
  const afterChange = defineJob({
    queue: 'privacy.bundle.definitions-changed',
    payload: z.object({}).passthrough(),
    everySeconds: every(300),
    maxAttempts: 1,
    async handler(ctx, tx) {
      const now = ctx.clock.now();
      const fingerprint = definitionsFingerprint(await readRegister(readerFor(ctx, tx), registers()));
      if (latestBundle(ctx.config.privacy.bundleDir)?.fingerprint === fingerprint) return;
      if (await failedSince(tx, new Date(now.getTime() - HOUR_MS))) return;
      await writeBundle(ctx, { registers, trigger: 'definitions_changed', tx });
    },
  });
  return [daily, afterChange];
}
