/** Facilities for the city's childcare divisions: search by code (prefix) or name (part), and by kind; 50 a page. */
import type { AppContext } from '../../../platform/context.js';
import type { FacilityType, RegionPercent } from '../shared/types.js';
import type { ListFacilitiesQuery } from './facilities.schemas.js';
import { assertMay, type Acting } from './facility-admin.js';

export const FACILITIES_PAGE_SIZE = 50;

export type FacilitySummary = {
  id: string;
  code: string;
  name: string;
  type: FacilityType;
  operatorName: string;
  regionPercent: RegionPercent;
  capacity1: number;
  capacity23: number;
  postalCode: string | null;
  address: string;
  activeUsers: number;
};

export type FacilityRow = {
  id: string;
  code: string;
  name: string;
  type: FacilityType;
  operator_name: string;
  region_percent: number;
  capacity_1: number;
  capacity_23: number;
  postal_code: string | null;
  address: string;
  active_users: number;
};

export const FACILITY_COLUMNS = `f.id, f.code, f.name, f.type, f.operator_name, f.region_percent, f.capacity_1, f.capacity_23, f.postal_code, f.address,
  (SELECT count(*)::int FROM fc_users u WHERE u.facility_id = f.id AND u.status = 'active') AS active_users`;

export const toSummary = (r: FacilityRow): FacilitySummary => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  operatorName: r.operator_name,
  regionPercent: r.region_percent as RegionPercent,
  capacity1: r.capacity_1,
  capacity23: r.capacity_23,
  postalCode: r.postal_code,
  address: r.address,
  activeUsers: r.active_users,
});

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listFacilities(
  ctx: AppContext,
  by: Acting,
  query: Pick<ListFacilitiesQuery, 'q' | 'type'> & { page?: number },
): Promise<{ items: FacilitySummary[]; page: number; hasNext: boolean }> {
  assertMay(ctx, by, 'view');
  const page = query.page ?? 1;
  const q = query.q?.normalize('NFKC').trim();
  const r = await ctx.db.query<FacilityRow>(
    `SELECT ${FACILITY_COLUMNS} FROM fc_facilities f
      WHERE ($1::text IS NULL OR f.code ILIKE $1 || '%' OR f.name ILIKE '%' || $1 || '%')
        AND ($2::text IS NULL OR f.type = $2)
      ORDER BY f.code LIMIT $3 OFFSET $4`,
    [q ? likeEscape(q) : null, query.type ?? null, FACILITIES_PAGE_SIZE + 1, (page - 1) * FACILITIES_PAGE_SIZE],
  );
  return { items: r.rows.slice(0, FACILITIES_PAGE_SIZE).map(toSummary), page, hasNext: r.rows.length > FACILITIES_PAGE_SIZE };
}

/** Every facility, by code (the CLI's list). */
export async function allFacilities(ctx: AppContext): Promise<FacilitySummary[]> {
  const r = await ctx.db.query<FacilityRow>(`SELECT ${FACILITY_COLUMNS} FROM fc_facilities f ORDER BY f.code`);
  return r.rows.map(toSummary);
}

/** The id of the facility with this code, if any. */
export async function facilityIdByCode(ctx: AppContext, code: string): Promise<string | undefined> {
  const r = await ctx.db.query<{ id: string }>('SELECT id FROM fc_facilities WHERE code = $1', [code]);
  return r.rows[0]?.id;
}
