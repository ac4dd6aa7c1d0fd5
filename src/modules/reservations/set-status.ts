/** Staff change a booking's status on the day (arrived, done, no-show) — who and when is kept. */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import type { StaffBooking } from './book-slot.js';
import { cancelReservation } from './cancel-reservation.js';
import { assertCan, visibleDepartments } from './reservations.policy.js';
import { addStatusHistory, findReservationById, type ReservationStatus } from './reservations.repository.js';
import { normaliseReservationNumber } from './reservation-number.js';

/** Allowed moves (besides cancel). Undo steps are allowed so a mis-click can be corrected. */
const TRANSITIONS: Record<ReservationStatus, ReservationStatus[]> = {
  booked: ['arrived', 'done', 'no_show', 'cancelled'],
  arrived: ['done', 'booked', 'no_show'],
  done: ['arrived'],
  no_show: ['booked', 'arrived'],
  cancelled: [],
};

export async function setReservationStatus(
  ctx: AppContext,
  input: { reservationId: string; status: ReservationStatus; staff: Omit<StaffBooking, 'overbook' | 'overrideWindow'> },
): Promise<{ reservationId: string; status: ReservationStatus }> {
  if (input.status === 'cancelled') {
    await cancelReservation(ctx, { reservationId: input.reservationId, staff: input.staff });
    return { reservationId: input.reservationId, status: 'cancelled' };
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const r = await findReservationById(tx, input.reservationId, true);
    if (!r) throw errors.notFound();
    assertCan(input.staff.actor, 'set-status', r.departmentId);
    if (r.status === input.status) return { reservationId: r.id, status: r.status };
    if (!TRANSITIONS[r.status].includes(input.status))
      throw errors.conflict('status_transition', {
        ja: `状態を「${r.status}」から「${input.status}」に変えることはできません。`,
        en: `The status cannot change from ${r.status} to ${input.status}.`,
      });
    await tx.query(
      'UPDATE rsv_reservations SET status = $2, status_changed_at = $3, status_changed_by = $4, updated_at = $3 WHERE id = $1',
      [r.id, input.status, now, input.staff.actor.id],
    );
    await addStatusHistory(tx, r.id, input.status, now, { actorType: 'staff', staffId: input.staff.actor.id });
    await recordAudit(
      tx,
      { ...input.staff.audit, action: 'reservation.status', departmentId: r.departmentId, recordType: 'reservation', recordId: r.id, detail: { from: r.status, to: input.status } },
      now,
    );
    return { reservationId: r.id, status: input.status };
  });
}

/** Check-in by the number (typed, or scanned from the confirmation's QR code) within the person's departments. */
export async function checkInByNumber(
  ctx: AppContext,
  input: { number: string; staff: Omit<StaffBooking, 'overbook' | 'overrideWindow'> },
): Promise<{ reservationId: string; status: ReservationStatus }> {
  const number = normaliseReservationNumber(input.number);
  if (!number) throw errors.validation([{ field: 'number', message: { ja: '予約番号（8文字）を入力してください。', en: 'Enter the 8-character reservation number.' } }]);
  const r = await ctx.db.query<{ id: string }>(
    'SELECT id FROM rsv_reservations WHERE reservation_number = $1 AND department_id = ANY($2::uuid[])',
    [number, visibleDepartments(input.staff.actor)],
  );
  const id = r.rows[0]?.id;
  if (!id) throw errors.notFound({ ja: 'この予約番号の予約は見つかりません。', en: 'No booking with this number.' });
  return setReservationStatus(ctx, { reservationId: id, status: 'arrived', staff: input.staff });
}
