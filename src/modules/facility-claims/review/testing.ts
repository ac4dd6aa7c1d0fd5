/**
 * Test fixtures of the review part (synthetic data only): hand-built contents of each form and
 * submissions inserted directly (content encrypted as the claims part stores it), so the review is
 * tested without the facility side.
 */
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type {
  AdditionContent,
  ChildCount,
  FacilityProfile,
  FormStaffLine,
  MonthlyClaimContent,
  MonthlyLine,
  ShoguContent,
  StaffingSummary,
  SubmissionContent,
  SubmissionStatus,
} from '../shared/types.js';

export function testProfile(o: Partial<FacilityProfile> & { id: string; code: string }): FacilityProfile {
  return {
    name: `テスト保育園 ${o.code}`,
    type: 'hoikusho',
    operatorName: '社会福祉法人テスト会',
    regionPercent: 16,
    capacity1: 0,
    capacity23: 90,
    address: '千葉県市川市八幡1-1-1',
    ...o,
  };
}

const staffing: StaffingSummary = {
  asOf: '2026-11-01',
  headcount: 12,
  careFte: 9.5,
  qualifiedCareFte: 9,
  byRole: { director: 1, 'nursery-teacher': 9 },
  averageExperienceYears: 8.4,
};

export function staffLine(id: string, name: string, o: Partial<FormStaffLine> = {}): FormStaffLine {
  return {
    staffId: id,
    name,
    role: 'nursery-teacher',
    employment: 'full-time',
    weeklyHours: 40,
    qualifications: ['hoikushi'],
    hiredOn: '2018-04-01',
    experienceYears: 8,
    ...o,
  };
}

/**
 * A monthly claim whose amounts are computed here from `prices` (unit price per child of each class):
 * amount = count × unit price, total = Σ amounts + the facility additions.
 */
export function monthlyContent(
  facility: FacilityProfile,
  o: {
    period?: string;
    counts?: ChildCount[];
    prices?: Record<string, number>;
    facilityAdditions?: { code: string; amount: number }[];
    isSample?: boolean;
  } = {},
): MonthlyClaimContent {
  const counts = o.counts ?? [
    { certClass: 2, ageBand: 'age3', need: 'standard', count: 20 },
    { certClass: 2, ageBand: 'age4plus', need: 'standard', count: 40 },
    { certClass: 3, ageBand: 'age0', need: 'standard', count: 9 },
    { certClass: 3, ageBand: 'age1-2', need: 'short', count: 21 },
  ];
  const prices = o.prices ?? { 'age3.standard': 101_230, 'age4plus.standard': 92_340, 'age0.standard': 212_560, 'age1-2.short': 138_910 };
  const lines: MonthlyLine[] = counts.map((c) => {
    const unitPrice = prices[`${c.ageBand}.${c.need}`] ?? 100_000;
    return {
      ...c,
      basic: unitPrice - 5_000,
      additions: [{ code: 'shogu', perChild: 5_000 }],
      deductions: [],
      unitPrice,
      amount: unitPrice * c.count,
    };
  });
  const facilityAdditions = o.facilityAdditions ?? [{ code: 'shukan-senin', amount: 310_000 }];
  const total = lines.reduce((s, l) => s + l.amount, 0) + facilityAdditions.reduce((s, a) => s + a.amount, 0);
  const period = o.period ?? '2026-11';
  return {
    form: 'monthly-claim',
    period,
    facility,
    counts,
    staffing,
    requiredCareFte: 8.6,
    items: [{ code: 'shukan-senin', claimed: true, effectiveFrom: '2026-04-01', value: {} }],
    calculation: {
      fiscalYear: 2026,
      month: period,
      priceTable: { label: '令和8年度 見本単価表', isSample: o.isSample ?? true },
      lines,
      facilityAdditions,
      total,
      notes: [],
    },
    checks: [],
  };
}

export function shoguContent(
  facility: FacilityProfile,
  staff: (FormStaffLine & { improvementYearly: number; kubun3Group: 'A' | 'B' | null })[],
): ShoguContent {
  const improvementYearly = staff.reduce((s, x) => s + x.improvementYearly, 0);
  return {
    form: 'shogu-plan',
    period: '2026',
    facility,
    averageExperienceYears: 8.4,
    kubun1: { rate: 12, yearlyAmount: 6_120_000 },
    kubun2: { rate: 7, yearlyAmount: 3_570_000 },
    kubun3: { personsA: 2, personsB: 3, yearlyAmount: 1_476_000 },
    staff,
    totals: { additionYearly: 11_166_000, improvementYearly, basePayShare: 0.625 },
    checks: [
      { field: 'staff', severity: 'warning', message: { ja: '区分③の人数を確認してください。', en: 'Check the category 3 persons.' } },
    ],
  };
}

export function additionContent(facility: FacilityProfile, staff: FormStaffLine[]): AdditionContent {
  return {
    form: 'addition-national',
    period: '2026',
    facility,
    additions: [
      { code: 'team-hoiku', claimed: true, effectiveFrom: '2026-04-01', value: { staff: 2 }, conditionsMet: true },
      { code: 'kyujitsu-hoiku', claimed: true, effectiveFrom: '2026-06-01', value: { yearlyDays: 30 }, conditionsMet: false },
    ],
    staff,
    staffing,
    checks: [],
  };
}

/** Inserts a submission as the claims part would store it (with its 'submitted' event when it was sent). */
export async function insertSubmission(
  ctx: Pick<AppContext, 'db' | 'crypto'>,
  o: { facilityId: string; content: SubmissionContent; version?: number; status: SubmissionStatus; decidedAt?: Date; submittedAt?: Date },
): Promise<string> {
  const total = o.content.form === 'monthly-claim' ? o.content.calculation.total : null;
  const children = o.content.form === 'monthly-claim' ? o.content.counts.reduce((s, c) => s + c.count, 0) : undefined;
  const submittedAt = o.status === 'draft' ? null : (o.submittedAt ?? new Date('2026-11-05T01:00:00Z'));
  const r = await ctx.db.query<{ id: string }>(
    `INSERT INTO fc_submissions (facility_id, form, period, version, status, content_enc, summary, total_amount, submitted_at, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
    [
      o.facilityId,
      o.content.form,
      o.content.period,
      o.version ?? 1,
      o.status,
      ctx.crypto.encrypt(JSON.stringify(o.content), FC_CRYPTO.submissionContent),
      JSON.stringify(total === null ? {} : { totalAmount: total, children }),
      total,
      submittedAt,
      o.status === 'approved' || o.status === 'superseded' || o.status === 'returned'
        ? (o.decidedAt ?? new Date('2026-11-10T01:00:00Z'))
        : null,
    ],
  );
  const id = r.rows[0]!.id;
  if (submittedAt)
    await ctx.db.query(
      `INSERT INTO fc_submission_events (submission_id, action, actor_type, at) VALUES ($1, 'submitted', 'facility', $2)`,
      [id, submittedAt],
    );
  return id;
}
