/**
 * Pickup locations. Each is backed by a reservation-engine service of kind 'card_pickup', which
 * holds its schedule (weekdays, opening hours, slot length), closures and booking window; the
 * location adds what the card site needs: a short code and the counters from which the capacity
 * follows (capacity of a slot = open counters × people one counter serves in a slot).
 */
import type { Queryable } from '../../../platform/db.js';
import { createPickupService, updatePickupService } from '../../reservations/index.js';

export type Location = {
  id: string;
  serviceId: string;
  departmentId: string;
  code: string;
  name: string;
  nameEn: string;
  counters: number;
  peoplePerCounter: number;
  isActive: boolean;
  slotMinutes: number;
  /** Weekdays open (0 = Sunday) and the opening hours, the same every open weekday. */
  weekdays: number[];
  openTime: string;
  closeTime: string;
  opensDaysAhead: number;
  bookUntilMinutes: number;
};

export type LocationInput = Omit<Location, 'id' | 'serviceId'>;

export const capacityOf = (l: Pick<Location, 'counters' | 'peoplePerCounter'>) => l.counters * l.peoplePerCounter;

type Row = {
  id: string;
  service_id: string;
  department_id: string;
  code: string;
  name: string;
  name_en: string;
  counters: number;
  people_per_counter: number;
  is_active: boolean;
  duration_minutes: number;
  opens_days_ahead: number;
  book_until_minutes: number;
  schedule: { weekday: number; start: string; end: string }[];
};

const toLocation = (r: Row): Location => ({
  id: r.id,
  serviceId: r.service_id,
  departmentId: r.department_id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  counters: r.counters,
  peoplePerCounter: r.people_per_counter,
  isActive: r.is_active,
  slotMinutes: r.duration_minutes,
  weekdays: [...new Set(r.schedule.map((x) => x.weekday))].sort(),
  openTime: r.schedule[0]?.start ?? '09:00',
  closeTime: r.schedule[0]?.end ?? '17:00',
  opensDaysAhead: r.opens_days_ahead,
  bookUntilMinutes: r.book_until_minutes,
});

const SELECT = `SELECT l.id, l.service_id, l.department_id, l.code, l.name, l.name_en, l.counters, l.people_per_counter, l.is_active,
    s.duration_minutes, s.opens_days_ahead, s.book_until_minutes,
    COALESCE((SELECT json_agg(json_build_object('weekday', r.weekday, 'start', r.start_time, 'end', r.end_time) ORDER BY r.weekday, r.start_time)
      FROM rsv_schedule_ranges r WHERE r.service_id = s.id), '[]'::json) AS schedule
  FROM card_net_locations l JOIN rsv_services s ON s.id = l.service_id`;

export async function listLocations(q: Queryable, departmentIds: string[] | null, activeOnly = false): Promise<Location[]> {
  const r = await q.query<Row>(
    `${SELECT} WHERE ($1::uuid[] IS NULL OR l.department_id = ANY($1::uuid[])) ${activeOnly ? 'AND l.is_active' : ''} ORDER BY l.code`,
    [departmentIds],
  );
  return r.rows.map(toLocation);
}

export async function findLocation(q: Queryable, code: string, departmentIds: string[] | null): Promise<Location | undefined> {
  const r = await q.query<Row>(`${SELECT} WHERE l.code = $1 AND ($2::uuid[] IS NULL OR l.department_id = ANY($2::uuid[]))`, [
    code,
    departmentIds,
  ]);
  return r.rows[0] ? toLocation(r.rows[0]) : undefined;
}

const engineSettings = (l: LocationInput) => ({
  name: l.name,
  nameEn: l.nameEn || null,
  durationMinutes: l.slotMinutes,
  capacity: capacityOf(l),
  opensDaysAhead: l.opensDaysAhead,
  bookUntilMinutes: l.bookUntilMinutes,
  isActive: l.isActive,
  schedule: l.weekdays.map((weekday) => ({ weekday, start: l.openTime, end: l.closeTime })),
});

/**
 * Creates or updates a location (by code) and its engine service in the caller's transaction. A code
 * of another department (or any existing code, with createOnly) is refused. Returns how many future slots are already booked beyond the new
 * capacity (they keep their bookings).
 */
export class LocationCodeTaken extends Error {}

export async function upsertLocation(
  q: Queryable,
  l: LocationInput,
  now: Date,
  o: { createOnly?: boolean } = {},
): Promise<{ id: string; overCapacity: number }> {
  const existing = await q.query<{ id: string; service_id: string; department_id: string }>(
    'SELECT id, service_id, department_id FROM card_net_locations WHERE code = $1 FOR UPDATE',
    [l.code],
  );
  const row = existing.rows[0];
  if (row && (o.createOnly || row.department_id !== l.departmentId))
    throw new LocationCodeTaken(`location code "${l.code}" is already in use`);
  if (!row) {
    const serviceId = await createPickupService(q, l.departmentId, engineSettings(l));
    // ON CONFLICT: a concurrent creation of the same code fails this transaction instead of duplicating
    const r = await q.query<{ id: string }>(
      `INSERT INTO card_net_locations (department_id, code, name, name_en, counters, people_per_counter, is_active, service_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [l.departmentId, l.code, l.name, l.nameEn, l.counters, l.peoplePerCounter, l.isActive, serviceId],
    );
    return { id: (r.rows[0] as { id: string }).id, overCapacity: 0 };
  }
  await q.query(
    `UPDATE card_net_locations SET name = $2, name_en = $3, counters = $4, people_per_counter = $5, is_active = $6 WHERE id = $1`,
    [row.id, l.name, l.nameEn, l.counters, l.peoplePerCounter, l.isActive],
  );
  const { overCapacity } = await updatePickupService(q, row.service_id, engineSettings(l), now);
  return { id: row.id, overCapacity };
}
