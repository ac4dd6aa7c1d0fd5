/**
 * Checks at entry (pure): the field-level problems of a form, computed from the same facts the form is
 * filled from, in Japanese and English. An `error` blocks submitting; a `warning` is shown and does not.
 * Field names point at what to change: `staffing`, `staff.<id>.qualifications`, `staff.<id>.hiredOn`,
 * `staff.<id>.improvement`, `items.<code>`, `counts`, `priceTable`, `plan`, `kubun3`,
 * `totals.improvementYearly`, `totals.basePayShare`.
 */
import type { Text } from '../../../platform/i18n.js';
import { codeLabel } from '../shared/labels.messages.js';
import type {
  ChildCount,
  EntryCheck,
  ItemCode,
  ItemInEffect,
  Qualification,
  RosterMember,
  StaffingSummary,
  StaffRole,
} from '../shared/types.js';
import { claimsMessages as m } from './claims.messages.js';

export type CountsReviewStatus = 'pending' | 'confirmed' | 'queried' | 'answered' | null;

export type CheckFacts = {
  /** The date the form is made up to (first day of the month; April 1 of the fiscal year). */
  asOf: string;
  /** Last day of the period claimed (last day of the month; March 31 of the fiscal year). */
  periodEnd: string;
  roster: readonly RosterMember[];
  staffing?: { summary: StaffingSummary; requiredCareFte: number };
  items: readonly ItemInEffect[];
  /** itemConditionsMet of each claimed item. */
  conditions: Partial<Record<ItemCode, { met: boolean; reason?: Text }>>;
  /** The month's counts (monthly claim) or whether the year has any (yearly forms); absent: not checked. */
  counts?: { month: string; present: boolean; reviewStatus: CountsReviewStatus } | { year: number; present: boolean };
  /** Absent: not checked; null: no table for the year. */
  priceTable?: { fiscalYear: number; table: { label: string; isSample: boolean } | null };
  /** Why the engine did not price something, with its text (pricingNoteText): `code` is an ItemCode or `basic/…`. */
  engineNotes?: readonly { code: string; text: Text }[];
  shogu?: {
    kind: 'plan' | 'report';
    planFiled: boolean;
    additionYearly: number;
    kubun23Yearly: number;
    improvementYearly: number;
    groupPersons: { a: number; b: number };
    /** The persons of the 'shogu' application item, when it is claimed with them. */
    itemPersons?: { a: number; b: number };
  };
};

/** The qualifications a role needs (any one of them), for roles that need one. */
const NEEDED: Partial<Record<StaffRole, readonly Qualification[]>> = {
  chief: ['hoikushi', 'kyoyu'],
  'sub-chief': ['hoikushi', 'kyoyu'],
  'nursery-teacher': ['hoikushi'],
  'kodomoen-teacher': ['hoikushi', 'kyoyu'],
  'kindergarten-teacher': ['kyoyu'],
  nurse: ['kangoshi'],
  nutritionist: ['eiyoshi', 'kanri-eiyoshi'],
};

/** The qualifications `member`'s role needs and it lacks (empty when it has one of them or needs none). */
export function missingQualifications(member: Pick<RosterMember, 'role' | 'qualifications'>): readonly Qualification[] {
  const needed = NEEDED[member.role];
  if (!needed || needed.some((q) => member.qualifications.includes(q))) return [];
  return needed;
}

const both = (f: (lang: 'ja' | 'en') => string): Text => ({ ja: f('ja'), en: f('en') });
const monthText = (month: string): Text => ({
  ja: m.t('ja', 'monthLabel', { year: month.slice(0, 4), month: String(Number(month.slice(5, 7))) }),
  en: month,
});
const fmtYen = (n: number) => n.toLocaleString('en-US');

