/** Changes a facility's master data (every field but its code). Audited with the names of the fields changed. */
import { errors } from '../../../http/errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { updateFacilityBody, type UpdateFacilityInput } from './facilities.schemas.js';
import { assertMay, auditFacilityChange, type Acting } from './facility-admin.js';

type Row = {
  name: string;
  type: string;
  operator_name: string;
  region_percent: number;
  capacity_1: number;
  capacity_23: number;
  postal_code: string | null;
  address: string;
};

export async function updateFacility(ctx: AppContext, by: Acting, facilityId: string, input: UpdateFacilityInput): Promise<void> {
  assertMay(ctx, by, 'manage-facilities');
  const f = parseOrThrow(updateFacilityBody, input);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query<Row>(
      `SELECT name, type, operator_name, region_percent, capacity_1, capacity_23, postal_code, address
         FROM fc_facilities WHERE id = $1 FOR UPDATE`,
      [facilityId],
    );
    const old = r.rows[0];
    if (!old) throw errors.notFound();
    const next: Row = {
      name: f.name,
      type: f.type,
      operator_name: f.operatorName,
      region_percent: f.regionPercent,
      capacity_1: f.capacity1,
      capacity_23: f.capacity23,
      postal_code: f.postalCode ?? null,
      address: f.address,
    };
    const changed = (Object.keys(next) as (keyof Row)[]).filter((k) => next[k] !== old[k]);
    if (changed.length === 0) return;
    await tx.query(
      `UPDATE fc_facilities SET name = $2, type = $3, operator_name = $4, region_percent = $5, capacity_1 = $6, capacity_23 = $7,
              postal_code = $8, address = $9, updated_at = $10 WHERE id = $1`,
      [
        facilityId,
        next.name,
        next.type,
        next.operator_name,
        next.region_percent,
        next.capacity_1,
        next.capacity_23,
        next.postal_code,
        next.address,
        now,
      ],
    );
    await auditFacilityChange(
      tx,
      ctx,
      by,
      { action: 'facility.update', recordType: 'fc_facility', recordId: facilityId, detail: { changed } },
      now,
    );
  });
}
