/** The reason staff gave for a booking's cancellation (rsv_status_history.reason), if any. */
import type { Queryable } from '../../platform/db.js';

export async function cancellationReason(q: Queryable, reservationId: string): Promise<string | undefined> {
  const r = await q.query<{ reason: string | null }>(
    `SELECT reason FROM rsv_status_history WHERE reservation_id = $1 AND status = 'cancelled' ORDER BY id DESC LIMIT 1`,
    [reservationId],
  );
  return r.rows[0]?.reason ?? undefined;
}
