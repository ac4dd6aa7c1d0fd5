/** 加算認定申請 (national, prefecture, city), built (pure) from the gathered inputs. */
import { ITEM_LEVELS, type AdditionContent, type ItemLevel } from '../shared/types.js';
import { entryChecks } from './entry-checks.js';
import { conditionsOf, requiredFte } from './form-facts.js';
import type { FormInputs } from './gather-inputs.js';

/** 加算認定申請 of one level: that level's items in effect at the year's end, each with whether the roster meets its conditions. */
export function buildAdditionApplication(level: ItemLevel, inp: FormInputs): AdditionContent {
  const { period } = inp;
  const items = inp.items.filter((i) => ITEM_LEVELS[i.code] === level);
  const conditions = conditionsOf(items, inp.staffing, inp.counts);
  const checks = entryChecks({
    asOf: period.asOf,
    periodEnd: period.periodEnd,
    roster: inp.roster,
    ...(level === 'national' && inp.countsPresent ? { staffing: { summary: inp.staffing, requiredCareFte: requiredFte(inp) } } : {}),
    items,
    conditions,
  });
  return {
    form: `addition-${level}`,
    period: period.period,
    facility: inp.facility,
    additions: items.map((i) => ({
      code: i.code,
      claimed: i.claimed,
      effectiveFrom: i.effectiveFrom,
      value: i.value,
      conditionsMet: !i.claimed || (conditions[i.code]?.met ?? true),
    })),
    staff: inp.staffLines,
    staffing: inp.staffing,
    checks,
  };
}
