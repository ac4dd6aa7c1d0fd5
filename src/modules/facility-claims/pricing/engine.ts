/**
 * The calculation engine (pure, no I/O): a facility's monthly amount per child class and in total, and
 * the fiscal year's 処遇改善等加算 (区分①②③, as from FY2025). Rules, as documented in
 * docs/facility-claims/price-table.md:
 *
 * - per child class with children on the first day of the month:
 *   基本分単価 (region × type × capacity band × cert × age × need; the band is read against 利用定員 1号 for
 *   1号 children and 2・3号 for the others)
 *   + each addition claimed whose conditions are met (per-child-month × quantity, or percent-of-basic)
 *   + 処遇改善 per child = ⌊処遇改善単価 × (区分①rate + 区分②rate) / 100⌋ (rates by average experience)
 *   − deductions declared (per-child-month, or percent-of-basic such as 安全計画未策定 5 %)
 *   → unit price rounded as the table says (e.g. floor to 10 yen) → × children → the class's amount;
 * - facility-month additions once per month (× quantity), read against the total capacity;
 * - a claimed addition that is not priced — condition unmet or no price in the table — is a note, never a
 *   silent 0; a class without a basic price is a note too (its amount is then 0 and says so).
 * Components derived from a percentage are rounded down to the yen before they are added.
 */
import { DEDUCTION_CODES, itemConditionsMet, quantityOf } from '../items/item-definitions.js';
import type {
  ChildClassKey,
  ItemCode,
  ItemInEffect,
  MonthlyInput,
  MonthlyLine,
  MonthlyResult,
  ShoguInput,
  ShoguResult,
} from '../shared/types.js';
import { type PriceEntry, type PriceKey, type PriceTable, findEntries, findEntry, roundYen } from './price-table.js';
import type { PricingNote } from './pricing.messages.js';

/** Rounds down to the yen, ignoring float residue below a millionth (2,340 × 10 / 100 stays 234). */
const floorYen = (x: number) => Math.floor(x + 1e-6);

const PER_CHILD_UNITS = new Set<PriceEntry['unit']>(['per-child-month', 'percent-of-basic']);

type Facility = MonthlyInput['facility'];

function classKey(facility: Facility, item: string, c: ChildClassKey, experience?: number): PriceKey {
  return {
    item,
    region: facility.regionPercent,
    facilityType: facility.type,
    capacity: c.certClass === 1 ? facility.capacity1 : facility.capacity23,
    certClass: c.certClass,
    ageBand: c.ageBand,
    need: c.need,
    ...(experience === undefined ? {} : { experience }),
  };
}

function facilityKey(facility: Facility, item: string): PriceKey {
  return { item, region: facility.regionPercent, facilityType: facility.type, capacity: facility.capacity1 + facility.capacity23 };
}

/** 区分① and 区分② rates (percent) for an average experience, from the table (undefined when missing). */
function shoguRates(table: PriceTable, facility: Facility, c: ChildClassKey, experience: number): { r1?: number; r2?: number } {
  const rateOf = (item: string) =>
    findEntries(table, classKey(facility, item, c, experience)).find((e) => e.unit === 'rate-by-experience')?.amount;
  return { r1: rateOf('shogu-kubun1-rate'), r2: rateOf('shogu-kubun2-rate') };
}

