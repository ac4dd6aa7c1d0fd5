/**
 * Cancels a booking (citizen within the change window, or staff on their behalf); frees its seat.
 * Staff may give a reason (kept with the status change, shown on the staff detail, read by the
 * citizen's cancellation notice). Free of HTTP.
 */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import { availabilityOf } from './availability.js';
import type { StaffBooking } from './book-slot.js';
import { m, windowError } from './messages.js';
import { scheduleNotices } from './notices.js';
import { assertCan } from './reservations.policy.js';
import { addStatusHistory, findReservationById, releaseSeat } from './reservations.repository.js';
import { findRulesForDay, windowProblem } from './rules-loader.js';
import { findService } from './services.repository.js';

export async function cancelReservation(
  ctx: AppContext,
  input: { reservationId: string; staff?: Omit<StaffBooking, 'overbook'>; actorType?: 'citizen' | 'line'; reason?: string },
): Promise<{ reservationId: string; reservationNumber: string }> {
  const now = ctx.clock.now();
  const out = await ctx.db.transaction(async (tx) => {
    const r = await findReservationById(tx, input.reservationId, true);
    if (!r) throw errors.notFound();
    if (input.staff) assertCan(input.staff.actor, 'cancel', r.departmentId);
    if (r.status !== 'booked') throw errors.conflict('not_cancellable', m.notBooked);
    const service = await findService(tx, r.serviceId);
    if (!service) throw errors.notFound();
    if (!input.staff) {
      const problem = windowProblem(await findRulesForDay(tx, service, r.start), r.start, now, 'change');
      if (problem) windowError(problem, { minutes: service.changeUntilMinutes, days: service.opensDaysAhead, mode: 'change' });
    }
    await tx.query(
      `UPDATE rsv_reservations SET status = 'cancelled', cancelled_at = $2, updated_at = $2, status_changed_at = $2, status_changed_by = $3 WHERE id = $1`,
      [r.id, now, input.staff?.actor.id ?? null],
    );
    await releaseSeat(tx, r.slotId);
    const reason = input.staff ? input.reason?.trim().slice(0, 500) || null : null;
    if (input.staff)
      await tx.query(
        `INSERT INTO rsv_status_history (reservation_id, status, changed_at, changed_by_staff_id, actor_type, reason) VALUES ($1, 'cancelled', $2, $3, 'staff', $4)`,
        [r.id, now, input.staff.actor.id, reason],
      );
    else await addStatusHistory(tx, r.id, 'cancelled', now, { actorType: input.actorType ?? 'citizen' });
    await scheduleNotices(tx, now, service, { id: r.id, start: r.start, hasChannel: Boolean(r.emailEnc || r.lineUserId) }, 'cancel');
    if (input.staff)
      await recordAudit(
        tx,
        {
          ...input.staff.audit,
          action: 'reservation.cancel',
          departmentId: r.departmentId,
          recordType: 'reservation',
          recordId: r.id,
          detail: { slotId: r.slotId, withReason: reason !== null },
        },
        now,
      );
    return { reservationId: r.id, reservationNumber: r.reservationNumber, serviceId: r.serviceId, start: r.start };
  });
  availabilityOf(ctx).invalidate(out.serviceId, out.start);
  return { reservationId: out.reservationId, reservationNumber: out.reservationNumber };
}
