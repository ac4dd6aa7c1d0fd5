/** 処遇改善等加算 (区分①②③ from FY2025): the plan (申請) and the results report (実績報告), built (pure) from the gathered inputs. */
import { calculateShogu } from '../pricing/engine.js';
import { type PricingNote, pricingNoteText } from '../pricing/pricing.messages.js';
import type { ItemInEffect, ShoguContent, ShoguResult } from '../shared/types.js';
import { basePayShareOf, entryChecks } from './entry-checks.js';
import { conditionsOf, engineFacility } from './form-facts.js';
import type { FormInputs } from './gather-inputs.js';

/** What the facility types on a 処遇改善 form, per person; kept in the draft's content. */
export type ShoguEntry = { staffId: string; improvementYearly: number; kubun3Group: 'A' | 'B' | null };

function itemPersons(items: readonly ItemInEffect[]): { a: number; b: number } | undefined {
  const v = items.find((i) => i.code === 'shogu' && i.claimed)?.value as
    | { kubun3?: { personsA?: unknown; personsB?: unknown } }
    | undefined;
  const a = v?.kubun3?.personsA;
  const b = v?.kubun3?.personsB;
  return typeof a === 'number' && typeof b === 'number' ? { a, b } : undefined;
}

/**
 * 処遇改善等加算 plan or results report for the fiscal year: average experience from the roster as of
 * April 1, 区分①②③ from the engine (区分③ persons are the people marked A or B here), each person's
 * improvement as entered. `basePayShare` is the entered improvements (base pay and allowances) over
 * 区分②+③; at least half is required.
 */
export function buildShogu(kind: 'plan' | 'report', inp: FormInputs, entries: readonly ShoguEntry[]): ShoguContent {
  const { period } = inp;
  const byStaff = new Map(entries.map((e) => [e.staffId, e]));
  const staff = inp.staffLines.map((l) => ({
    ...l,
    improvementYearly: byStaff.get(l.staffId)?.improvementYearly ?? 0,
    kubun3Group: byStaff.get(l.staffId)?.kubun3Group ?? null,
  }));
  const personsA = staff.filter((s) => s.kubun3Group === 'A').length;
  const personsB = staff.filter((s) => s.kubun3Group === 'B').length;
  const { notes, ...result }: ShoguResult & { notes: PricingNote[] } = inp.table
    ? calculateShogu(inp.table, {
        fiscalYear: period.fiscalYear,
        facility: engineFacility(inp),
        monthlyCounts: inp.monthlyCounts,
        averageExperienceYears: inp.staffing.averageExperienceYears,
        personsA,
        personsB,
      })
    : {
        kubun1: { rate: 0, yearlyAmount: 0 },
        kubun2: { rate: 0, yearlyAmount: 0 },
        kubun3: { personsA, personsB, yearlyAmount: 0 },
        total: 0,
        notes: [],
      };
  const improvementYearly = staff.reduce((s, x) => s + x.improvementYearly, 0);
  const kubun23 = result.kubun2.yearlyAmount + result.kubun3.yearlyAmount;
  const checks = entryChecks({
    asOf: period.asOf,
    periodEnd: period.periodEnd,
    roster: inp.roster,
    items: inp.items.filter((i) => i.code === 'shogu'),
    conditions: conditionsOf(
      inp.items.filter((i) => i.code === 'shogu'),
      inp.staffing,
      inp.counts,
    ),
    counts: { year: period.fiscalYear, present: inp.monthlyCounts.length > 0 },
    engineNotes: notes.map((n) => ({ code: n.code, text: pricingNoteText(n, inp.table?.label ?? '') })),
    priceTable: { fiscalYear: period.fiscalYear, table: inp.table ? { label: inp.table.label, isSample: inp.table.isSample } : null },
    shogu: {
      kind,
      planFiled: inp.planFiled,
      additionYearly: result.total,
      kubun23Yearly: kubun23,
      improvementYearly,
      groupPersons: { a: personsA, b: personsB },
      itemPersons: itemPersons(inp.items),
    },
  });
  return {
    form: kind === 'plan' ? 'shogu-plan' : 'shogu-report',
    period: period.period,
    facility: inp.facility,
    averageExperienceYears: inp.staffing.averageExperienceYears,
    kubun1: result.kubun1,
    kubun2: result.kubun2,
    kubun3: result.kubun3,
    staff,
    totals: { additionYearly: result.total, improvementYearly, basePayShare: basePayShareOf(improvementYearly, kubun23) },
    checks,
  };
}
