/** Registers a childcare facility (facility master); its code is unique and never changes. Audited. */
import { errors } from '../../../http/errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { facilitiesMessages } from './facilities.messages.js';
import { createFacilityBody, type CreateFacilityInput } from './facilities.schemas.js';
import { assertMay, auditFacilityChange, type Acting } from './facility-admin.js';

export async function createFacility(ctx: AppContext, by: Acting, input: CreateFacilityInput): Promise<{ id: string; code: string }> {
  assertMay(ctx, by, 'manage-facilities');
  const f = parseOrThrow(createFacilityBody, input);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const r = await tx.query<{ id: string }>(
        `INSERT INTO fc_facilities (code, name, type, operator_name, region_percent, capacity_1, capacity_23, postal_code, address, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [f.code, f.name, f.type, f.operatorName, f.regionPercent, f.capacity1, f.capacity23, f.postalCode ?? null, f.address, now],
      );
      const id = r.rows[0]!.id;
      await auditFacilityChange(
        tx,
        ctx,
        by,
        { action: 'facility.create', recordType: 'fc_facility', recordId: id, detail: { code: f.code, type: f.type } },
        now,
      );
      return { id, code: f.code };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw errors.validation([{ field: 'code', message: facilitiesMessages.text('codeInUse') }]);
    throw err;
  }
}
