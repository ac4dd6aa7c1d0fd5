/**
 * Cancels a booking (citizen within the change window, or staff on their behalf); frees its seat.
 * Staff may give a reason (kept with the status change, shown on the staff detail, read by the
 * citizen's cancellation notice). Free of HTTP.
 *
 * The citizen's cancellation is one statement (rsv_cancel, migration 0056): the row locked, status and
 * window checked, seat freed, history and the cancellation notice written, all or nothing. Staff read
 * the booking first (their department is checked before anything changes) and audit in the same
 * transaction.
 */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { prepared, type Queryable } from '../../platform/db.js';
import { recordAudit } from '../audit/index.js';
import { seatsChanged } from './availability-announcer.js';
import type { StaffBooking } from './book-slot.js';
import { m, windowError } from './messages.js';
import { NOTICE_QUEUE } from './notices.js';
import { assertCan } from './reservations.policy.js';
import { findReservationById } from './reservations.repository.js';

type Cancelled = {
  outcome: 'cancelled' | 'not_found' | 'not_booked' | 'past' | 'too_late';
  number: string | null;
  service: string | null;
  starts: Date | null;
  change_until: number | null;
  opens_days: number | null;
};

const CANCEL_SQL = prepared(
  'SELECT outcome, number, service, starts, change_until, opens_days FROM rsv_cancel($1, $2, $3, $4, $5, $6, $7)',
);

export async function cancelReservation(
  ctx: AppContext,
  input: { reservationId: string; staff?: Omit<StaffBooking, 'overbook'>; actorType?: 'citizen' | 'line'; reason?: string },
): Promise<{ reservationId: string; reservationNumber: string }> {
  const now = ctx.clock.now();
  const staff = input.staff;
  const reason = staff ? input.reason?.trim().slice(0, 500) || null : null;
  const cancel = async (q: Queryable): Promise<Cancelled> => {
    const r = await q.query<Cancelled>(CANCEL_SQL, [
      input.reservationId,
      now,
      staff?.actor.id ?? null,
      staff ? 'staff' : (input.actorType ?? 'citizen'),
      reason,
      !staff,
      NOTICE_QUEUE,
    ]);
    const c = r.rows[0] as Cancelled;
    if (c.outcome === 'not_found') throw errors.notFound();
    if (c.outcome === 'not_booked') throw errors.conflict('not_cancellable', m.notBooked);
    if (c.outcome !== 'cancelled')
      windowError(c.outcome, { minutes: c.change_until as number, days: c.opens_days as number, mode: 'change' });
    return c;
  };
  const out = !staff
    ? await cancel(ctx.db)
    : await ctx.db.transaction(async (tx) => {
        const r = await findReservationById(tx, input.reservationId, true);
        if (!r) throw errors.notFound();
        assertCan(staff.actor, 'cancel', r.departmentId);
        const c = await cancel(tx);
        await recordAudit(
          tx,
          {
            ...staff.audit,
            action: 'reservation.cancel',
            departmentId: r.departmentId,
            recordType: 'reservation',
            recordId: r.id,
            detail: { slotId: r.slotId, withReason: reason !== null },
          },
          now,
        );
        return c;
      });
  seatsChanged(ctx, out.service as string, out.starts as Date);
  return { reservationId: input.reservationId, reservationNumber: out.number as string };
}