export function entryChecks(f: CheckFacts): EntryCheck[] {
  const out: EntryCheck[] = [];
  const error = (field: string, message: Text) => out.push({ field, severity: 'error', message });
  const warning = (field: string, message: Text) => out.push({ field, severity: 'warning', message });

  if (f.staffing) {
    const { summary, requiredCareFte } = f.staffing;
    if (summary.careFte < requiredCareFte)
      error('staffing', m.text('check.careFteBelow', { have: summary.careFte, need: requiredCareFte }));
    if (summary.qualifiedCareFte < requiredCareFte)
      error('staffing', m.text('check.qualifiedFteBelow', { have: summary.qualifiedCareFte, need: requiredCareFte }));
  }

  for (const member of f.roster) {
    const missing = missingQualifications(member);
    if (missing.length)
      error(
        `staff.${member.id}.qualifications`,
        both((lang) =>
          m.t(lang, 'check.qualificationMissing', {
            role: codeLabel('role', member.role, lang),
            needed: missing.map((q) => codeLabel('qualification', q, lang)).join(` ${m.t(lang, 'qualification.or')} `),
          }),
        ),
      );
    if (member.hiredOn > f.asOf)
      error(`staff.${member.id}.hiredOn`, m.text('check.hiredAfterPeriod', { date: member.hiredOn, asOf: f.asOf }));
  }

  const pricingProblems = new Set<string>();
  for (const item of f.items) {
    if (!item.claimed) continue;
    const field = `items.${item.code}`;
    if (item.effectiveFrom > f.periodEnd)
      error(
        field,
        both((lang) =>
          m.t(lang, 'check.itemAfterPeriod', { item: codeLabel('item', item.code, lang), date: item.effectiveFrom, end: f.periodEnd }),
        ),
      );
    const c = f.conditions[item.code];
    if (c && !c.met) {
      pricingProblems.add(item.code);
      error(
        field,
        both((lang) =>
          c.reason
            ? m.t(lang, 'check.itemConditions', { item: codeLabel('item', item.code, lang), reason: c.reason[lang] })
            : m.t(lang, 'check.itemConditionsNoReason', { item: codeLabel('item', item.code, lang) }),
        ),
      );
    }
  }
  for (const note of f.engineNotes ?? []) {
    if (pricingProblems.has(note.code)) continue; // already an error with its reason
    pricingProblems.add(note.code);
    warning(note.code.startsWith('basic/') ? 'priceTable' : `items.${note.code}`, note.text);
  }

  if (f.counts) {
    if ('month' in f.counts) {
      const month = monthText(f.counts.month);
      const vars = (lang: 'ja' | 'en') => ({ month: month[lang] });
      if (!f.counts.present)
        error(
          'counts',
          both((lang) => m.t(lang, 'check.countsMissing', vars(lang))),
        );
      else if (f.counts.reviewStatus === 'queried')
        error(
          'counts',
          both((lang) => m.t(lang, 'check.countsQueried', vars(lang))),
        );
      else if (f.counts.reviewStatus === 'answered')
        warning(
          'counts',
          both((lang) => m.t(lang, 'check.countsAnswered', vars(lang))),
        );
      else if (f.counts.reviewStatus !== 'confirmed')
        warning(
          'counts',
          both((lang) => m.t(lang, 'check.countsPending', vars(lang))),
        );
    } else if (!f.counts.present) error('counts', m.text('check.countsMissingYear'));
  }

  if (f.priceTable) {
    const t = f.priceTable.table;
    if (!t) error('priceTable', m.text('check.noPriceTable', { year: f.priceTable.fiscalYear }));
    else if (t.isSample) warning('priceTable', m.text('check.samplePriceTable', { label: t.label }));
  }

  if (f.shogu) {
    const s = f.shogu;
    if (s.kind === 'report' && !s.planFiled) error('plan', m.text('check.reportBeforePlan'));
    if (s.improvementYearly < s.additionYearly) {
      const text = m.text('check.improvementBelowAddition', {
        improvement: fmtYen(s.improvementYearly),
        addition: fmtYen(s.additionYearly),
      });
      if (s.kind === 'report') error('totals.improvementYearly', text);
      else warning('totals.improvementYearly', text);
    }
    if (s.improvementYearly * 2 < s.kubun23Yearly)
      error(
        'totals.basePayShare',
        m.text('check.basePayShareBelowHalf', { half: fmtYen(Math.ceil(s.kubun23Yearly / 2)), improvement: fmtYen(s.improvementYearly) }),
      );
    if (!f.items.some((i) => i.code === 'shogu' && i.claimed)) warning('items.shogu', m.text('check.shoguNotClaimed'));
    else if (s.itemPersons && (s.itemPersons.a !== s.groupPersons.a || s.itemPersons.b !== s.groupPersons.b))
      warning(
        'kubun3',
        m.text('check.kubun3Persons', {
          groupA: s.groupPersons.a,
          groupB: s.groupPersons.b,
          itemA: s.itemPersons.a,
          itemB: s.itemPersons.b,
        }),
      );
  }
  return out;
}

/** Share of the kubun ② + ③ additions covered by base-pay improvements (3 decimals; 1 when there is nothing to cover). */
export function basePayShareOf(improvementYearly: number, kubun23Yearly: number): number {
  if (kubun23Yearly <= 0) return 1;
  return Math.round((improvementYearly / kubun23Yearly) * 1000) / 1000;
}

/** Counts of a month as a check input: whether any row was imported. */
export function countsPresent(counts: readonly ChildCount[], importId: string | null): boolean {
  return importId !== null || counts.length > 0;
}
