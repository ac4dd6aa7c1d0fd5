/** Reads a facility's master data (the header of every form, the engine's dimensions). */
import type { Queryable } from '../../../platform/db.js';
import type { FacilityProfile, FacilityType, RegionPercent } from './types.js';

export async function loadFacilityProfile(q: Queryable, facilityId: string): Promise<FacilityProfile | undefined> {
  const r = await q.query<{
    id: string;
    code: string;
    name: string;
    type: FacilityType;
    operator_name: string;
    region_percent: number;
    capacity_1: number;
    capacity_23: number;
    address: string;
  }>('SELECT id, code, name, type, operator_name, region_percent, capacity_1, capacity_23, address FROM fc_facilities WHERE id = $1', [
    facilityId,
  ]);
  const f = r.rows[0];
  return f
    ? {
        id: f.id,
        code: f.code,
        name: f.name,
        type: f.type,
        operatorName: f.operator_name,
        regionPercent: f.region_percent as RegionPercent,
        capacity1: f.capacity_1,
        capacity23: f.capacity_23,
        address: f.address,
      }
    : undefined;
}

/** The id of the department under which facility-claims events are filed (the review division), if it exists. */
export async function reviewDepartmentId(q: Queryable, config: { facility: { reviewDepartmentCode: string } }): Promise<string | null> {
  const r = await q.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [config.facility.reviewDepartmentCode]);
  return r.rows[0]?.id ?? null;
}
