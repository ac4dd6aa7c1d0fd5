/** The items' pure rules: 年齢別配置基準 (rounded per band, then half up), conditions, values from a form. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChildCount, StaffingSummary } from '../shared/types.js';
import { ITEM_VALUE_SCHEMAS, itemConditionsMet, quantityOf, requiredCareFte, valueFromForm } from './item-definitions.js';

const c = (certClass: 1 | 2 | 3, ageBand: ChildCount['ageBand'], count: number): ChildCount => ({
  certClass,
  ageBand,
  need: certClass === 1 ? 'education' : 'standard',
  count,
});
const staffing = (o: Partial<StaffingSummary> = {}): StaffingSummary => ({
  asOf: '2026-04-01',
  headcount: 12,
  careFte: 10,
  qualifiedCareFte: 10,
  byRole: { director: 1, 'nursery-teacher': 9 },
  averageExperienceYears: 5,
  ...o,
});

describe('requiredCareFte', () => {
  it('rounds each band down to a tenth, then the sum half up', () => {
    // 0歳 7 ÷ 3 = 2.33 → 2.3; 1・2歳 20 ÷ 6 = 3.33 → 3.3; 3歳 21 ÷ 20 = 1.05 → 1.0; 4歳以上 50 ÷ 30 = 1.66 → 1.6 → 8.2 → 8
    const counts = [c(3, 'age0', 7), c(3, 'age1-2', 20), c(2, 'age3', 21), c(2, 'age4plus', 50)];
    assert.equal(requiredCareFte(counts, { sansaiHaichi: false }), 8);
    // with 3歳児配置改善: 3歳 21 ÷ 15 = 1.4 → 2.3 + 3.3 + 1.4 + 1.6 = 8.6 → 9
    assert.equal(requiredCareFte(counts, { sansaiHaichi: true }), 9);
  });
  it('a sum of exactly .5 rounds up, and 1号 children count in the 3歳 and 4歳以上 bands', () => {
    // 0歳 1 → 0.3; 1・2歳 1 → 0.1; 4歳以上 3 → 0.1 → 0.5 → 1
    assert.equal(requiredCareFte([c(3, 'age0', 1), c(3, 'age1-2', 1), c(2, 'age4plus', 3)], { sansaiHaichi: false }), 1);
    // 1号 満3歳 10 + 1号 3歳 10 → 20 ÷ 20 = 1.0; 1号 4歳以上 45 ÷ 30 = 1.5 → 2.5 → 3
    assert.equal(requiredCareFte([c(1, 'mansan', 10), c(1, 'age3', 10), c(1, 'age4plus', 45)], { sansaiHaichi: false }), 3);
    assert.equal(requiredCareFte([], { sansaiHaichi: false }), 0);
  });
});

describe('itemConditionsMet', () => {
  const counts = [c(3, 'age0', 6), c(3, 'age1-2', 12), c(2, 'age3', 15), c(2, 'age4plus', 30)];
  // required: 6 ÷ 3 = 2.0 + 12 ÷ 6 = 2.0 + 15 ÷ 20 = 0.7 + 30 ÷ 30 = 1.0 → 5.7 → 6 (15:1: 1.0 → 6.0 → 6)
  it('needs a chief, a clerk, a nutritionist unless by contract', () => {
    assert.equal(itemConditionsMet('shukan-senin', {}, staffing(), counts).met, false);
    assert.match(itemConditionsMet('shukan-senin', {}, staffing(), counts).reason?.ja ?? '', /主任保育士/);
    assert.equal(itemConditionsMet('shukan-senin', {}, staffing({ byRole: { chief: 1 } }), counts).met, true);
    assert.equal(itemConditionsMet('jimu-yatoiage', {}, staffing(), counts).met, false);
    assert.equal(itemConditionsMet('eiyo-kanri', { kind: 'employed' }, staffing(), counts).met, false);
    assert.equal(itemConditionsMet('eiyo-kanri', { kind: 'contract' }, staffing(), counts).met, true);
  });
  it('team childcare needs care FTE above the requirement by the extra staff', () => {
    assert.equal(itemConditionsMet('team-hoiku', { staff: 4 }, staffing({ careFte: 10 }), counts).met, true); // 10 ≥ 6 + 4
    const r = itemConditionsMet('team-hoiku', { staff: 5 }, staffing({ careFte: 10 }), counts);
    assert.equal(r.met, false);
    assert.match(r.reason?.en ?? '', /10 full-time equivalent.*5 extra.*required 6/);
  });
  it('age-3 improvement, holiday days, persons within the headcount, extra staff beyond the requirement', () => {
    assert.equal(itemConditionsMet('sansai-haichi', {}, staffing({ careFte: 5.9 }), counts).met, false);
    assert.equal(itemConditionsMet('sansai-haichi', {}, staffing({ careFte: 6 }), counts).met, true);
    assert.equal(itemConditionsMet('kyujitsu-hoiku', { yearlyDays: 0 }, staffing(), counts).met, false);
    assert.equal(itemConditionsMet('kyujitsu-hoiku', { yearlyDays: 12 }, staffing(), counts).met, true);
    assert.equal(itemConditionsMet('ken-shogu', { persons: 13 }, staffing({ headcount: 12 }), counts).met, false);
    assert.equal(itemConditionsMet('ken-shogu', { persons: 12 }, staffing({ headcount: 12 }), counts).met, true);
    assert.equal(itemConditionsMet('shi-shogaiji', { children: 2, extraStaff: 4 }, staffing({ careFte: 10 }), counts).met, true);
    assert.equal(itemConditionsMet('shi-shogaiji', { children: 2, extraStaff: 4.5 }, staffing({ careFte: 10 }), counts).met, false);
    assert.equal(itemConditionsMet('shisetsucho-mihaichi', {}, staffing(), counts).met, false);
    assert.equal(itemConditionsMet('shisetsucho-mihaichi', {}, staffing({ byRole: {} }), counts).met, true);
  });
});

describe('values', () => {
  it('reads form strings (full-width digits too) into the value the schema checks', () => {
    const v = valueFromForm('shogu', {
      'value.kubun1Rate': '',
      'value.kubun2Rate': '６',
      'value.kubun3.personsA': '2',
      'value.kubun3.personsB': '1',
    });
    assert.deepEqual(v, { kubun2Rate: 6, kubun3: { personsA: 2, personsB: 1 } });
    assert.equal(ITEM_VALUE_SCHEMAS.shogu.safeParse(v).success, true);
    const bad = ITEM_VALUE_SCHEMAS['team-hoiku'].safeParse(valueFromForm('team-hoiku', { 'value.staff': '1.5' }));
    assert.equal(bad.success, false);
    assert.deepEqual(valueFromForm('shi-encho', { 'value.minutes': '60', 'value.children': '4' }), { minutes: 60, children: 4 });
    assert.equal(quantityOf('shi-encho', { minutes: 60, children: 4 }), 4);
    assert.equal(quantityOf('shukan-senin', {}), 1);
  });
});
