/**
 * The vocabulary every part of the facility-claims module shares: facility types, certification classes,
 * age bands, roster roles, addition items, and the shapes that flow between the parts (roster → claims,
 * counts → claims, items → claims, the pricing engine's input and result, and the content of each form,
 * which the review part diffs and prints). Codes are stored in the database (migration 0047); their
 * Japanese and English labels are in labels.messages.ts.
 */

export const FACILITY_TYPES = ['hoikusho', 'kodomoen', 'yochien', 'shokibo-a', 'shokibo-b', 'shokibo-c', 'jigyoshonai', 'katei'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

/** 地域区分 as the percentage of the region; 0 is その他地域. */
export const REGION_PERCENTS = [20, 16, 15, 12, 10, 6, 3, 0] as const;
export type RegionPercent = (typeof REGION_PERCENTS)[number];

export type CertClass = 1 | 2 | 3;
export const AGE_BANDS = ['age0', 'age1-2', 'age3', 'age4plus', 'mansan'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const NEEDS = ['standard', 'short', 'education'] as const;
export type Need = (typeof NEEDS)[number];

/** The combinations the database accepts (fc_child_counts CHECK), in the order forms list them. */
export const CHILD_CLASSES: readonly ChildClassKey[] = [
  { certClass: 1, ageBand: 'mansan', need: 'education' },
  { certClass: 1, ageBand: 'age3', need: 'education' },
  { certClass: 1, ageBand: 'age4plus', need: 'education' },
  { certClass: 2, ageBand: 'age3', need: 'standard' },
  { certClass: 2, ageBand: 'age3', need: 'short' },
  { certClass: 2, ageBand: 'age4plus', need: 'standard' },
  { certClass: 2, ageBand: 'age4plus', need: 'short' },
  { certClass: 3, ageBand: 'age0', need: 'standard' },
  { certClass: 3, ageBand: 'age0', need: 'short' },
  { certClass: 3, ageBand: 'age1-2', need: 'standard' },
  { certClass: 3, ageBand: 'age1-2', need: 'short' },
];

export type ChildClassKey = { certClass: CertClass; ageBand: AgeBand; need: Need };
export type ChildCount = ChildClassKey & { count: number };

export const STAFF_ROLES = [
  'director',
  'vice-director',
  'chief',
  'sub-chief',
  'nursery-teacher',
  'kodomoen-teacher',
  'kindergarten-teacher',
  'nurse',
  'nutritionist',
  'cook',
  'clerk',
  'assistant',
  'other',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const EMPLOYMENTS = ['full-time', 'part-time'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

export const QUALIFICATIONS = ['hoikushi', 'kyoyu', 'kangoshi', 'eiyoshi', 'kanri-eiyoshi', 'chorishi'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/** Hours a week of one full-time post (常勤換算の分母). */
export const FULL_TIME_WEEKLY_HOURS = 40;

/**
 * One roster member as of a date, without personal fields (name, birth date, address and qualification
 * number stay encrypted in fc_staff and are read only where a form prints them). Computed by the roster
 * part (`rosterAsOf`) from fc_staff and its dated history.
 */
export type RosterMember = {
  id: string;
  role: StaffRole;
  employment: Employment;
  weeklyHours: number;
  qualifications: Qualification[];
  hiredOn: string; // YYYY-MM-DD
  onLeave: boolean;
  /** 経験年数 as of the date: prior experience plus service here, whole years (floor of months / 12). */
  experienceYears: number;
  experienceMonths: number;
  /** 常勤換算: 1 for full-time, weeklyHours / FULL_TIME_WEEKLY_HOURS for part-time (two decimals). */
  fte: number;
};

/** Staffing figures of a facility on a date, computed from the roster (never typed). */
export type StaffingSummary = {
  asOf: string;
  headcount: number;
  /** 保育に従事する職員 (nursery, kodomoen and kindergarten teachers, chief, sub-chief; not on leave), full-time equivalent. */
  careFte: number;
  /** Of them, holding 保育士 or 幼稚園教諭 (as the role requires). */
  qualifiedCareFte: number;
  byRole: Partial<Record<StaffRole, number>>;
  /** 平均経験年数 of the staff counted for 処遇改善等加算 (one decimal). */
  averageExperienceYears: number;
};

/**
 * Addition and deduction items (加算・減算) a facility can claim, with the values each needs. `level` says
 * who approves it: national (国), prefecture (県) or city (市) addition applications.
 */
export const ITEM_CODES = [
  'shukan-senin', //      主幹教諭等専任加算
  'jimu-yatoiage', //     事務職員雇上費加算
  'eiyo-kanri', //        栄養管理加算 (value: { kind: 'employed' | 'contract' | 'shared' })
  'team-hoiku', //        チーム保育推進加算 (value: { staff: number })
  'sansai-haichi', //     3歳児配置改善加算
  'kyujitsu-hoiku', //    休日保育加算 (value: { yearlyDays: number })
  'shogu', //             処遇改善等加算 区分①②③ (value: { kubun1Rate: number; kubun2Rate: number; kubun3: { personsA: number; personsB: number } })
  'genka-shokyaku', //    減価償却費加算
  'chinshaku', //         賃借料加算
  'shisetsucho-mihaichi', // 減算: 施設長を配置していない場合
  'anzen-keikaku-misakutei', // 減算: 安全計画未策定 (−5 %)
  'ken-shogu', //         県: 保育士等処遇改善補助 (value: { persons: number })
  'shi-shogaiji', //      市単独: 障害児保育加算 (value: { children: number; extraStaff: number })
  'shi-encho', //         市単独: 延長保育加算 (value: { minutes: 30 | 60 | 120; children: number })
] as const;
export type ItemCode = (typeof ITEM_CODES)[number];
export type ItemLevel = 'national' | 'prefecture' | 'city';

/** Which addition application (国・県・市) each item belongs to. Deductions are national (they are part of 公定価格). */
export const ITEM_LEVELS: Readonly<Record<ItemCode, ItemLevel>> = {
  'shukan-senin': 'national',
  'jimu-yatoiage': 'national',
  'eiyo-kanri': 'national',
  'team-hoiku': 'national',
  'sansai-haichi': 'national',
  'kyujitsu-hoiku': 'national',
  shogu: 'national',
  'genka-shokyaku': 'national',
  chinshaku: 'national',
  'shisetsucho-mihaichi': 'national',
  'anzen-keikaku-misakutei': 'national',
  'ken-shogu': 'prefecture',
  'shi-shogaiji': 'city',
  'shi-encho': 'city',
};

/** An item in effect for a month or year: the newest fc_items row effective on or before the date. */
export type ItemInEffect = { code: ItemCode; claimed: boolean; effectiveFrom: string; value: Record<string, unknown> };

export type FacilityProfile = {
  id: string;
  code: string;
  name: string;
  type: FacilityType;
  operatorName: string;
  regionPercent: RegionPercent;
  capacity1: number;
  capacity23: number;
  address: string;
};

/** What the pricing engine needs for one facility and month (pricing/engine.ts: calculateMonthly). */
export type MonthlyInput = {
  month: string; // YYYY-MM
  fiscalYear: number; // April–March, e.g. 2026 for 2026-04 … 2027-03
  facility: Pick<FacilityProfile, 'type' | 'regionPercent' | 'capacity1' | 'capacity23'>;
  counts: ChildCount[];
  items: ItemInEffect[];
  staffing: StaffingSummary;
};

/** One child class of the monthly calculation: per-child unit price parts × children on the first day. */
export type MonthlyLine = ChildClassKey & {
  count: number;
  /** 基本分単価 (yen per child per month). */
  basic: number;
  additions: { code: string; perChild: number }[];
  deductions: { code: string; perChild: number }[];
  /** basic + additions − deductions, after the rounding the table says. */
  unitPrice: number;
  amount: number;
};

export type MonthlyResult = {
  fiscalYear: number;
  month: string;
  priceTable: { label: string; isSample: boolean };
  lines: MonthlyLine[];
  /** Facility-level amounts (加算部分2: a fixed monthly amount, not per child). */
  facilityAdditions: { code: string; amount: number }[];
  total: number;
  /** Why an item claimed was not priced (condition not met, no price in the table), for the entry checks. */
  notes: { code: string; reason: string }[];
};

/** What the engine needs for a fiscal year's 処遇改善等加算 (pricing/engine.ts: calculateShogu). */
export type ShoguInput = {
  fiscalYear: number;
  facility: MonthlyInput['facility'];
  /** Children on the first day of each month of the year that has counts (the plan uses the latest months known). */
  monthlyCounts: { month: string; counts: ChildCount[] }[];
  averageExperienceYears: number;
  /** 区分③: persons in group A (副主任保育士等, up to 4万円/month) and group B (職務分野別リーダー等). */
  personsA: number;
  personsB: number;
};

export type ShoguResult = {
  kubun1: { rate: number; yearlyAmount: number };
  kubun2: { rate: number; yearlyAmount: number };
  kubun3: { personsA: number; personsB: number; yearlyAmount: number };
  total: number;
};

/** A check at entry: a field-level problem of a form, in both languages (shown in the reader's). */
export type EntryCheck = { field: string; severity: 'error' | 'warning'; message: { ja: string; en: string } };

export const SUBMISSION_FORMS = [
  'monthly-claim',
  'shogu-plan',
  'shogu-report',
  'addition-national',
  'addition-prefecture',
  'addition-city',
] as const;
export type SubmissionForm = (typeof SUBMISSION_FORMS)[number];
export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'superseded';

/** A roster line as printed on a form (the forms that list staff: additions and 処遇改善). */
export type FormStaffLine = {
  staffId: string;
  name: string;
  role: StaffRole;
  employment: Employment;
  weeklyHours: number;
  qualifications: Qualification[];
  hiredOn: string;
  experienceYears: number;
};

/** 運営費請求書 (monthly). */
export type MonthlyClaimContent = {
  form: 'monthly-claim';
  period: string; // YYYY-MM
  facility: FacilityProfile;
  counts: ChildCount[];
  staffing: StaffingSummary;
  /** Children on the first day needing staff by the age-based ratio, and the required care FTE. */
  requiredCareFte: number;
  items: ItemInEffect[];
  calculation: MonthlyResult;
  checks: EntryCheck[];
};

/** 処遇改善等加算 (from FY2025: 区分① 基礎分, ② 賃金改善分, ③ 質の向上分): plan (申請) or results report (実績報告). */
export type ShoguContent = {
  form: 'shogu-plan' | 'shogu-report';
  period: string; // YYYY fiscal year
  facility: FacilityProfile;
  averageExperienceYears: number;
  kubun1: { rate: number; yearlyAmount: number };
  kubun2: { rate: number; yearlyAmount: number };
  kubun3: { personsA: number; personsB: number; yearlyAmount: number };
  /** Planned (plan) or paid (report) wage improvement per staff member, yen per year. */
  staff: (FormStaffLine & { improvementYearly: number; kubun3Group: 'A' | 'B' | null })[];
  totals: { additionYearly: number; improvementYearly: number; basePayShare: number };
  checks: EntryCheck[];
};

/** 加算認定申請 for one level (national, prefecture, city). */
export type AdditionContent = {
  form: 'addition-national' | 'addition-prefecture' | 'addition-city';
  period: string; // YYYY fiscal year
  facility: FacilityProfile;
  additions: { code: ItemCode; claimed: boolean; effectiveFrom: string; value: Record<string, unknown>; conditionsMet: boolean }[];
  staff: FormStaffLine[];
  staffing: StaffingSummary;
  checks: EntryCheck[];
};

export type SubmissionContent = MonthlyClaimContent | ShoguContent | AdditionContent;

/** Non-personal totals kept beside the encrypted content (lists, the month's CSV). */
export type SubmissionSummary = { totalAmount?: number; children?: number; careFte?: number; staffCount?: number };

/** Fiscal year (April–March) of a date or month string. */
export function fiscalYearOf(dateOrMonth: string): number {
  const y = Number(dateOrMonth.slice(0, 4));
  const m = Number(dateOrMonth.slice(5, 7));
  return m >= 4 ? y : y - 1;
}
