/** Staff change a booking's status on the day (arrived, done, no-show) — who and when is kept. */
import { errors } from '../../http/errors.js';
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
  if (from === 'cancelled')
    return errors.conflict('status_transition', {
      ja: 'この予約は取り消されています。状態を変えることはできません。',
      en: 'This booking has been cancelled; its status cannot change.',
    });
  return errors.conflict('status_transition', {
    ja: `状態を「${STATUS_LABELS[from].ja}」から「${STATUS_LABELS[to].ja}」に変えることはできません。`,
    en: `The status cannot change from ${STATUS_LABELS[from].en} to ${STATUS_LABELS[to].en}.`,
  });
}

function otherDayError(number: string, start: Date, end: Date) {
  return errors.conflict('checkin_other_day', {
    ja: `予約番号 ${displayNumber(number)} は${formatWhen(start, end, 'ja')}のご予約です。受付は予約の当日だけできます。`,
    en: `${displayNumber(number)} is booked for ${formatWhen(start, end, 'en')}. Check-in is possible only on that day.`,
  });
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
      { ...input.staff.audit, action: 'reservation.status', departmentId: r.departmentId, recordType: 'reservation', recordId: r.id, detail: { from: r.status, to: input.status } },
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
): Promise<{ reservationId: string; reservationNumber: string; status: ReservationStatus; /** ISO time of the earlier check-in ('' if unknown) */ alreadyCheckedInAt?: string }> {
  const number = normaliseReservationNumber(input.number);
  if (!number) throw errors.validation([{ field: 'number', message: { ja: '予約番号（8文字）を入力してください。', en: 'Enter the 8-character reservation number.' } }]);
  const r = await ctx.db.query<{ id: string; status: ReservationStatus; starts_at: Date; ends_at: Date }>(
    'SELECT id, status, starts_at, ends_at FROM rsv_reservations WHERE reservation_number = $1 AND department_id = ANY($2::uuid[])',
    [number, visibleDepartments(input.staff.actor)],
  );
  const row = r.rows[0];
  if (!row) throw errors.notFound({ ja: `予約番号 ${displayNumber(number)} の予約は見つかりません。番号をお確かめください。`, en: `No booking with the number ${displayNumber(number)}.` });
  const start = new Date(row.starts_at);
  const today = jstDate(ctx.clock.now());
  if (row.status === 'cancelled')
    throw errors.conflict('checkin_cancelled', {
      ja: `予約番号 ${displayNumber(number)}（${formatWhen(start, new Date(row.ends_at), 'ja')}）は取り消された予約です。受付できません。`,
      en: `${displayNumber(number)} (${formatWhen(start, new Date(row.ends_at), 'en')}) was cancelled and cannot be checked in.`,
    });
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
