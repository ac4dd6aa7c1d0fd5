/**
 * The engine against worked examples computed by hand (the arithmetic is in each test's comment), on small
 * tables written here — read through the real parser — so every amount in a comment is visible in the table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChildCount, ItemInEffect, MonthlyInput, StaffingSummary } from '../shared/types.js';
import { calculateMonthly, calculateShogu } from './engine.js';
import { parsePriceTable } from './parse-price-table.js';
import { indexEntries, type PriceTable, type Rounding } from './price-table.js';

const HEADER =
  'fiscal_year,region,facility_type,capacity_min,capacity_max,cert_class,age_band,need,item,unit,amount,experience_min,experience_max';

async function table(rows: string[], rounding: Rounding = 'floor-10'): Promise<PriceTable> {
  const csv = [`# label=engine test; is_sample=true; rounding=${rounding}`, HEADER, ...rows].join('\n');
  const r = await parsePriceTable(Buffer.from(csv), 't.csv');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { id: 'test', ...r.table, index: indexEntries(r.table.entries) };
}

const staffing = (o: Partial<StaffingSummary> = {}): StaffingSummary => ({
  asOf: '2026-05-01',
  headcount: 20,
  careFte: 14,
  qualifiedCareFte: 14,
  byRole: { director: 1, chief: 1, 'nursery-teacher': 12, cook: 2, clerk: 1 },
  averageExperienceYears: 8.4,
  ...o,
});

const item = (code: ItemInEffect['code'], value: Record<string, unknown> = {}, claimed = true): ItemInEffect => ({
  code,
  claimed,
  effectiveFrom: '2026-04-01',
  value,
});

function input(o: Partial<MonthlyInput> & { counts: ChildCount[] }): MonthlyInput {
  return {
    month: '2026-05',
    fiscalYear: 2026,
    facility: { type: 'hoikusho', regionPercent: 16, capacity1: 0, capacity23: 90 },
    items: [],
    staffing: staffing(),
    ...o,
  };
}

// A 保育所 in a 16/100 area with 利用定員 90 (band 81–90); the 71–80 band and the 20/100 area are there to be
// passed over: a wrong look-up would pick them.
const HOIKUSHO_ROWS = [
  '2026,16,hoikusho,81,90,3,age0,standard,basic,per-child-month,180310,,',
  '2026,16,hoikusho,81,90,3,age1-2,standard,basic,per-child-month,108560,,',
  '2026,16,hoikusho,81,90,2,age4plus,standard,basic,per-child-month,36420,,',
  '2026,16,hoikusho,71,80,2,age4plus,standard,basic,per-child-month,39990,,',
  '2026,20,hoikusho,81,90,2,age4plus,standard,basic,per-child-month,37770,,',
  '2026,*,hoikusho,81,90,*,*,*,shukan-senin,per-child-month,2140,,',
  '2026,*,hoikusho,71,80,*,*,*,shukan-senin,per-child-month,2400,,',
  '2026,16,hoikusho,81,90,3,age0,standard,shogu-tanka,per-child-month,126210,,',
  '2026,16,hoikusho,81,90,3,age1-2,standard,shogu-tanka,per-child-month,75990,,',
  '2026,16,hoikusho,81,90,2,age4plus,standard,shogu-tanka,per-child-month,25490,,',
  '2026,*,*,,,*,*,*,shogu-kubun1-rate,rate-by-experience,8,0,8',
  '2026,*,*,,,*,*,*,shogu-kubun1-rate,rate-by-experience,10,8,11',
  '2026,*,*,,,*,*,*,shogu-kubun1-rate,rate-by-experience,12,11,',
  '2026,*,hoikusho,,,*,*,*,shogu-kubun2-rate,rate-by-experience,6,0,',
  '2026,*,*,,,*,*,*,shogu-kubun3-a,facility-month,49800,,',
  '2026,*,*,,,*,*,*,shogu-kubun3-b,facility-month,6200,,',
  '2026,*,*,,,*,*,*,anzen-keikaku-misakutei,percent-of-basic,5,,',
  '2026,*,hoikusho,81,90,*,*,*,shisetsucho-mihaichi,per-child-month,3440,,',
  '2026,*,*,,,*,*,*,shi-shogaiji,facility-month,48000,,',
];

describe('calculateMonthly', () => {
  it('保育所 16/100, 定員90, three classes, 主幹教諭等専任 and 処遇改善 (区分① 10 % by 8.4 years, 区分② 6 %): exact yen', async () => {
    // 区分① rate: average experience 8.4 years is in [8, 11) → 10 %; 区分② 6 % → 16 % of the 処遇改善単価.
    // 乳児 (6):    180,310 + 2,140 + ⌊126,210 × 16 / 100 = 20,193.6⌋ 20,193 = 202,643 → floor to 10 yen 202,640 × 6  = 1,215,840
    // 1・2歳 (20): 108,560 + 2,140 + ⌊ 75,990 × 0.16 = 12,158.4⌋ 12,158 = 122,858 → 122,850 × 20 = 2,457,000
    // 4歳以上 (25): 36,420 + 2,140 + ⌊ 25,490 × 0.16 =  4,078.4⌋  4,078 =  42,638 →  42,630 × 25 = 1,065,750
    // total 1,215,840 + 2,457,000 + 1,065,750 = 4,738,590
    const t = await table(HOIKUSHO_ROWS);
    const r = calculateMonthly(
      t,
      input({
        counts: [
          { certClass: 3, ageBand: 'age0', need: 'standard', count: 6 },
          { certClass: 3, ageBand: 'age1-2', need: 'standard', count: 20 },
          { certClass: 2, ageBand: 'age4plus', need: 'standard', count: 25 },
          { certClass: 2, ageBand: 'age3', need: 'standard', count: 0 },
        ],
        items: [item('shukan-senin'), item('shogu', { kubun3: { personsA: 1, personsB: 2 } }), item('jimu-yatoiage', {}, false)],
      }),
    );
    assert.deepEqual(
      r.lines.map((l) => [l.ageBand, l.basic, l.additions, l.unitPrice, l.amount]),
      [
        [
          'age0',
          180310,
          [
            { code: 'shukan-senin', perChild: 2140 },
            { code: 'shogu', perChild: 20193 },
          ],
          202640,
          1215840,
        ],
        [
          'age1-2',
          108560,
          [
            { code: 'shukan-senin', perChild: 2140 },
            { code: 'shogu', perChild: 12158 },
          ],
          122850,
          2457000,
        ],
        [
          'age4plus',
          36420,
          [
            { code: 'shukan-senin', perChild: 2140 },
            { code: 'shogu', perChild: 4078 },
          ],
          42630,
          1065750,
        ],
      ],
    );
    assert.equal(r.total, 4738590);
    assert.deepEqual(r.notes, []);
    assert.deepEqual(r.priceTable, { label: 'engine test', isSample: true });
  });

  it('deductions: 安全計画未策定 −5 % of the basic price and 施設長未配置 per child, then rounding', async () => {
    // 4歳以上 (30): 36,420 − ⌊36,420 × 5 / 100 = 1,821⌋ − 3,440 = 31,159 → 31,150 × 30 = 934,500
    const t = await table(HOIKUSHO_ROWS);
    const r = calculateMonthly(
      t,
      input({
        counts: [{ certClass: 2, ageBand: 'age4plus', need: 'standard', count: 30 }],
        items: [item('anzen-keikaku-misakutei'), item('shisetsucho-mihaichi')],
        staffing: staffing({ byRole: { 'nursery-teacher': 5 } }),
      }),
    );
    assert.deepEqual(r.lines[0]?.deductions, [
      { code: 'anzen-keikaku-misakutei', perChild: 1821 },
      { code: 'shisetsucho-mihaichi', perChild: 3440 },
    ]);
    assert.equal(r.lines[0]?.unitPrice, 31150);
    assert.equal(r.total, 934500);
  });

  it('認定こども園: 1号 priced by 利用定員1号 (30 → band 26–35), 2・3号 by 利用定員2・3号 (120 → band 111–120)', async () => {
    // 1号 4歳以上 (20): 33,870 × 20 = 677,400 (the 111–120 band's 29,000 would be the mistake)
    // 2号 3歳 標準 (15): 45,990 × 15 = 689,850 (the 26–35 band's 61,000 would be the mistake)
    // 市単独 障害児保育 (facility-month 48,000 × 2 children) = 96,000; total 677,400 + 689,850 + 96,000 = 1,463,250
    const t = await table([
      '2026,16,kodomoen,26,35,1,age4plus,education,basic,per-child-month,33870,,',
      '2026,16,kodomoen,111,120,1,age4plus,education,basic,per-child-month,29000,,',
      '2026,16,kodomoen,111,120,2,age3,standard,basic,per-child-month,45990,,',
      '2026,16,kodomoen,26,35,2,age3,standard,basic,per-child-month,61000,,',
      '2026,*,*,,,*,*,*,shi-shogaiji,facility-month,48000,,',
    ]);
    const r = calculateMonthly(
      t,
      input({
        facility: { type: 'kodomoen', regionPercent: 16, capacity1: 30, capacity23: 120 },
        counts: [
          { certClass: 1, ageBand: 'age4plus', need: 'education', count: 20 },
          { certClass: 2, ageBand: 'age3', need: 'standard', count: 15 },
        ],
        // required care FTE: 20 four-year-olds ÷ 30 = 0.6, 15 three-year-olds ÷ 20 = 0.7 → 1.3 → 1; 12 − 1 = 11 ≥ 1 extra staff
        items: [item('shi-shogaiji', { children: 2, extraStaff: 1 })],
        staffing: staffing({ careFte: 12 }),
      }),
    );
    assert.deepEqual(
      r.lines.map((l) => [l.certClass, l.unitPrice, l.amount]),
      [
        [1, 33870, 677400],
        [2, 45990, 689850],
      ],
    );
    assert.deepEqual(r.facilityAdditions, [{ code: 'shi-shogaiji', amount: 96000 }]);
    assert.equal(r.total, 1463250);
  });

  it('rounding edge: a unit price ending in 9 yen goes down with floor-10 and up with round-10', async () => {
    // 50,009: floor-10 → 50,000 × 3 = 150,000; round-10 → 50,010 × 3 = 150,030; round-1 keeps 50,009 × 3 = 150,027
    const rows = ['2026,*,katei,1,5,3,age0,standard,basic,per-child-month,50009,,'];
    const counts: ChildCount[] = [{ certClass: 3, ageBand: 'age0', need: 'standard', count: 3 }];
    const facility = { type: 'katei' as const, regionPercent: 0 as const, capacity1: 0, capacity23: 5 };
    const floor = calculateMonthly(await table(rows, 'floor-10'), input({ facility, counts }));
    const round = calculateMonthly(await table(rows, 'round-10'), input({ facility, counts }));
    const exact = calculateMonthly(await table(rows, 'round-1'), input({ facility, counts }));
    assert.deepEqual([floor.lines[0]?.unitPrice, floor.total], [50000, 150000]);
    assert.deepEqual([round.lines[0]?.unitPrice, round.total], [50010, 150030]);
    assert.deepEqual([exact.lines[0]?.unitPrice, exact.total], [50009, 150027]);
  });

  it('a claimed item without a price, an unmet condition and a class without a basic price are notes, never a silent 0', async () => {
    // 4歳以上 (10): 36,420 only (jimu-yatoiage has no price; shukan-senin needs a chief) → 36,420 × 10 = 364,200
    // 1・2歳 短時間 (4): no basic price in the table → no amount, and a note that says so
    const t = await table(HOIKUSHO_ROWS);
    const r = calculateMonthly(
      t,
      input({
        counts: [
          { certClass: 2, ageBand: 'age4plus', need: 'standard', count: 10 },
          { certClass: 3, ageBand: 'age1-2', need: 'short', count: 4 },
        ],
        items: [item('jimu-yatoiage'), item('shukan-senin')],
        staffing: staffing({ byRole: { director: 1, clerk: 1, 'nursery-teacher': 6 } }),
      }),
    );
    assert.equal(r.total, 364200);
    assert.deepEqual(
      [...r.notes].sort((a, b) => a.code.localeCompare(b.code)),
      [
        { code: 'basic/3/age1-2/short', reason: 'no-basic-price' },
        { code: 'jimu-yatoiage', reason: 'no-price' },
        { code: 'shukan-senin', reason: 'condition-not-met' },
      ],
    );
    assert.equal(r.lines[1]?.amount, 0);
  });

  it('notes a 処遇改善 rate entered that differs from the table’s, and prices with the table’s', async () => {
    const t = await table(HOIKUSHO_ROWS);
    const r = calculateMonthly(
      t,
      input({
        counts: [{ certClass: 2, ageBand: 'age4plus', need: 'standard', count: 1 }],
        items: [item('shogu', { kubun1Rate: 12, kubun2Rate: 6, kubun3: { personsA: 0, personsB: 0 } })],
      }),
    );
    assert.deepEqual(r.notes, [{ code: 'shogu', reason: 'shogu-rate-differs' }]);
    assert.deepEqual(r.lines[0]?.additions, [{ code: 'shogu', perChild: 4078 }]);
  });
});

describe('calculateShogu', () => {
  it('区分①② per month and class rounded down, 区分③ × the months given', async () => {
    // rates: 8.4 years → 区分① 10 %, 区分② 6 %; 処遇改善単価 乳児 126,210
    // 区分① May: ⌊6 × 126,210 × 10 / 100 = 75,726⌋; June: ⌊7 × 126,210 × 0.10 = 88,347⌋ → 164,073
    // 区分② May: ⌊6 × 126,210 × 0.06 = 45,435.6⌋ 45,435; June: ⌊7 × 126,210 × 0.06 = 53,008.2⌋ 53,008 → 98,443
    // 区分③ (2 × 49,800 + 3 × 6,200) = 118,200 × 2 months = 236,400
    // total 164,073 + 98,443 + 236,400 = 498,916
    const t = await table(HOIKUSHO_ROWS);
    const r = calculateShogu(t, {
      fiscalYear: 2026,
      facility: { type: 'hoikusho', regionPercent: 16, capacity1: 0, capacity23: 90 },
      monthlyCounts: [
        { month: '2026-05', counts: [{ certClass: 3, ageBand: 'age0', need: 'standard', count: 6 }] },
        { month: '2026-06', counts: [{ certClass: 3, ageBand: 'age0', need: 'standard', count: 7 }] },
      ],
      averageExperienceYears: 8.4,
      personsA: 2,
      personsB: 3,
    });
    assert.deepEqual(r, {
      kubun1: { rate: 10, yearlyAmount: 164073 },
      kubun2: { rate: 6, yearlyAmount: 98443 },
      kubun3: { personsA: 2, personsB: 3, yearlyAmount: 236400 },
      total: 498916,
      notes: [],
    });
  });

  it('experience exactly at a band boundary takes the upper band (ranges are [min, max))', async () => {
    const t = await table(HOIKUSHO_ROWS);
    const base = {
      fiscalYear: 2026,
      facility: { type: 'hoikusho' as const, regionPercent: 16 as const, capacity1: 0, capacity23: 90 },
      monthlyCounts: [
        { month: '2026-05', counts: [{ certClass: 2 as const, ageBand: 'age4plus' as const, need: 'standard' as const, count: 1 }] },
      ],
      personsA: 0,
      personsB: 0,
    };
    assert.equal(calculateShogu(t, { ...base, averageExperienceYears: 7.9 }).kubun1.rate, 8);
    assert.equal(calculateShogu(t, { ...base, averageExperienceYears: 8 }).kubun1.rate, 10);
    assert.equal(calculateShogu(t, { ...base, averageExperienceYears: 11 }).kubun1.rate, 12);
  });

  it('a class without a 処遇改善単価 is a note', async () => {
    const t = await table(HOIKUSHO_ROWS);
    const r = calculateShogu(t, {
      fiscalYear: 2026,
      facility: { type: 'hoikusho', regionPercent: 16, capacity1: 0, capacity23: 90 },
      monthlyCounts: [{ month: '2026-05', counts: [{ certClass: 3, ageBand: 'age0', need: 'short', count: 2 }] }],
      averageExperienceYears: 3,
      personsA: 0,
      personsB: 0,
    });
    assert.deepEqual(r.notes, [{ code: 'shogu', reason: 'no-price' }]);
    assert.equal(r.total, 0);
  });
});
