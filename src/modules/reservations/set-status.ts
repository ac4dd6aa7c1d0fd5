/** Staff change a booking's status on the day (arrived, done, no-show) — who and when is kept. */
import { errors } from '../../http/errors.js';
import { perLang, reservationMessages } from './messages.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import type { StaffBooking } from './book-slot.js';
import { cancelReservation } from './cancel-reservation.js';
import { jstIso, formatWhen, jstDate } from '../../platform/japan-time.js';
import { assertCan, visibleDepartments } from './reservations.policy.js';
import { addStatusHistory, findReservationById, type ReservationStatus } from './reservations.repository.js';
import { displayNumber, normaliseReservationNumber } from './reservation-number.js';
import { STATUS_LABELS } from './staff-queries.js';

/** Allowed moves (besides cancel). Undo steps are allowed so a mis-click can be corrected. */
const TRANSITIONS: Record<ReservationStatus, ReservationStatus[]> = {
  booked: ['arrived', 'done', 'no_show', 'cancelled'],
  arrived: ['done', 'booked', 'no_show'],
  done: ['arrived'],
  no_show: ['booked', 'arrived'],
  cancelled: [],
};

type StaffInput = Omit<StaffBooking, 'overbook' | 'overrideWindow'>;

function transitionError(from: ReservationStatus, to: ReservationStatus) {
  if (from === 'cancelled') return errors.conflict('status_transition', reservationMessages.text('statusOfCancelled'));
  return errors.conflict(
    'status_transition',
    perLang((lang) => reservationMessages.t(lang, 'statusTransition', { from: STATUS_LABELS[from][lang], to: STATUS_LABELS[to][lang] })),
  );
}

function otherDayError(number: string, start: Date, end: Date) {
  return errors.conflict(
    'checkin_other_day',
    perLang((lang) =>
      reservationMessages.t(lang, 'checkInOtherDay', { number: displayNumber(number), when: formatWhen(start, end, lang) }),
    ),
  );
}

export async function setReservationStatus(
  ctx: AppContext,
  input: { reservationId: string; status: ReservationStatus; staff: StaffInput; onlyOnDay?: string },
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
    if (input.onlyOnDay && jstDate(r.start) !== input.onlyOnDay) throw otherDayError(r.reservationNumber, r.start, r.end);
    if (!TRANSITIONS[r.status].includes(input.status)) throw transitionError(r.status, input.status);
    await tx.query(
      'UPDATE rsv_reservations SET status = $2, status_changed_at = $3, status_changed_by = $4, updated_at = $3 WHERE id = $1',
      [r.id, input.status, now, input.staff.actor.id],
    );
    await addStatusHistory(tx, r.id, input.status, now, { actorType: 'staff', staffId: input.staff.actor.id });
    await recordAudit(
      tx,
      {
        ...input.staff.audit,
        action: 'reservation.status',
        departmentId: r.departmentId,
        recordType: 'reservation',
        recordId: r.id,
        detail: { from: r.status, to: input.status },
      },
      now,
    );
    return { reservationId: r.id, status: input.status };
  });
}

/**
 * Check-in by the number (typed, or scanned from the confirmation's QR code) within the person's
 * departments. Only on the booking's own day (Japan time): a citizen who comes on the wrong day must
 * keep a booking they can still change or cancel. A booking already checked in (or done) is not
 * changed; the answer says when it was checked in.
 */
export async function checkInByNumber(
  ctx: AppContext,
  input: { number: string; staff: StaffInput },
): Promise<{
  reservationId: string;
  reservationNumber: string;
  status: ReservationStatus /** ISO time of the earlier check-in ('' if unknown) */;
  alreadyCheckedInAt?: string;
}> {
  const number = normaliseReservationNumber(input.number);
  if (!number) throw errors.validation([{ field: 'number', message: reservationMessages.text('checkInNumberRequired') }]);
  const r = await ctx.db.query<{ id: string; status: ReservationStatus; starts_at: Date; ends_at: Date }>(
    'SELECT id, status, starts_at, ends_at FROM rsv_reservations WHERE reservation_number = $1 AND department_id = ANY($2::uuid[])',
    [number, visibleDepartments(input.staff.actor)],
  );
  const row = r.rows[0];
  if (!row) throw errors.notFound(reservationMessages.text('checkInNotFound', { number: displayNumber(number) }));
  const start = new Date(row.starts_at);
  const today = jstDate(ctx.clock.now());
  if (row.status === 'cancelled')
    throw errors.conflict(
      'checkin_cancelled',
      perLang((lang) =>
        reservationMessages.t(lang, 'checkInCancelled', {
          number: displayNumber(number),
          when: formatWhen(start, new Date(row.ends_at), lang),
        }),
      ),
    );
  if (row.status === 'arrived' || row.status === 'done') {
    const h = await ctx.db.query<{ changed_at: Date }>(
      `SELECT changed_at FROM rsv_status_history WHERE reservation_id = $1 AND status = 'arrived' ORDER BY id DESC LIMIT 1`,
      [row.id],
    );
    const at = h.rows[0]?.changed_at ? new Date(h.rows[0].changed_at) : undefined;
    return {
      reservationId: row.id,
      reservationNumber: number,
      status: row.status,
      alreadyCheckedInAt: at ? jstIso(at) : '',
    };
  }
  if (jstDate(start) !== today) throw otherDayError(number, start, new Date(row.ends_at));
  // the day is checked again under the row lock: the booking may be moved meanwhile
  const out = await setReservationStatus(ctx, { reservationId: row.id, status: 'arrived', staff: input.staff, onlyOnDay: today });
  return { ...out, reservationNumber: number };
}
