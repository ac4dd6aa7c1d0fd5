/** 運営費請求書 (monthly operating-cost claim), built (pure) from the gathered inputs as of the month's first day. */
import { calculateMonthly } from '../pricing/engine.js';
import { pricingNoteText } from '../pricing/pricing.messages.js';
import type { MonthlyClaimContent, MonthlyInput, MonthlyResult } from '../shared/types.js';
import { entryChecks } from './entry-checks.js';
import { conditionsOf, engineFacility, requiredFte } from './form-facts.js';
import type { FormInputs } from './gather-inputs.js';

/** 運営費請求書 as of the month's first day. Without a price table the amounts are 0 and a check says why. */
export function buildMonthlyClaim(inp: FormInputs): MonthlyClaimContent {
  const { period } = inp;
  const input: MonthlyInput = {
    month: period.period,
    fiscalYear: period.fiscalYear,
    facility: engineFacility(inp),
    counts: inp.counts,
    items: inp.items,
    staffing: inp.staffing,
  };
  const calculation: MonthlyResult = inp.table
    ? calculateMonthly(inp.table, input)
    : {
        fiscalYear: period.fiscalYear,
        month: period.period,
        priceTable: { label: '', isSample: false },
        lines: [],
        facilityAdditions: [],
        total: 0,
        notes: [],
      };
  const required = requiredFte(inp);
  const checks = entryChecks({
    asOf: period.asOf,
    periodEnd: period.periodEnd,
    roster: inp.roster,
    staffing: { summary: inp.staffing, requiredCareFte: required },
    items: inp.items,
    conditions: conditionsOf(inp.items, inp.staffing, inp.counts),
    counts: { month: period.period, present: inp.countsPresent, reviewStatus: inp.countsStatus },
    priceTable: { fiscalYear: period.fiscalYear, table: inp.table ? { label: inp.table.label, isSample: inp.table.isSample } : null },
    engineNotes: calculation.notes.map((n) => ({ code: n.code, text: pricingNoteText(n, calculation.priceTable.label) })),
  });
  return {
    form: 'monthly-claim',
    period: period.period,
    facility: inp.facility,
    counts: inp.counts,
    staffing: inp.staffing,
    requiredCareFte: required,
    items: inp.items,
    calculation,
    checks,
  };
}
