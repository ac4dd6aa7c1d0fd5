/**
 * The daily erasure: applications whose `retain_until` has passed are deleted with everything personal
 * that hangs on them — answers, contact address, files, notes, status history (ON DELETE CASCADE).
 * Payment rows stay for accounting with only the 整理番号 and the amount (their application_id becomes
 * NULL: ON DELETE SET NULL). One audit entry per department and run (system actor) carries the counts
 * and the erased ids (ids only, nothing personal). Bounded batches; a full batch enqueues the next run.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob, enqueue, type JobRecord } from '../../../platform/jobs.js';
import { recordAudit } from '../../audit/index.js';

export const RETENTION_QUEUE = 'applications.retention';
const BATCH = 500;

type Erased = {
  departmentId: string;
  applications: number;
  files: number;
  notes: number;
  history: number;
  payments: number;
  ids: string[];
};

/** Erases one batch of applications past their retention; returns what was erased per department. */
export async function eraseExpiredApplications(ctx: AppContext, tx: Queryable): Promise<{ erased: Erased[]; isFull: boolean }> {
  const now = ctx.clock.now();
  const due = await tx.query<{ id: string; departmentId: string }>(
    `SELECT id::text AS id, department_id::text AS "departmentId" FROM app_applications
     WHERE retain_until IS NOT NULL AND retain_until < $1 ORDER BY retain_until, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, BATCH],
  );
  const byDept = new Map<string, Erased>();
  if (due.rows.length === 0) return { erased: [], isFull: false };
  const ids = due.rows.map((r) => r.id);
  const counts = await tx.query<{ id: string; files: number; notes: number; history: number; payments: number }>(
    `SELECT a.id::text AS id,
       (SELECT count(*)::int FROM app_files f WHERE f.application_id = a.id) AS files,
       (SELECT count(*)::int FROM app_notes n WHERE n.application_id = a.id) AS notes,
       (SELECT count(*)::int FROM app_status_history h WHERE h.application_id = a.id) AS history,
       (SELECT count(*)::int FROM app_payments p WHERE p.application_id = a.id) AS payments
     FROM app_applications a WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
  const countOf = new Map(counts.rows.map((c) => [c.id, c]));
  for (const r of due.rows) {
    const e = byDept.get(r.departmentId) ?? {
      departmentId: r.departmentId,
      applications: 0,
      files: 0,
      notes: 0,
      history: 0,
      payments: 0,
      ids: [],
    };
    const c = countOf.get(r.id);
    e.applications++;
    e.files += c?.files ?? 0;
    e.notes += c?.notes ?? 0;
    e.history += c?.history ?? 0;
    e.payments += c?.payments ?? 0;
    e.ids.push(r.id);
    byDept.set(r.departmentId, e);
  }
  // the payment rows are unlinked by the foreign key (SET NULL); said here as well, so the rule does not rest on it alone
  await tx.query('UPDATE app_payments SET application_id = NULL WHERE application_id = ANY($1::uuid[])', [ids]);
  await tx.query('DELETE FROM app_applications WHERE id = ANY($1::uuid[])', [ids]);
  const erased = [...byDept.values()];
  for (const e of erased)
    await recordAudit(
      tx,
      {
        actor: { type: 'system', label: RETENTION_QUEUE },
        action: 'application.erase',
        departmentId: e.departmentId,
        recordType: 'application',
        detail: {
          applications: e.applications,
          files: e.files,
          notes: e.notes,
          history: e.history,
          paymentsKept: e.payments,
          ids: e.ids,
        },
      },
      now,
    );
  ctx.log.info(
    { event: 'applications_erased', applications: ids.length, departments: erased.length },
    'applications past their retention period erased',
  );
  return { erased, isFull: due.rows.length === BATCH };
}

async function run(ctx: AppContext, tx: Queryable, _payload: unknown, job: JobRecord): Promise<void> {
  const { isFull } = await eraseExpiredApplications(ctx, tx);
  if (isFull) await enqueue(tx, RETENTION_QUEUE, {}, { runAt: ctx.clock.now(), dedupeKey: `retention-next:${job.id}` });
}

export const retentionJob = defineJob({ queue: RETENTION_QUEUE, payload: z.object({}).passthrough(), handler: run, everySeconds: 86_400 });
