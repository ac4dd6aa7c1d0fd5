/**
 * Staff unlock a booking-site id that the log-in guard locked (also the one that only staff can
 * unlock, after FAILURE_CAP failures). Staff first check the holder on the phone: the id and the
 * shipping number printed on the letter must match a card of the staff member's own department.
 */
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { normaliseNumber, normaliseReservationId } from '../shared/normalise.js';

export async function unlockCardLogin(
  ctx: AppContext,
  o: {
    reservationId: string;
    shippingNo: string;
    departmentId: string;
    actor: AuditActor;
    clientIp?: string | null;
    requestId?: string | null;
  },
): Promise<'unlocked' | 'not_locked' | 'no_match'> {
  const id = normaliseReservationId(o.reservationId);
  const ship = normaliseNumber(o.shippingNo);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const card = await tx.query('SELECT 1 FROM card_net_cards WHERE reservation_id = $1 AND shipping_no = $2 AND department_id = $3', [
      id,
      ship,
      o.departmentId,
    ]);
    if (card.rows.length === 0) return 'no_match';
    const g = await tx.query<{ failures_total: number; is_locked: boolean }>(
      `SELECT failures_total, (staff_unlock_required OR locked_until > $2) AS is_locked FROM card_net_login_guard WHERE id_key = $1 FOR UPDATE`,
      [id, now],
    );
    const row = g.rows[0];
    if (!row?.is_locked) return 'not_locked';
    await tx.query(
      'UPDATE card_net_login_guard SET attempts = 0, locked_until = NULL, lock_count = 0, failures_total = 0, staff_unlock_required = false, updated_at = $2 WHERE id_key = $1',
      [id, now],
    );
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.login.unlock',
        departmentId: o.departmentId,
        recordType: 'card',
        recordId: id,
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { failures: row.failures_total },
      },
      now,
    );
    return 'unlocked';
  });
}
