/** The checks at entry (pure), by hand-computed cases: which field, which severity, which numbers in the message. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ItemInEffect, RosterMember, StaffingSummary } from '../shared/types.js';
import { basePayShareOf, type CheckFacts, entryChecks, missingQualifications } from './entry-checks.js';

const member = (id: string, o: Partial<RosterMember> = {}): RosterMember => ({
  id,
  role: 'nursery-teacher',
  employment: 'full-time',
  weeklyHours: 40,
  qualifications: ['hoikushi'],
  hiredOn: '2020-04-01',
  onLeave: false,
  experienceYears: 6,
  experienceMonths: 72,
  fte: 1,
  ...o,
});

const staffing = (careFte: number, qualifiedCareFte: number): StaffingSummary => ({
  asOf: '2026-06-01',
  headcount: 8,
  careFte,
  qualifiedCareFte,
  byRole: {},
  averageExperienceYears: 7.5,
});

const base = (o: Partial<CheckFacts> = {}): CheckFacts => ({
  asOf: '2026-06-01',
  periodEnd: '2026-06-30',
  roster: [member('m1')],
  items: [],
  conditions: {},
  ...o,
});

const fields = (f: CheckFacts) => entryChecks(f).map((c) => `${c.severity}:${c.field}`);

describe('checks at entry', () => {
  it('finds nothing in a facility that meets every rule', () => {
    assert.deepEqual(
      entryChecks(
        base({
          staffing: { summary: staffing(6.5, 6), requiredCareFte: 6 },
          counts: { month: '2026-06', present: true, reviewStatus: 'confirmed' },
          priceTable: { fiscalYear: 2026, table: { label: 'FY2026', isSample: false } },
        }),
      ),
      [],
    );
  });

  it('refuses staffing below the age-based ratio, for all care staff and for the qualified ones, with the numbers', () => {
    const checks = entryChecks(base({ staffing: { summary: staffing(5.5, 5), requiredCareFte: 6 } }));
    assert.deepEqual(
      checks.map((c) => [c.field, c.severity]),
      [
        ['staffing', 'error'],
        ['staffing', 'error'],
      ],
    );
    assert.match(checks[0]!.message.ja, /常勤換算 5\.5 人が.*必要数 6 人を下回って/);
    assert.match(checks[1]!.message.ja, /資格を持つ.*5 人が.*6 人を下回って/);
    assert.match(checks[0]!.message.en, /5\.5 full-time equivalent.*below the 6/);
    // exactly the requirement is enough; only the qualified falling short is still an error
    assert.deepEqual(fields(base({ staffing: { summary: staffing(6, 6), requiredCareFte: 6 } })), []);
    assert.deepEqual(fields(base({ staffing: { summary: staffing(7, 5.9), requiredCareFte: 6 } })), ['error:staffing']);
  });

  it('names the roster member whose role lacks its qualification', () => {
    const roster = [
      member('ok'),
      member('noq', { qualifications: [] }),
      member('cook', { role: 'cook', qualifications: [] }),
      member('kodomoen', { role: 'kodomoen-teacher', qualifications: ['kyoyu'] }),
      member('kinder', { role: 'kindergarten-teacher', qualifications: ['hoikushi'] }),
      member('nutri', { role: 'nutritionist', qualifications: ['kanri-eiyoshi'] }),
    ];
    const checks = entryChecks(base({ roster }));
    assert.deepEqual(
      checks.map((c) => `${c.severity}:${c.field}`),
      ['error:staff.noq.qualifications', 'error:staff.kinder.qualifications'],
    );
    assert.match(checks[0]!.message.ja, /職種「保育士」に必要な資格（保育士）/);
    assert.match(checks[1]!.message.ja, /幼稚園教諭免許/);
    assert.deepEqual(missingQualifications({ role: 'chief', qualifications: [] }), ['hoikushi', 'kyoyu']);
    assert.deepEqual(missingQualifications({ role: 'clerk', qualifications: [] }), []);
  });

  it('refuses dates out of order: a person hired after the form date, an item effective after the period', () => {
    const items: ItemInEffect[] = [
      { code: 'jimu-yatoiage', claimed: true, effectiveFrom: '2026-07-01', value: {} },
      { code: 'shukan-senin', claimed: true, effectiveFrom: '2026-06-30', value: {} }, // the last day is inside
      { code: 'team-hoiku', claimed: false, effectiveFrom: '2026-09-01', value: {} }, // not claimed: nothing to check
    ];
    const checks = entryChecks(
      base({ roster: [member('late', { hiredOn: '2026-06-02' }), member('first', { hiredOn: '2026-06-01' })], items }),
    );
    assert.deepEqual(
      checks.map((c) => `${c.severity}:${c.field}`),
      ['error:staff.late.hiredOn', 'error:items.jimu-yatoiage'],
    );
    assert.match(checks[1]!.message.ja, /事務職員雇上費加算」の適用開始日 2026-07-01 が請求する期間（2026-06-30 まで）より後/);
  });

  it('refuses additions whose conditions the roster does not meet, with the reason given, and keeps engine notes as warnings', () => {
    const items: ItemInEffect[] = [
      { code: 'eiyo-kanri', claimed: true, effectiveFrom: '2026-04-01', value: { kind: 'employed' } },
      { code: 'jimu-yatoiage', claimed: true, effectiveFrom: '2026-04-01', value: {} },
      { code: 'chinshaku', claimed: true, effectiveFrom: '2026-04-01', value: {} },
    ];
    const checks = entryChecks(
      base({
        items,
        conditions: {
          'eiyo-kanri': { met: false, reason: { ja: '栄養士がいません', en: 'no nutritionist' } },
          'jimu-yatoiage': { met: false },
          chinshaku: { met: true },
        },
        engineNotes: [
          { code: 'eiyo-kanri', text: { ja: '重複', en: 'duplicate' } },
          { code: 'chinshaku', text: { ja: '単価がありません', en: 'no price' } },
          { code: 'basic/2/age3/standard', text: { ja: '基本分単価がありません', en: 'no basic price' } },
        ],
      }),
    );
    assert.deepEqual(
      checks.map((c) => `${c.severity}:${c.field}`),
      ['error:items.eiyo-kanri', 'error:items.jimu-yatoiage', 'warning:items.chinshaku', 'warning:priceTable'],
    );
    assert.equal(checks[0]!.message.ja, '「栄養管理加算」の要件を満たしていません: 栄養士がいません');
    assert.equal(checks[0]!.message.en, '"Nutrition management addition": its conditions are not met: no nutritionist');
  });

  it('counts: missing or queried is an error; pending or answered a warning; confirmed nothing', () => {
    const c = (present: boolean, reviewStatus: 'pending' | 'confirmed' | 'queried' | 'answered' | null) =>
      fields(base({ counts: { month: '2026-06', present, reviewStatus } }));
    assert.deepEqual(c(false, null), ['error:counts']);
    assert.deepEqual(c(true, 'queried'), ['error:counts']);
    assert.deepEqual(c(true, 'pending'), ['warning:counts']);
    assert.deepEqual(c(true, null), ['warning:counts']);
    assert.deepEqual(c(true, 'answered'), ['warning:counts']);
    assert.deepEqual(c(true, 'confirmed'), []);
    assert.match(
      entryChecks(base({ counts: { month: '2026-06', present: false, reviewStatus: null } }))[0]!.message.ja,
      /2026年6月 の利用子ども数/,
    );
    assert.deepEqual(fields(base({ counts: { year: 2026, present: false } })), ['error:counts']);
  });

  it('price table: none is an error, a sample one a warning', () => {
    assert.deepEqual(fields(base({ priceTable: { fiscalYear: 2026, table: null } })), ['error:priceTable']);
    const sample = entryChecks(base({ priceTable: { fiscalYear: 2026, table: { label: 'SAMPLE 2026', isSample: true } } }));
    assert.deepEqual(
      sample.map((x) => `${x.severity}:${x.field}`),
      ['warning:priceTable'],
    );
    assert.match(sample[0]!.message.ja, /見本の単価表（SAMPLE 2026）/);
  });

  it('処遇改善: a report before its plan, improvements below the addition, base pay under half of ②+③', () => {
    const shogu = (kind: 'plan' | 'report', improvementYearly: number, planFiled = true) =>
      fields(
        base({
          items: [{ code: 'shogu', claimed: true, effectiveFrom: '2026-04-01', value: {} }],
          shogu: {
            kind,
            planFiled,
            additionYearly: 1_000_000,
            kubun23Yearly: 600_000,
            improvementYearly,
            groupPersons: { a: 1, b: 2 },
            itemPersons: { a: 1, b: 2 },
          },
        }),
      );
    // 1,000,000 improved: covers the addition and half of ②+③ (300,000)
    assert.deepEqual(shogu('report', 1_000_000), []);
    // 999,999: below the addition — an error in the report, a warning in the plan
    assert.deepEqual(shogu('report', 999_999), ['error:totals.improvementYearly']);
    assert.deepEqual(shogu('plan', 999_999), ['warning:totals.improvementYearly']);
    // 300,000 is exactly half of ②+③; 299,999 is not
    assert.deepEqual(shogu('plan', 300_000), ['warning:totals.improvementYearly']);
    assert.deepEqual(shogu('plan', 299_999), ['warning:totals.improvementYearly', 'error:totals.basePayShare']);
    assert.deepEqual(shogu('report', 1_000_000, false), ['error:plan']);
    assert.equal(basePayShareOf(300_000, 600_000), 0.5);
    assert.equal(basePayShareOf(299_999, 600_000), 0.5); // shown rounded; the check compares the yen
    assert.equal(basePayShareOf(100, 0), 1);
    // the persons marked here differ from the application item's
    const differ = entryChecks(
      base({
        items: [{ code: 'shogu', claimed: true, effectiveFrom: '2026-04-01', value: {} }],
        shogu: {
          kind: 'plan',
          planFiled: false,
          additionYearly: 0,
          kubun23Yearly: 0,
          improvementYearly: 0,
          groupPersons: { a: 0, b: 1 },
          itemPersons: { a: 2, b: 1 },
        },
      }),
    );
    assert.deepEqual(
      differ.map((c) => `${c.severity}:${c.field}`),
      ['warning:kubun3'],
    );
    assert.match(differ[0]!.message.ja, /A 0 人・B 1 人.*A 2 人・B 1 人/);
  });
});
