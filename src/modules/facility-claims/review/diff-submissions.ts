/**
 * "What changed" (前回承認分からの変更) between two contents of the same form: the version the city
 * approved last (or the same form of the previous period) and the one under review. Pure: no I/O,
 * labels in both languages from the shared code labels and the review catalogue.
 *
 * Compared: the facility block, child counts per class, the staffing figures, the calculation (unit
 * price and amount per class, facility additions, total), the items, the staff lines (matched by the
 * roster id: added, removed, changed role / employment / hours / qualifications / experience / 処遇改善
 * figures), the 処遇改善 区分①②③ figures and totals, and the addition lines.
 */
import type { Text } from '../../../platform/i18n.js';
import { codeLabel } from '../shared/labels.messages.js';
import {
  CHILD_CLASSES,
  type AdditionContent,
  type ChildClassKey,
  type ChildCount,
  type FormStaffLine,
  type MonthlyClaimContent,
  type ShoguContent,
  type SubmissionContent,
} from '../shared/types.js';
import { reviewMessages } from './review.messages.js';

export type DiffSection = 'facility' | 'counts' | 'staffing' | 'amounts' | 'items' | 'staff' | 'shogu' | 'additions';
/** A compared value; a coded value (role, type, qualifications) is kept as its label in both languages. */
export type DiffValue = string | number | boolean | null | Text;
export type Change = {
  section: DiffSection;
  /** Stable key of the changed fact, e.g. `count.2.age3.standard`, `staff.<id>.role`, `total`. */
  key: string;
  label: Text;
  kind: 'added' | 'removed' | 'changed';
  before: DiffValue;
  after: DiffValue;
};

const both = (f: (lang: 'ja' | 'en') => string): Text => ({ ja: f('ja'), en: f('en') });
const m = (key: FieldKey): Text => reviewMessages.text(key);
type FieldKey = Extract<keyof typeof reviewMessages.messages, `field.${string}`>;

/** The label of a child class, e.g. 2号認定 3歳児 保育標準時間. */
export function classLabel(k: ChildClassKey): Text {
  return both((l) => `${codeLabel('cert', k.certClass, l)} ${codeLabel('age', k.ageBand, l)} ${codeLabel('need', k.need, l)}`);
}
export const classKey = (k: ChildClassKey) => `${k.certClass}.${k.ageBand}.${k.need}`;

/** Value-level equality of plain data (numbers, strings, arrays, objects with keys in any order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

class Collector {
  readonly changes: Change[] = [];
  /** Records a change of one fact when its two values differ; absent values are `null`. */
  value(section: DiffSection, key: string, label: Text, before: DiffValue | undefined, after: DiffValue | undefined): void {
    const b = before ?? null;
    const a = after ?? null;
    if (canonical(b) === canonical(a)) return;
    this.changes.push({ section, key, label, kind: b === null ? 'added' : a === null ? 'removed' : 'changed', before: b, after: a });
  }
}

function countOf(counts: readonly ChildCount[], k: ChildClassKey): number {
  return counts.filter((c) => c.certClass === k.certClass && c.ageBand === k.ageBand && c.need === k.need).reduce((s, c) => s + c.count, 0);
}

function facilityBlock(c: Collector, b: SubmissionContent, a: SubmissionContent): void {
  const f = (key: 'name' | 'operatorName' | 'address' | 'capacity1' | 'capacity23', label: Text) =>
    c.value('facility', `facility.${key}`, label, b.facility[key], a.facility[key]);
  f('name', m('field.facilityName'));
  f('operatorName', m('field.operator'));
  f('address', m('field.address'));
  f('capacity1', m('field.capacity1'));
  f('capacity23', m('field.capacity23'));
  if (b.facility.type !== a.facility.type)
    c.value(
      'facility',
      'facility.type',
      m('field.facilityType'),
      both((l) => codeLabel('type', b.facility.type, l)),
      both((l) => codeLabel('type', a.facility.type, l)),
    );
  c.value('facility', 'facility.regionPercent', m('field.region'), b.facility.regionPercent, a.facility.regionPercent);
}

