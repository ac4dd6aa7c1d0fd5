/**
 * The reservation engine for modules that keep their own bookings (the card booking site): the same
 * weekly schedules, national holidays, year-end closure, city-wide and per-service closures, booking
 * window, cached availability calendar and capacity invariant as counter reservations. What differs:
 * the service is of kind 'card_pickup' (never offered to counter reservations), and one booking may
 * take several seats (a household).
 *
 * Free of HTTP. The caller authorises (these functions do not know who is asking) and audits.
 */
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { availabilityOf, clearAvailabilityEverywhere, invalidateAvailabilityEverywhere } from './availability.js';
import { jstDate } from '../../platform/japan-time.js';
import { m, slotFullError, windowError } from './messages.js';
import { releaseSeat, takeSeat } from './reservations.repository.js';
import { findSlot, windowProblem } from './rules.js';
import { findService, type Service } from './services.repository.js';
import { checkSchedule, insertService, writeSchedule, type ScheduleSpec } from './manage-services.js';

export type PickupServiceSettings = {
  name: string;
  nameEn: string | null;
  durationMinutes: number;
  capacity: number;
  opensDaysAhead: number;
  bookUntilMinutes: number;
  isActive: boolean;
  schedule: ScheduleSpec[];
};

/** Creates the engine service behind a pickup location; returns its id. */
export async function createPickupService(tx: Queryable, departmentId: string, s: PickupServiceSettings): Promise<string> {
  checkSchedule(s.schedule);
  return insertService(
    tx,
    departmentId,
    {
      kind: 'card_pickup',
      name: s.name,
      nameEn: s.nameEn,
      description: '',
      place: s.name,
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
      opensDaysAhead: s.opensDaysAhead,
      bookUntilMinutes: s.bookUntilMinutes,
      changeUntilMinutes: s.bookUntilMinutes,
      closedOnNationalHolidays: true,
      closedYearEnd: true,
      reminderDaysBefore: 1,
      reminderTime: '10:00',
      remindersEnabled: false,
      retentionDays: 90,
      isActive: s.isActive,
    },
    null,
    s.schedule,
  );
}

/**
 * Updates a pickup service. Future slots follow a new capacity but never drop below what is already
 * booked; returns how many future slots are booked beyond the new capacity (they keep their seats).
 */
export async function updatePickupService(
  tx: Queryable,
  serviceId: string,
  s: PickupServiceSettings,
  now: Date,
): Promise<{ overCapacity: number }> {
  checkSchedule(s.schedule);
  const r = await tx.query(
    `UPDATE rsv_services SET name = $2, name_en = $3, place = $2, duration_minutes = $4, capacity = $5, opens_days_ahead = $6,
       book_until_minutes = $7, change_until_minutes = $7, is_active = $8, updated_at = $9
     WHERE id = $1 AND kind = 'card_pickup'`,
    [serviceId, s.name, s.nameEn, s.durationMinutes, s.capacity, s.opensDaysAhead, s.bookUntilMinutes, s.isActive, now],
  );
  if (r.rowCount !== 1) throw new Error(`pickup service ${serviceId} does not exist`);
  await writeSchedule(tx, serviceId, s.schedule);
  await tx.query('UPDATE rsv_slots SET capacity = GREATEST(booked, $2 + overbooked) WHERE service_id = $1 AND starts_at > $3', [
    serviceId,
    s.capacity,
    now,
  ]);
  const over = await tx.query('SELECT 1 FROM rsv_slots WHERE service_id = $1 AND starts_at > $3 AND booked > $2', [
    serviceId,
    s.capacity,
    now,
  ]);
  clearAvailabilityEverywhere();
  return { overCapacity: over.rows.length };
}

