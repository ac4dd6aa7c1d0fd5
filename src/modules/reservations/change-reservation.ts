/**
 * Changes a booking's day/time and/or fields, by the citizen (within the change window) or by staff
 * on their behalf. Free of HTTP.
 *
 * Two round trips for the citizen: the booking is read (with its row version), everything is checked
 * and encrypted here, then the stored function rsv_change (migration 0056) writes it in one
 * statement: the row locked and its version compared (changed since it was read: read again), both
 * slot rows locked in id order (so two opposite moves cannot deadlock), the new seat taken with the
 * conditional update, the old one released, the notices enqueued — all or nothing. Staff do the same
 * inside a transaction that also holds the audit record.
 */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { isPgError, prepared, type Queryable } from '../../platform/db.js';
import { recordAudit } from '../audit/index.js';
import { seatsChanged } from './availability-announcer.js';
import { availabilityOf } from './availability.js';
import type { StaffBooking } from './book-slot.js';
import { isCalendarInstant } from './holidays.js';
import { jstDate, jstIso } from '../../platform/japan-time.js';
import { m, slotFullError, windowError } from './messages.js';
import { noticeJobs } from './notices.js';
import { assertCan } from './reservations.policy.js';
import { encryptBooking, personalOf, RESERVATION_SELECT, type ReservationRow } from './reservations.repository.js';
import { findSlot, windowProblem } from './rules-loader.js';
import { rulesOf } from './services.repository.js';
import { validateBookingInput, type ContactInput } from './validate-input.js';

export type ChangeInput = {
  reservationId: string;
  start?: Date;
  /** Replaces the contact and fields given; omitted ones keep their values. */
  contact?: ContactInput;
  staff?: StaffBooking;
  channel?: 'web' | 'phone' | 'line';
};

export type ChangeResult = { reservationId: string; reservationNumber: string; start: string; end: string; moved: boolean };

const READ_SQL = prepared(`${RESERVATION_SELECT.replace('SELECT r.id,', 'SELECT r.xmin::text AS version, r.id,')} WHERE r.id = $1`);
const CHANGE_SQL = prepared(
  'SELECT outcome, from_slot, to_slot FROM rsv_change($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)',
);
/** The function's "slot full" (SQLSTATE MGS01, raised after nothing was kept). */
const SLOT_FULL = 'MGS01';

export async function changeReservation(ctx: AppContext, input: ChangeInput): Promise<ChangeResult> {
  const now = ctx.clock.now();
  const change = async (q: Queryable) => {
    // a booking changed between the read and the write (another tab, staff) is read again
    for (let attempt = 1; ; attempt++) {
      const out = await changeOnce(ctx, q, input, now);
      if (out) return out;
      if (attempt >= 5) throw errors.conflict('not_changeable', m.notBooked);
    }
  };
  const staff = input.staff;
  const result = !staff
    ? await change(ctx.db)
    : await ctx.db.transaction(async (tx) => {
        const out = await change(tx);
        await recordAudit(
          tx,
          {
            ...staff.audit,
            action: 'reservation.change',
            departmentId: out.departmentId,
            recordType: 'reservation',
            recordId: out.reservationId,
            detail: { moved: out.moved, fromSlotId: out.fromSlot, toSlotId: out.toSlot, fieldsChanged: Boolean(input.contact) },
          },
          now,
        );
        return out;
      });
  seatsChanged(ctx, result.serviceId, result.oldStart);
  seatsChanged(ctx, result.serviceId, new Date(result.start));
  return {
    reservationId: result.reservationId,
    reservationNumber: result.reservationNumber,
    start: result.start,
    end: result.end,
    moved: result.moved,
  };
}

/** One read and one write; undefined when the booking changed in between (nothing was written). */
async function changeOnce(ctx: AppContext, q: Queryable, input: ChangeInput, now: Date) {
  const read = await q.query<ReservationRow & { version: string }>(READ_SQL, [input.reservationId]);
  const r = read.rows[0];
  if (!r) throw errors.notFound();
  if (input.staff) assertCan(input.staff.actor, 'change', r.departmentId);
  const service = await availabilityOf(ctx).service(ctx.db, r.serviceId);
  if (!service) throw errors.notFound();
  if (r.status !== 'booked' || r.anonymisedAt) throw errors.conflict('not_changeable', m.notBooked);
  // the change window depends on the time alone (no calendar exception moves it)
  const current = windowProblem(rulesOf(service, []), r.start, now, 'change');
  if (current && !(input.staff && current !== 'past'))
    windowError(current, { minutes: service.changeUntilMinutes, days: service.opensDaysAhead, mode: 'change' });

  const personal = personalOf(ctx, r);
  if (!personal) throw errors.conflict('not_changeable', m.notBooked);
  let update = personal;
  if (input.contact) {
    const merged = {
      name: input.contact.name ?? personal.name,
      phone: input.contact.phone ?? personal.phone,
      email: input.contact.email === undefined ? personal.email : input.contact.email,
      fields:
        input.contact.fields === undefined ? personal.fields : { ...personal.fields, ...(input.contact.fields as Record<string, string>) },
    };
    // empty strings clear optional fields
    merged.fields = Object.fromEntries(Object.entries(merged.fields).filter(([, v]) => v !== '' && v !== null && v !== undefined));
    const v = validateBookingInput(service, merged);
    if (v.errors.length) throw errors.validation(v.errors);
    update = v.value;
  }

  let start = r.start;
  let end = r.end;
  const moved = input.start !== undefined && input.start.getTime() !== r.start.getTime();
  if (moved) {
    const target = input.start as Date;
    // the month's rules (calendar exceptions included) from the availability cache, as a booking reads them
    const rules = isCalendarInstant(target) ? await availabilityOf(ctx).rules(ctx.db, service, jstDate(target).slice(0, 7)) : undefined;
    const slot = rules && findSlot(rules, target);
    if (!rules || !slot) throw errors.validation([{ field: 'start', message: m.notASlot }]);
    const problem = windowProblem(rules, target, now, 'book');
    if (problem && !(input.staff?.overrideWindow && problem !== 'past'))
      windowError(problem, { minutes: service.bookUntilMinutes, days: service.opensDaysAhead, mode: 'book' });
    start = slot.start;
    end = slot.end;
  }
  const enc = encryptBooking(ctx, update);
  const jobs = noticeJobs(now, service, { id: r.id, start, hasChannel: Boolean(update.email || r.lineUserId) }, 'change');
  let written: { outcome: 'changed' | 'stale'; from_slot: number | null; to_slot: number | null } | undefined;
  try {
    const w = await q.query<NonNullable<typeof written>>(CHANGE_SQL, [
      r.id,
      r.version,
      moved,
      service.id,
      start,
      end,
      service.capacity,
      enc.nameEnc,
      enc.phoneEnc,
      enc.phoneIndex,
      enc.emailEnc,
      enc.emailIndex,
      enc.fieldsEnc,
      now,
      jobs.length ? JSON.stringify(jobs) : null,
    ]);
    written = w.rows[0];
  } catch (err) {
    if (isPgError(err, SLOT_FULL)) throw slotFullError();
    throw err;
  }
  if (!written || written.outcome === 'stale') return undefined;
  return {
    reservationId: r.id,
    reservationNumber: r.reservationNumber,
    departmentId: r.departmentId,
    serviceId: service.id,
    start: jstIso(start),
    end: jstIso(end),
    moved,
    oldStart: r.start,
    fromSlot: written.from_slot,
    toSlot: written.to_slot,
  };
}
