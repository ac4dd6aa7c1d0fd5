/**
 * Changes a booking's day/time and/or fields, by the citizen (within the change window) or by staff
 * on their behalf. Moving is one transaction: both slot rows are locked in id order (so two
 * opposite moves cannot deadlock), the new seat is taken with the conditional update, the old one
 * released. Free of HTTP.
 */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import { availabilityOf } from './availability.js';
import type { StaffBooking } from './book-slot.js';
import { jstIso } from '../../platform/japan-time.js';
import { m, slotFullError, windowError } from './messages.js';
import { scheduleNotices } from './notices.js';
import { assertCan } from './reservations.policy.js';
import { encryptPersonal, findReservationById, personalOf, releaseSeat } from './reservations.repository.js';
import { findRulesForDay, findSlot, windowProblem } from './rules-loader.js';
import { findService } from './services.repository.js';
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

export async function changeReservation(ctx: AppContext, input: ChangeInput): Promise<ChangeResult> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const r = await findReservationById(tx, input.reservationId, true);
    if (!r) throw errors.notFound();
    if (input.staff) assertCan(input.staff.actor, 'change', r.departmentId);
    const service = await findService(tx, r.serviceId);
    if (!service) throw errors.notFound();
    if (r.status !== 'booked' || r.anonymisedAt) throw errors.conflict('not_changeable', m.notBooked);
    const currentRules = await findRulesForDay(tx, service, r.start);
    const current = windowProblem(currentRules, r.start, now, 'change');
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
          input.contact.fields === undefined
            ? personal.fields
            : { ...personal.fields, ...(input.contact.fields as Record<string, string>) },
      };
      // empty strings clear optional fields
      merged.fields = Object.fromEntries(Object.entries(merged.fields).filter(([, v]) => v !== '' && v !== null && v !== undefined));
      const v = validateBookingInput(service, merged);
      if (v.errors.length) throw errors.validation(v.errors);
      update = v.value;
    }

    let start = r.start;
    let end = r.end;
    let slotId = r.slotId;
    const moved = input.start !== undefined && input.start.getTime() !== r.start.getTime();
    if (moved) {
      const target = input.start as Date;
      const rules = await findRulesForDay(tx, service, target);
      const slot = Number.isNaN(target.getTime()) ? undefined : findSlot(rules, target);
      if (!slot) throw errors.validation([{ field: 'start', message: m.notASlot }]);
      const problem = windowProblem(rules, target, now, 'book');
      if (problem && !(input.staff?.overrideWindow && problem !== 'past'))
        windowError(problem, { minutes: service.bookUntilMinutes, days: service.opensDaysAhead, mode: 'book' });
      await tx.query(
        `INSERT INTO rsv_slots (service_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4) ON CONFLICT (service_id, starts_at) DO NOTHING`,
        [service.id, slot.start, slot.end, service.capacity],
      );
      const locked = await tx.query<{ id: number; starts_at: Date }>(
        `SELECT id, starts_at FROM rsv_slots WHERE id = $1 OR (service_id = $2 AND starts_at = $3) ORDER BY id FOR UPDATE`,
        [r.slotId, service.id, slot.start],
      );
      const newSlot = locked.rows.find((x) => x.starts_at.getTime() === slot.start.getTime());
      if (!newSlot) throw new Error('slot row missing after upsert');
      const took = await tx.query('UPDATE rsv_slots SET booked = booked + 1 WHERE id = $1 AND booked + 1 <= capacity RETURNING id', [
        newSlot.id,
      ]);
      if (!took.rowCount) throw slotFullError();
      await releaseSeat(tx, r.slotId);
      start = slot.start;
      end = slot.end;
      slotId = newSlot.id;
    }
    const enc = encryptPersonal(ctx, update);
    await tx.query(
      `UPDATE rsv_reservations SET slot_id = $2, starts_at = $3, ends_at = $4, name_enc = $5, phone_enc = $6, phone_index = $7,
         email_enc = $8, fields_enc = $9, updated_at = $10, email_index = $11 WHERE id = $1`,
      [r.id, slotId, start, end, enc.nameEnc, enc.phoneEnc, enc.phoneIndex, enc.emailEnc, enc.fieldsEnc, now, enc.emailIndex],
    );
    await scheduleNotices(tx, now, service, { id: r.id, start, hasChannel: Boolean(update.email || r.lineUserId) }, 'change');
    if (input.staff)
      await recordAudit(
        tx,
        {
          ...input.staff.audit,
          action: 'reservation.change',
          departmentId: r.departmentId,
          recordType: 'reservation',
          recordId: r.id,
          detail: { moved, fromSlotId: r.slotId, toSlotId: slotId, fieldsChanged: Boolean(input.contact) },
        },
        now,
      );
    return {
      reservationId: r.id,
      reservationNumber: r.reservationNumber,
      start: jstIso(start),
      end: jstIso(end),
      moved,
      oldStart: r.start,
      serviceId: service.id,
    };
  });
  availabilityOf(ctx).invalidate(result.serviceId, result.oldStart);
  availabilityOf(ctx).invalidate(result.serviceId, new Date(result.start));
  return {
    reservationId: result.reservationId,
    reservationNumber: result.reservationNumber,
    start: result.start,
    end: result.end,
    moved: result.moved,
  };
}