/** Adds a closure or an extra opening for one pickup service (a whole day closed, or a time range opened). */
export async function addPickupException(
  tx: Queryable,
  serviceId: string,
  e: { day: string; kind: 'closed' | 'open'; start?: string | null; end?: string | null; note: string },
): Promise<string> {
  if (e.kind === 'open') checkSchedule([{ weekday: 0, start: e.start ?? '', end: e.end ?? '' }]);
  const r = await tx.query<{ id: string }>(
    `INSERT INTO rsv_calendar_exceptions (service_id, day, kind, start_time, end_time, note)
     SELECT id, $2, $3, $4, $5, $6 FROM rsv_services WHERE id = $1 AND kind = 'card_pickup' RETURNING id`,
    [serviceId, e.day, e.kind, e.kind === 'open' ? e.start : null, e.kind === 'open' ? e.end : null, e.note],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`pickup service ${serviceId} does not exist`);
  clearAvailabilityEverywhere();
  return id;
}

export async function removePickupException(tx: Queryable, serviceId: string, exceptionId: string): Promise<boolean> {
  const r = await tx.query('DELETE FROM rsv_calendar_exceptions WHERE id = $1 AND service_id = $2', [exceptionId, serviceId]);
  clearAvailabilityEverywhere();
  return r.rowCount === 1;
}

export type PickupException = { id: string; day: string; kind: 'closed' | 'open'; start: string | null; end: string | null; note: string };

/** The service's own exceptions from a day on (city-wide closures apply too but are managed elsewhere). */
export async function listPickupExceptions(q: Queryable, serviceId: string, fromDay: string): Promise<PickupException[]> {
  const r = await q.query<PickupException>(
    `SELECT id, to_char(day, 'YYYY-MM-DD') AS day, kind, start_time AS start, end_time AS end, note FROM rsv_calendar_exceptions
     WHERE service_id = $1 AND day >= $2 ORDER BY day, start_time`,
    [serviceId, fromDay],
  );
  return r.rows;
}

export type ResolvedSlot = { serviceId: string; capacity: number; start: Date; end: Date };

/**
 * Checks that `start` is a slot of the service's schedule on an open day and inside the booking
 * window (staff may book past the window's closing time, never in the past). Reads the cached
 * rules, so call it before opening the booking transaction.
 */
export async function resolvePickupSlot(
  ctx: AppContext,
  serviceId: string,
  start: Date,
  o: { now: Date; staff?: boolean },
): Promise<ResolvedSlot> {
  const service = await availabilityOf(ctx).service(ctx.db, serviceId);
  if (!service || service.kind !== 'card_pickup' || !service.isActive)
    throw errors.validation([{ field: 'location', message: m.serviceUnknown }]);
  const rules = Number.isNaN(start.getTime()) ? undefined : await availabilityOf(ctx).rules(ctx.db, service, jstDate(start).slice(0, 7));
  const slot = rules && findSlot(rules, start);
  if (!rules || !slot) throw errors.validation([{ field: 'start', message: m.notASlot }]);
  const problem = windowProblem(rules, start, o.now, 'book');
  if (problem && !(o.staff && problem !== 'past'))
    windowError(problem, { minutes: service.bookUntilMinutes, days: service.opensDaysAhead, mode: 'book' });
  return { serviceId, capacity: service.capacity, start: slot.start, end: slot.end };
}

/** Takes `seats` seats of a resolved slot inside the caller's transaction; throws slot_full when they do not fit. */
export async function takePickupSeats(tx: Queryable, slot: ResolvedSlot, seats: number): Promise<number> {
  const seat = await takeSeat(tx, slot.serviceId, slot.start, slot.end, slot.capacity, seats);
  if (!seat) throw slotFullError();
  return seat.slotId;
}

export async function releasePickupSeats(tx: Queryable, slotId: number, seats: number): Promise<void> {
  await releaseSeat(tx, slotId, seats);
}

/** Drops cached availability of the slot's month after a commit (in every context of the process: the caller passes none). */
export function pickupSlotChanged(serviceId: string, start: Date): void {
  invalidateAvailabilityEverywhere(serviceId, start);
}
