/**
 * Sets an application item of the session's facility for a fiscal year: claimed or not, the values it
 * needs (checked by the item's schema) and the date it applies from (inside the fiscal year, April 1 –
 * March 31). A change on another date adds a row (the history); a second change on the same date replaces
 * that date's row. Audited (facility.items.update) in the same transaction, with codes only.
 */
import { errors, type FieldError } from '../../../http/errors.js';
import { fieldErrorsOf } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { isValidDate } from '../../../platform/japan-time.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import type { FacilityActor } from '../shared/facility-session.js';
import { ITEM_CODES, type ItemCode, type ItemInEffect } from '../shared/types.js';
import { ITEM_VALUE_SCHEMAS } from './item-definitions.js';
import { itemMessages } from './items.messages.js';

export type SetItemInput = { fiscalYear: number; code: string; claimed: boolean | undefined; value: unknown; effectiveFrom: string };

/** First and last day of a fiscal year (April–March). */
export const fiscalYearRange = (fy: number) => ({ from: `${fy}-04-01`, to: `${fy + 1}-03-31` });

export function isItemCode(code: string): code is ItemCode {
  return (ITEM_CODES as readonly string[]).includes(code);
}

/** The checked item, or every field's problem (field names: claimed, effectiveFrom, value.<path>). */
export function checkItem(input: SetItemInput): { ok: true; item: ItemInEffect } | { ok: false; errors: FieldError[] } {
  if (!isItemCode(input.code)) throw errors.notFound();
  const errs: FieldError[] = [];
  if (typeof input.claimed !== 'boolean') errs.push({ field: 'claimed', message: itemMessages.text('chooseClaimed') });
  const { from, to } = fiscalYearRange(input.fiscalYear);
  const date = (input.effectiveFrom ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isValidDate(date))
    errs.push({ field: 'effectiveFrom', message: itemMessages.text('notADate') });
  else if (date < from || date > to) errs.push({ field: 'effectiveFrom', message: itemMessages.text('notInYear', { from, to }) });
  let value: Record<string, unknown> = {};
  if (input.claimed === true) {
    const r = ITEM_VALUE_SCHEMAS[input.code].safeParse(input.value ?? {});
    if (r.success) value = r.data as Record<string, unknown>;
    else errs.push(...fieldErrorsOf(r.error, 'value'));
  }
  if (errs.length) return { ok: false, errors: errs };
  return { ok: true, item: { code: input.code, claimed: input.claimed as boolean, effectiveFrom: date, value } };
}

export async function setItem(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Pick<FacilityActor, 'facilityId' | 'userId'>,
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
  input: SetItemInput,
): Promise<ItemInEffect & { id: number }> {
  const checked = checkItem(input);
  if (!checked.ok) throw errors.validation(checked.errors);
  const item = checked.item;
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `INSERT INTO fc_items (facility_id, fiscal_year, item_code, effective_from, claimed, value, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (facility_id, fiscal_year, item_code, effective_from)
       DO UPDATE SET claimed = EXCLUDED.claimed, value = EXCLUDED.value, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
       RETURNING id`,
      [
        actor.facilityId,
        input.fiscalYear,
        item.code,
        item.effectiveFrom,
        item.claimed,
        JSON.stringify(item.value),
        actor.userId,
        ctx.clock.now(),
      ],
    );
    const id = r.rows[0]?.id as number;
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.items.update',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_facility',
        recordId: actor.facilityId,
        detail: { itemId: id, fiscalYear: input.fiscalYear, code: item.code, claimed: item.claimed, effectiveFrom: item.effectiveFrom },
      },
      ctx.clock.now(),
    );
    return { ...item, id };
  });
}
