/** What the builders share: the claimed items, their conditions against the roster and counts, the engine's facility dimensions. */
import { itemConditionsMet, requiredCareFte } from '../items/item-definitions.js';
import type { ChildCount, ItemCode, ItemInEffect, MonthlyInput, StaffingSummary } from '../shared/types.js';
import type { CheckFacts } from './entry-checks.js';
import type { FormInputs } from './gather-inputs.js';

export const claimed = (items: readonly ItemInEffect[], code: ItemCode) => items.some((i) => i.code === code && i.claimed);

export function conditionsOf(
  items: readonly ItemInEffect[],
  staffing: StaffingSummary,
  counts: readonly ChildCount[],
): CheckFacts['conditions'] {
  const out: CheckFacts['conditions'] = {};
  const sansaiHaichi = claimed(items, 'sansai-haichi');
  for (const i of items) if (i.claimed) out[i.code] = itemConditionsMet(i.code, i.value, staffing, counts, { sansaiHaichi });
  return out;
}

export function engineFacility(inp: FormInputs): MonthlyInput['facility'] {
  const f = inp.facility;
  return { type: f.type, regionPercent: f.regionPercent, capacity1: f.capacity1, capacity23: f.capacity23 };
}

export function requiredFte(inp: FormInputs): number {
  return requiredCareFte(inp.counts, { sansaiHaichi: claimed(inp.items, 'sansai-haichi') });
}