/** Items (monthly claim) and additions (addition applications): claimed, effective date and values per code. */
function itemLines(
  c: Collector,
  section: 'items' | 'additions',
  before: readonly { code: string; claimed: boolean; effectiveFrom: string; value: Record<string, unknown>; conditionsMet?: boolean }[],
  after: typeof before,
): void {
  const codes = [...new Set([...before.map((i) => i.code), ...after.map((i) => i.code)])];
  for (const code of codes) {
    const b = before.find((i) => i.code === code);
    const a = after.find((i) => i.code === code);
    const name = both((l) => codeLabel('item', code, l));
    if (!b || !a) {
      c.value(section, `${section}.${code}`, name, b ? (b.claimed ? 1 : 0) : null, a ? (a.claimed ? 1 : 0) : null);
      continue;
    }
    const sub = (what: Text) => both((l) => `${name[l]}: ${what[l]}`);
    c.value(section, `${section}.${code}.claimed`, sub(m('field.claimed')), b.claimed, a.claimed);
    c.value(section, `${section}.${code}.effectiveFrom`, sub(m('field.effectiveFrom')), b.effectiveFrom, a.effectiveFrom);
    c.value(section, `${section}.${code}.value`, sub(m('field.values')), canonical(b.value), canonical(a.value));
    if (b.conditionsMet !== undefined || a.conditionsMet !== undefined)
      c.value(section, `${section}.${code}.conditionsMet`, sub(m('field.conditionsMet')), b.conditionsMet ?? null, a.conditionsMet ?? null);
  }
}

type AnyStaffLine = FormStaffLine & { improvementYearly?: number; kubun3Group?: 'A' | 'B' | null };

function staffLines(c: Collector, before: readonly AnyStaffLine[], after: readonly AnyStaffLine[]): void {
  const ids = [...new Set([...before.map((s) => s.staffId), ...after.map((s) => s.staffId)])];
  for (const id of ids) {
    const b = before.find((s) => s.staffId === id);
    const a = after.find((s) => s.staffId === id);
    const who = (s: AnyStaffLine) => both((l) => reviewMessages.t(l, 'staffWho', { name: s.name, role: codeLabel('role', s.role, l) }));
    if (!b || !a) {
      const s = (a ?? b) as AnyStaffLine;
      c.value('staff', `staff.${id}`, who(s), b ? b.name : null, a ? a.name : null);
      continue;
    }
    const sub = (what: Text) => both((l) => `${who(a)[l]}: ${what[l]}`);
    c.value('staff', `staff.${id}.name`, sub(m('field.name')), b.name, a.name);
    if (b.role !== a.role)
      c.value(
        'staff',
        `staff.${id}.role`,
        sub(m('field.role')),
        both((l) => codeLabel('role', b.role, l)),
        both((l) => codeLabel('role', a.role, l)),
      );
    if (b.employment !== a.employment)
      c.value(
        'staff',
        `staff.${id}.employment`,
        sub(m('field.employment')),
        both((l) => codeLabel('employment', b.employment, l)),
        both((l) => codeLabel('employment', a.employment, l)),
      );
    c.value('staff', `staff.${id}.weeklyHours`, sub(m('field.weeklyHours')), b.weeklyHours, a.weeklyHours);
    const quals = (s: AnyStaffLine) =>
      both((l) =>
        [...s.qualifications]
          .sort()
          .map((q) => codeLabel('qualification', q, l))
          .join(reviewMessages.t(l, 'listSeparator')),
      );
    c.value('staff', `staff.${id}.qualifications`, sub(m('field.qualifications')), quals(b), quals(a));
    c.value('staff', `staff.${id}.hiredOn`, sub(m('field.hiredOn')), b.hiredOn, a.hiredOn);
    c.value('staff', `staff.${id}.experienceYears`, sub(m('field.experienceYears')), b.experienceYears, a.experienceYears);
    c.value('staff', `staff.${id}.improvementYearly`, sub(m('field.improvementYearly')), b.improvementYearly, a.improvementYearly);
    c.value('staff', `staff.${id}.kubun3Group`, sub(m('field.kubun3Group')), b.kubun3Group, a.kubun3Group);
  }
}

function staffing(c: Collector, b: MonthlyClaimContent | AdditionContent, a: typeof b): void {
  c.value('staffing', 'staffing.headcount', m('field.headcount'), b.staffing.headcount, a.staffing.headcount);
  c.value('staffing', 'staffing.careFte', m('field.careFte'), b.staffing.careFte, a.staffing.careFte);
  c.value('staffing', 'staffing.qualifiedCareFte', m('field.qualifiedCareFte'), b.staffing.qualifiedCareFte, a.staffing.qualifiedCareFte);
  c.value(
    'staffing',
    'staffing.averageExperienceYears',
    m('field.averageExperienceYears'),
    b.staffing.averageExperienceYears,
    a.staffing.averageExperienceYears,
  );
}

