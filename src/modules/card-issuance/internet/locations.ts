/**
 * Pickup locations and their slots. Capacity of a slot = open counters × people one counter serves
 * in a slot; changing the counters changes future slots' capacity, never below what is booked.
 * Slots are generated on weekdays that are not national holidays or the year-end closure.
 */
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { isDayOff } from './days-off.js';

export type Location = {
  id: string; departmentId: string; code: string; name: string; nameEn: string; counters: number; peoplePerCounter: number;
  slotMinutes: number; openTime: string; closeTime: string; isActive: boolean;
};

type Row = {
  id: string; department_id: string; code: string; name: string; name_en: string; counters: number; people_per_counter: number;
  slot_minutes: number; open_time: string; close_time: string; is_active: boolean;
};
const toLocation = (r: Row): Location => ({
  id: r.id, departmentId: r.department_id, code: r.code, name: r.name, nameEn: r.name_en, counters: r.counters,
  peoplePerCounter: r.people_per_counter, slotMinutes: r.slot_minutes, openTime: r.open_time, closeTime: r.close_time, isActive: r.is_active,
});

export async function listLocations(q: Queryable, departmentIds: string[] | null, activeOnly = false): Promise<Location[]> {
  const r = await q.query<Row>(
    `SELECT * FROM card_net_locations WHERE ($1::uuid[] IS NULL OR department_id = ANY($1::uuid[])) ${activeOnly ? 'AND is_active' : ''} ORDER BY code`,
    [departmentIds],
  );
  return r.rows.map(toLocation);
}

export async function upsertLocation(q: Queryable, l: Omit<Location, 'id'>, now: Date): Promise<{ id: string; capacityNotLowered: number }> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO card_net_locations (department_id, code, name, name_en, counters, people_per_counter, slot_minutes, open_time, close_time, is_active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, counters = EXCLUDED.counters,
       people_per_counter = EXCLUDED.people_per_counter, open_time = EXCLUDED.open_time, close_time = EXCLUDED.close_time,
       is_active = EXCLUDED.is_active
     WHERE card_net_locations.department_id = EXCLUDED.department_id
     RETURNING id`,
    [l.departmentId, l.code, l.name, l.nameEn, l.counters, l.peoplePerCounter, l.slotMinutes, l.openTime, l.closeTime, l.isActive],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error('location code belongs to another department');
  const cap = l.counters * l.peoplePerCounter;
  await q.query('UPDATE card_net_slots SET capacity = $2 WHERE location_id = $1 AND starts_at > $3 AND booked <= $2', [id, cap, now]);
  const stuck = await q.query('SELECT 1 FROM card_net_slots WHERE location_id = $1 AND starts_at > $3 AND capacity <> $2', [id, cap, now]);
  return { id, capacityNotLowered: stuck.rows.length };
}

const pad = (n: number) => String(n).padStart(2, '0');
const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Slot start/end instants (JST) for a location on the dates in [from, to]. Pure. */
export function slotTimes(l: Pick<Location, 'openTime' | 'closeTime' | 'slotMinutes'>, from: string, to: string): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    if (isDayOff(date)) continue;
    for (let m = mins(l.openTime); m + l.slotMinutes <= mins(l.closeTime); m += l.slotMinutes) {
      const start = new Date(`${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00+09:00`);
      out.push({ start, end: new Date(start.getTime() + l.slotMinutes * 60_000) });
    }
  }
  return out;
}

/** Creates the missing slots of a location between two dates (idempotent). */
export async function generateSlots(ctx: AppContext, q: Queryable, location: Location, from: string, to: string): Promise<number> {
  const times = slotTimes(location, from, to);
  if (times.length === 0) return 0;
  const r = await q.query(
    `INSERT INTO card_net_slots (location_id, starts_at, ends_at, capacity)
     SELECT $1, s, e, $2 FROM unnest($3::timestamptz[], $4::timestamptz[]) AS u(s, e)
     ON CONFLICT (location_id, starts_at) DO NOTHING`,
    [location.id, location.counters * location.peoplePerCounter, times.map((t) => t.start), times.map((t) => t.end)],
  );
  return r.rowCount;
}

export type SlotView = { id: string; startsAt: Date; endsAt: Date; capacity: number; booked: number };

export async function openSlots(ctx: AppContext, locationId: string, from: Date, to: Date): Promise<SlotView[]> {
  const r = await ctx.db.query<{ id: string; starts_at: Date; ends_at: Date; capacity: number; booked: number }>(
    `SELECT id, starts_at, ends_at, capacity, booked FROM card_net_slots
     WHERE location_id = $1 AND starts_at > $2 AND starts_at < $3 ORDER BY starts_at`,
    [locationId, from, to],
  );
  return r.rows.map((s) => ({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at, capacity: s.capacity, booked: s.booked }));
}
