/**
 * Unpaid applications expire: an application still awaiting_payment APPLICATION_UNPAID_EXPIRY_HOURS
 * after its fee became payable (payable_since) moves to expired (by the system, with its history
 * row and a notice to the citizen), and its open hosted pages are closed at the provider by a job.
 *
 * Decided: a payment that still completes afterwards (the citizen was on the page when the time ran
 * out) COUNTS — the status rules allow expired → paid — so paid money never vanishes; staff see a
 * paid application as usual. Runs in bounded batches; rows another worker holds are skipped.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob, enqueue } from '../../../platform/jobs.js';
import { CLOSE_SESSIONS_QUEUE, enqueueStatusNotice } from './payment-queues.js';
import { setApplicationStatus } from './payments.repository.js';

const BATCH = 500;

export const expireUnpaidJob = defineJob({
  queue: 'applications.expire-unpaid',
  payload: z.object({}).passthrough(),
  everySeconds: 300,
  async handler(ctx, tx) {
    await expireUnpaidApplications(ctx, tx);
  },
});

export async function expireUnpaidApplications(ctx: AppContext, tx: Queryable, limit = BATCH): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.payments.unpaidExpiryHours * 3_600_000);
  const due = await tx.query<{ id: string; retention_days: number | null }>(
    `SELECT a.id, (v.definition->>'retentionDays')::int AS retention_days
     FROM app_applications a JOIN app_procedure_versions v ON v.procedure_id = a.procedure_id AND v.version = a.procedure_version
     WHERE a.status = 'awaiting_payment' AND a.payable_since <= $1
       AND NOT EXISTS (SELECT 1 FROM app_payments p WHERE p.application_id = a.id AND p.counted)
     ORDER BY a.payable_since LIMIT $2 FOR UPDATE OF a SKIP LOCKED`,
    [cutoff, limit],
  );
  for (const a of due.rows) {
    const historyId = await setApplicationStatus(tx, { id: a.id, retentionDays: a.retention_days }, 'expired', 'system', now);
    await enqueueStatusNotice(tx, a.id, 'expired', historyId, now);
    await enqueue(tx, CLOSE_SESSIONS_QUEUE, { applicationId: a.id }, { runAt: now, dedupeKey: `expired:${a.id}:${historyId}` });
  }
  if (due.rows.length) ctx.log.info({ event: 'applications_expired_unpaid', count: due.rows.length }, 'unpaid applications expired');
  return due.rows.length;
}
