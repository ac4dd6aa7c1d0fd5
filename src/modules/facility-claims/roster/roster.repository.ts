/** SQL of the roster (private to this part): fc_staff rows of one facility and their dated history. */
import type { Queryable } from '../../../platform/db.js';
import type { Employment, Qualification, StaffRole } from '../shared/types.js';
import type { HistoryEvent, StaffEventKind } from './roster-rules.js';

export type StaffRow = {
  id: string;
  facility_id: string;
  name_enc: string;
  name_kana_enc: string | null;
  birth_date_enc: string;
  address_enc: string;
  qualification_number_enc: string | null;
  qualifications: Qualification[];
  role: StaffRole;
  employment: Employment;
  weekly_hours: number;
  hired_on: string;
  left_on: string | null;
  prior_experience_months: number;
};

export type HistoryRow = {
  id: number;
  staff_id: string;
  kind: StaffEventKind;
  effective_on: string;
  role: StaffRole | null;
  employment: Employment | null;
  weekly_hours: number | null;
  note_enc: string | null;
  recorded_at: Date;
};

const STAFF_COLUMNS = `id, facility_id, name_enc, name_kana_enc, birth_date_enc, address_enc, qualification_number_enc, qualifications,
  role, employment, weekly_hours, hired_on::text AS hired_on, left_on::text AS left_on, prior_experience_months`;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The facility's staff hired on or before `hiredBy` (all when omitted), oldest hire first. */
export async function selectStaff(q: Queryable, facilityId: string, hiredBy?: string): Promise<StaffRow[]> {
  const r = await q.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM fc_staff WHERE facility_id = $1 AND ($2::date IS NULL OR hired_on <= $2::date) ORDER BY hired_on, id`,
    [facilityId, hiredBy ?? null],
  );
  return r.rows.map((row) => ({ ...row, weekly_hours: Number(row.weekly_hours) }));
}

/** One person of the facility (undefined for an unknown id or another facility's), optionally locked. */
export async function selectOwnStaff(q: Queryable, facilityId: string, id: string, lock = false): Promise<StaffRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await q.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM fc_staff WHERE id = $1 AND facility_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, facilityId],
  );
  const row = r.rows[0];
  return row ? { ...row, weekly_hours: Number(row.weekly_hours) } : undefined;
}

/** Whether a staff id exists at all (to tell a probe of another facility's id from a mistyped one). */
export async function staffExists(q: Queryable, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  return (await q.query('SELECT 1 FROM fc_staff WHERE id = $1', [id])).rowCount > 0;
}

/** History rows of these people, in date order then insertion order. */
export async function selectHistory(q: Queryable, staffIds: readonly string[]): Promise<HistoryRow[]> {
  if (!staffIds.length) return [];
  const r = await q.query<HistoryRow>(
    `SELECT id, staff_id, kind, effective_on::text AS effective_on, role, employment, weekly_hours, note_enc, recorded_at
       FROM fc_staff_history WHERE staff_id = ANY($1::uuid[]) ORDER BY staff_id, effective_on, id`,
    [staffIds],
  );
  return r.rows.map((h) => ({ ...h, id: Number(h.id), weekly_hours: h.weekly_hours === null ? null : Number(h.weekly_hours) }));
}

export const toEvent = (h: HistoryRow): HistoryEvent => ({
  seq: h.id,
  kind: h.kind,
  effectiveOn: h.effective_on,
  role: h.role,
  employment: h.employment,
  weeklyHours: h.weekly_hours,
});

/** History events grouped by person. */
export function historyByStaff(rows: readonly HistoryRow[]): Map<string, HistoryEvent[]> {
  const out = new Map<string, HistoryEvent[]>();
  for (const h of rows) {
    const list = out.get(h.staff_id) ?? [];
    list.push(toEvent(h));
    out.set(h.staff_id, list);
  }
  return out;
}
