/**
 * Retention: a booking's personal data (name, phone, e-mail, fields, LINE user id) is erased a
 * configurable number of days (per service) after its date. The row stays, without personal data,
 * so counts per service, day and status remain for statistics. Each run is audited (ids only).
 * Stored idempotency answers (they hold the access token) are purged after a day.
 */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { defineJob } from '../../platform/jobs.js';
import { recordAudit } from '../audit/index.js';

export async function anonymiseExpired(ctx: AppContext, tx: Queryable, now: Date, batch = 500): Promise<number> {
  const r = await tx.query<{ id: string; department_id: string }>(
    `UPDATE rsv_reservations r SET name_enc = NULL, phone_enc = NULL, phone_index = NULL, email_enc = NULL, email_index = NULL, fields_enc = NULL,
       line_user_id = NULL, anonymised_at = $1
     WHERE r.id IN (
       SELECT r2.id FROM rsv_reservations r2 JOIN rsv_services s ON s.id = r2.service_id
       WHERE r2.anonymised_at IS NULL AND r2.starts_at < $1::timestamptz - make_interval(days => s.retention_days)
       ORDER BY r2.starts_at LIMIT $2 FOR UPDATE OF r2 SKIP LOCKED)
     RETURNING r.id, r.department_id`,
    [now, batch],
  );
  // a cancellation reason is free text staff typed and may name the person: erased with the rest
  if (r.rows.length)
    await tx.query('UPDATE rsv_status_history SET reason = NULL WHERE reservation_id = ANY($1::uuid[]) AND reason IS NOT NULL', [
      r.rows.map((x) => x.id),
    ]);
  const byDept = new Map<string, string[]>();
  for (const row of r.rows) byDept.set(row.department_id, [...(byDept.get(row.department_id) ?? []), row.id]);
  for (const [departmentId, ids] of byDept)
    await recordAudit(
      tx,
      {
        actor: { type: 'system', label: 'retention' },
        action: 'reservation.anonymise',
        departmentId,
        recordType: 'reservation',
        detail: { count: ids.length, ids },
      },
      now,
    );
  // the key and its stored answer live on the booking row (migration 0056)
  await tx.query(
    `UPDATE rsv_reservations SET idem_scope = NULL, idem_key = NULL, idem_request_hash = NULL, idem_response_enc = NULL
     WHERE idem_key IS NOT NULL AND created_at < $1`,
    [new Date(now.getTime() - 86_400_000)],
  );
  return r.rowCount;
}

export const retentionJob = defineJob({
  queue: 'reservations.retention',
  payload: z.object({}).passthrough(),
  everySeconds: 3600,
  async handler(ctx, tx) {
    await anonymiseExpired(ctx, tx, ctx.clock.now());
  },
});