function monthly(c: Collector, b: MonthlyClaimContent, a: MonthlyClaimContent): void {
  for (const k of CHILD_CLASSES) c.value('counts', `count.${classKey(k)}`, classLabel(k), countOf(b.counts, k), countOf(a.counts, k));
  const total = (x: MonthlyClaimContent) => x.counts.reduce((s, n) => s + n.count, 0);
  c.value('counts', 'count.total', m('field.childrenTotal'), total(b), total(a));
  staffing(c, b, a);
  c.value('staffing', 'staffing.requiredCareFte', m('field.requiredCareFte'), b.requiredCareFte, a.requiredCareFte);
  for (const k of CHILD_CLASSES) {
    const lb = b.calculation.lines.find((l) => classKey(l) === classKey(k));
    const la = a.calculation.lines.find((l) => classKey(l) === classKey(k));
    const label = (what: Text) => both((l) => `${classLabel(k)[l]}: ${what[l]}`);
    c.value('amounts', `unitPrice.${classKey(k)}`, label(m('field.unitPrice')), lb?.unitPrice, la?.unitPrice);
    c.value('amounts', `amount.${classKey(k)}`, label(m('field.amount')), lb?.amount, la?.amount);
  }
  const codes = [...new Set([...b.calculation.facilityAdditions, ...a.calculation.facilityAdditions].map((x) => x.code))];
  for (const code of codes)
    c.value(
      'amounts',
      `facilityAddition.${code}`,
      both((l) => codeLabel('item', code, l)),
      b.calculation.facilityAdditions.find((x) => x.code === code)?.amount,
      a.calculation.facilityAdditions.find((x) => x.code === code)?.amount,
    );
  c.value('amounts', 'total', m('field.total'), b.calculation.total, a.calculation.total);
  itemLines(c, 'items', b.items, a.items);
}

function shogu(c: Collector, b: ShoguContent, a: ShoguContent): void {
  c.value('shogu', 'shogu.averageExperienceYears', m('field.averageExperienceYears'), b.averageExperienceYears, a.averageExperienceYears);
  c.value('shogu', 'shogu.kubun1.rate', m('field.kubun1Rate'), b.kubun1.rate, a.kubun1.rate);
  c.value('shogu', 'shogu.kubun1.yearlyAmount', m('field.kubun1Amount'), b.kubun1.yearlyAmount, a.kubun1.yearlyAmount);
  c.value('shogu', 'shogu.kubun2.rate', m('field.kubun2Rate'), b.kubun2.rate, a.kubun2.rate);
  c.value('shogu', 'shogu.kubun2.yearlyAmount', m('field.kubun2Amount'), b.kubun2.yearlyAmount, a.kubun2.yearlyAmount);
  c.value('shogu', 'shogu.kubun3.personsA', m('field.kubun3PersonsA'), b.kubun3.personsA, a.kubun3.personsA);
  c.value('shogu', 'shogu.kubun3.personsB', m('field.kubun3PersonsB'), b.kubun3.personsB, a.kubun3.personsB);
  c.value('shogu', 'shogu.kubun3.yearlyAmount', m('field.kubun3Amount'), b.kubun3.yearlyAmount, a.kubun3.yearlyAmount);
  c.value('shogu', 'shogu.totals.additionYearly', m('field.additionYearly'), b.totals.additionYearly, a.totals.additionYearly);
  c.value('shogu', 'shogu.totals.improvementYearly', m('field.improvementTotal'), b.totals.improvementYearly, a.totals.improvementYearly);
  c.value('shogu', 'shogu.totals.basePayShare', m('field.basePayShare'), b.totals.basePayShare, a.totals.basePayShare);
  staffLines(c, b.staff, a.staff);
}

function additions(c: Collector, b: AdditionContent, a: AdditionContent): void {
  itemLines(c, 'additions', b.additions, a.additions);
  staffing(c, b, a);
  staffLines(c, b.staff, a.staff);
}

/** Every fact that differs between `before` and `after` (two contents of one form), in form order. */
export function diffSubmissions(before: SubmissionContent, after: SubmissionContent): Change[] {
  const c = new Collector();
  facilityBlock(c, before, after);
  if (before.form === 'monthly-claim' && after.form === 'monthly-claim') monthly(c, before, after);
  else if (
    (before.form === 'shogu-plan' || before.form === 'shogu-report') &&
    (after.form === 'shogu-plan' || after.form === 'shogu-report')
  )
    shogu(c, before, after);
  else if (before.form.startsWith('addition-') && after.form.startsWith('addition-'))
    additions(c, before as AdditionContent, after as AdditionContent);
  return c.changes;
}