export function calculateMonthly(table: PriceTable, input: MonthlyInput): MonthlyResult {
  const { facility, staffing } = input;
  const counts = input.counts.filter((c) => c.count > 0);
  const notes: PricingNote[] = [];
  const claimed = new Map<ItemCode, ItemInEffect>();
  for (const i of input.items) if (i.claimed) claimed.set(i.code, i);
  const sansaiHaichi = claimed.has('sansai-haichi');

  // additions whose conditions the roster and counts meet; deductions apply as declared
  const additions: ItemInEffect[] = [];
  const deductions: ItemInEffect[] = [];
  for (const item of claimed.values()) {
    if (DEDUCTION_CODES.includes(item.code)) {
      deductions.push(item);
      continue;
    }
    if (!itemConditionsMet(item.code, item.value, staffing, counts, { sansaiHaichi }).met) {
      notes.push({ code: item.code, reason: 'condition-not-met' });
      continue;
    }
    additions.push(item);
  }
  const shogu = additions.find((i) => i.code === 'shogu');
  const perClassAdditions = additions.filter((i) => i.code !== 'shogu');
  const priced = new Set<string>();

  const lines: MonthlyLine[] = counts.map((c) => {
    const basicEntry = findEntries(table, classKey(facility, 'basic', c)).find((e) => e.unit === 'per-child-month');
    if (!basicEntry) notes.push({ code: `basic/${c.certClass}/${c.ageBand}/${c.need}`, reason: 'no-basic-price' });
    const basic = basicEntry?.amount ?? 0;
    const perChild = (item: ItemInEffect): number | undefined => {
      const e = findEntries(table, classKey(facility, item.code, c)).find((x) => PER_CHILD_UNITS.has(x.unit));
      if (!e) return undefined;
      priced.add(item.code);
      const one = e.unit === 'percent-of-basic' ? floorYen((basic * e.amount) / 100) : e.amount;
      return one * quantityOf(item.code, item.value);
    };
    const adds: MonthlyLine['additions'] = [];
    for (const item of perClassAdditions) {
      const v = perChild(item);
      if (v !== undefined) adds.push({ code: item.code, perChild: v });
    }
    if (shogu) {
      const tanka = findEntries(table, classKey(facility, 'shogu-tanka', c)).find((e) => e.unit === 'per-child-month');
      const { r1, r2 } = shoguRates(table, facility, c, staffing.averageExperienceYears);
      if (tanka && r1 !== undefined && r2 !== undefined) {
        priced.add('shogu');
        adds.push({ code: 'shogu', perChild: floorYen((tanka.amount * (r1 + r2)) / 100) });
        const given1 = shogu.value.kubun1Rate;
        const given2 = shogu.value.kubun2Rate;
        if ((typeof given1 === 'number' && given1 !== r1) || (typeof given2 === 'number' && given2 !== r2))
          if (!notes.some((n) => n.reason === 'shogu-rate-differs')) notes.push({ code: 'shogu', reason: 'shogu-rate-differs' });
      }
    }
    const deds: MonthlyLine['deductions'] = [];
    for (const item of deductions) {
      const v = perChild(item);
      if (v !== undefined) deds.push({ code: item.code, perChild: v });
    }
    const sum = basic + adds.reduce((s, a) => s + a.perChild, 0) - deds.reduce((s, d) => s + d.perChild, 0);
    const unitPrice = basicEntry ? Math.max(0, roundYen(sum, table.rounding)) : 0;
    return { ...c, basic, additions: adds, deductions: deds, unitPrice, amount: unitPrice * c.count };
  });

  const facilityAdditions: MonthlyResult['facilityAdditions'] = [];
  for (const item of perClassAdditions) {
    const e = findEntries(table, facilityKey(facility, item.code)).find((x) => x.unit === 'facility-month');
    if (!e) continue;
    priced.add(item.code);
    facilityAdditions.push({ code: item.code, amount: floorYen(e.amount * quantityOf(item.code, item.value)) });
  }
  for (const item of [...additions, ...deductions]) if (!priced.has(item.code)) notes.push({ code: item.code, reason: 'no-price' });

  const total = lines.reduce((s, l) => s + l.amount, 0) + facilityAdditions.reduce((s, a) => s + a.amount, 0);
  return {
    fiscalYear: input.fiscalYear,
    month: input.month,
    priceTable: { label: table.label, isSample: table.isSample },
    lines,
    facilityAdditions,
    total,
    notes,
  };
}

/**
 * 処遇改善等加算 for a fiscal year. 区分① and ② = Σ months Σ classes ⌊children × 処遇改善単価 × rate / 100⌋
 * (each rounded down to the yen per month and class; rates from the table by average experience years).
 * 区分③ = (persons A × amount A + persons B × amount B) × the number of months given (the months with
 * counts: twelve for a whole year; fewer for a plan made before the year's counts are known, or a
 * facility that opened during the year). Prices missing from the table are notes, as in calculateMonthly.
 */
export function calculateShogu(table: PriceTable, input: ShoguInput): ShoguResult & { notes: PricingNote[] } {
  const { facility, averageExperienceYears: experience } = input;
  const notes: PricingNote[] = [];
  const note = (n: PricingNote) => {
    if (!notes.some((x) => x.code === n.code && x.reason === n.reason)) notes.push(n);
  };
  let k1 = 0;
  let k2 = 0;
  let rate1: number | undefined;
  let rate2: number | undefined;
  const months = new Set<string>();
  for (const m of input.monthlyCounts) {
    months.add(m.month);
    for (const c of m.counts) {
      if (c.count <= 0) continue;
      const tanka = findEntries(table, classKey(facility, 'shogu-tanka', c)).find((e) => e.unit === 'per-child-month');
      const { r1, r2 } = shoguRates(table, facility, c, experience);
      if (!tanka || r1 === undefined || r2 === undefined) {
        note({ code: 'shogu', reason: 'no-price' });
        continue;
      }
      rate1 ??= r1;
      rate2 ??= r2;
      k1 += floorYen((c.count * tanka.amount * r1) / 100);
      k2 += floorYen((c.count * tanka.amount * r2) / 100);
    }
  }
  // no children in any month: the rates the table gives the facility, for the form
  const facilityRate = (item: string) =>
    findEntries(table, { ...facilityKey(facility, item), experience }).find((e) => e.unit === 'rate-by-experience')?.amount;
  rate1 ??= facilityRate('shogu-kubun1-rate');
  rate2 ??= facilityRate('shogu-kubun2-rate');
  const amountA = findEntry(table, facilityKey(facility, 'shogu-kubun3-a'));
  const amountB = findEntry(table, facilityKey(facility, 'shogu-kubun3-b'));
  if ((input.personsA > 0 && !amountA) || (input.personsB > 0 && !amountB)) note({ code: 'shogu', reason: 'no-price' });
  const k3 = ((amountA?.amount ?? 0) * input.personsA + (amountB?.amount ?? 0) * input.personsB) * months.size;
  return {
    kubun1: { rate: rate1 ?? 0, yearlyAmount: k1 },
    kubun2: { rate: rate2 ?? 0, yearlyAmount: k2 },
    kubun3: { personsA: input.personsA, personsB: input.personsB, yearlyAmount: floorYen(k3) },
    total: k1 + k2 + floorYen(k3),
    notes,
  };
}
