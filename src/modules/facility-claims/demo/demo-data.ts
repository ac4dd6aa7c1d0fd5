/**
 * The facility-claims demo's synthetic data (never real people or facilities): five facilities of
 * different types in the demo's fictional town, two users each, rosters built from a fixed list of
 * invented names (見本/試験/架空… family names, as the e-applications demo uses), child counts per class
 * and the items each facility claims. Deterministic, so two demos look alike.
 *
 * Staffing is sized so each facility meets the age-based ratio (年齢別配置基準) for its counts: the
 * monthly claims pass the entry checks and can be submitted. Dates are relative to the demo's "today"
 * (years before it), so the experience years and the history stay plausible whenever the demo runs.
 */
import type { ChildCount, Employment, FacilityType, Qualification, RegionPercent, StaffRole } from '../shared/types.js';

export const DEMO_FACILITY_PASSWORD = 'demo-password-2026';

export type DemoStaffEvent = {
  kind: 'role-change' | 'leave-start';
  /** Months before the first day of the demo's current month. */
  monthsAgo: number;
  role?: StaffRole;
};

export type DemoStaff = {
  role: StaffRole;
  employment: Employment;
  weeklyHours?: number;
  qualifications: Qualification[];
  /** Years before the demo's fiscal year start (April 1) the person was hired; 0 = this April. */
  hiredYearsAgo: number;
  priorExperienceMonths: number;
  events?: DemoStaffEvent[];
};

export type DemoFacility = {
  code: string;
  name: string;
  type: FacilityType;
  operatorName: string;
  regionPercent: RegionPercent;
  capacity1: number;
  capacity23: number;
  postalCode: string;
  address: string;
  /** Children on the first day of the month (the three demo months vary by a child or two). */
  counts: ChildCount[];
  /** Items claimed for the fiscal year (codes and values as items/item-definitions.ts defines them). */
  items: { code: string; value: Record<string, unknown> }[];
  staff: DemoStaff[];
};

// i18n-exempt: demo data (invented family names and their kana, stored as a facility would type them)
const FAMILY: [string, string][] = [
  ['見本', 'ミホン'],
  ['試験', 'シケン'],
  ['架空', 'カクウ'],
  ['例示', 'レイジ'],
  ['仮野', 'カリノ'],
  ['模擬', 'モギ'],
  ['想定', 'ソウテイ'],
  ['試作', 'シサク'],
  ['標本', 'ヒョウホン'],
  ['参考', 'サンコウ'],
  ['雛形', 'ヒナガタ'],
];

// i18n-exempt: demo data (invented given names and their kana)
const GIVEN: [string, string][] = [
  ['花子', 'ハナコ'],
  ['太郎', 'タロウ'],
  ['美咲', 'ミサキ'],
  ['陽子', 'ヨウコ'],
  ['さくら', 'サクラ'],
  ['健太', 'ケンタ'],
  ['由美', 'ユミ'],
  ['恵', 'メグミ'],
  ['直子', 'ナオコ'],
  ['翔', 'ショウ'],
  ['彩', 'アヤ'],
  ['智子', 'トモコ'],
  ['浩二', 'コウジ'],
];

/** The n-th invented person: a name, its kana, and a made-up address in the demo's fictional town. */
export function demoStaffPerson(n: number): { name: string; kana: string; address: string } {
  const [f, fk] = FAMILY[n % FAMILY.length] as [string, string];
  const [g, gk] = GIVEN[(n * 5 + Math.floor(n / FAMILY.length)) % GIVEN.length] as [string, string];
  // i18n-exempt: demo data (a made-up address)
  const address = `架空県見本市緑町${(n % 5) + 1}丁目${(n % 17) + 1}-${(n % 9) + 2}`;
  return { name: `${f} ${g}`, kana: `${fk} ${gk}`, address };
}

const hoiku: Qualification[] = ['hoikushi'];
const both: Qualification[] = ['hoikushi', 'kyoyu'];
const kyoyu: Qualification[] = ['kyoyu'];
const ft = (role: StaffRole, qualifications: Qualification[], hiredYearsAgo: number, priorExperienceMonths = 0): DemoStaff => ({
  role,
  employment: 'full-time',
  qualifications,
  hiredYearsAgo,
  priorExperienceMonths,
});
const pt = (role: StaffRole, weeklyHours: number, qualifications: Qualification[], hiredYearsAgo: number, prior = 0): DemoStaff => ({
  role,
  employment: 'part-time',
  weeklyHours,
  qualifications,
  hiredYearsAgo,
  priorExperienceMonths: prior,
});
const c = (certClass: 1 | 2 | 3, ageBand: ChildCount['ageBand'], need: ChildCount['need'], count: number): ChildCount => ({
  certClass,
  ageBand,
  need,
  count,
});

/** 処遇改善等加算 as claimed: the rates of 区分①② come from the table (by experience); the facility states ③'s persons. */
const shogu = (personsA: number, personsB: number) => ({ code: 'shogu', value: { kubun3: { personsA, personsB } } });

// i18n-exempt: demo data (invented facilities, operators and addresses in the demo's fictional town)
export const DEMO_FACILITIES: DemoFacility[] = [
  {
    code: 'F001',
    name: '見本町ひかり保育園',
    type: 'hoikusho',
    operatorName: '社会福祉法人見本福祉会',
    regionPercent: 16,
    capacity1: 0,
    capacity23: 90,
    postalCode: '9990011',
    address: '架空県見本市中央一丁目2-3',
    counts: [
      c(2, 'age3', 'standard', 16),
      c(2, 'age3', 'short', 3),
      c(2, 'age4plus', 'standard', 33),
      c(2, 'age4plus', 'short', 5),
      c(3, 'age0', 'standard', 5),
      c(3, 'age0', 'short', 1),
      c(3, 'age1-2', 'standard', 20),
      c(3, 'age1-2', 'short', 4),
    ],
    items: [
      { code: 'shukan-senin', value: {} },
      { code: 'jimu-yatoiage', value: {} },
      { code: 'eiyo-kanri', value: { kind: 'employed' } },
      shogu(2, 3),
      { code: 'shi-encho', value: { minutes: 60, children: 12 } },
    ],
    staff: [
      ft('director', hoiku, 12, 120),
      { ...ft('nursery-teacher', hoiku, 9, 24), events: [{ kind: 'role-change', monthsAgo: 5, role: 'chief' }] },
      ft('sub-chief', hoiku, 7, 36),
      ft('nursery-teacher', hoiku, 6),
      ft('nursery-teacher', hoiku, 5, 12),
      ft('nursery-teacher', hoiku, 4),
      ft('nursery-teacher', hoiku, 3, 48),
      ft('nursery-teacher', hoiku, 2),
      ft('nursery-teacher', hoiku, 1),
      ft('nursery-teacher', hoiku, 0),
      ft('nursery-teacher', hoiku, 0, 6),
      pt('nursery-teacher', 30, hoiku, 3, 60),
      pt('nursery-teacher', 24, hoiku, 1),
      ft('nurse', ['kangoshi'], 4, 84),
      ft('nutritionist', ['eiyoshi'], 5),
      ft('cook', ['chorishi'], 8),
      pt('cook', 25, [], 2),
      ft('clerk', [], 6),
      pt('assistant', 20, [], 1),
    ],
  },
  {
    code: 'F002',
    name: '試験台こども園',
    type: 'kodomoen',
    operatorName: '学校法人試験学園',
    regionPercent: 16,
    capacity1: 30,
    capacity23: 120,
    postalCode: '9990012',
    address: '架空県見本市本町二丁目5-1',
    counts: [
      c(1, 'mansan', 'education', 4),
      c(1, 'age3', 'education', 10),
      c(1, 'age4plus', 'education', 14),
      c(2, 'age3', 'standard', 18),
      c(2, 'age3', 'short', 2),
      c(2, 'age4plus', 'standard', 38),
      c(2, 'age4plus', 'short', 4),
      c(3, 'age0', 'standard', 8),
      c(3, 'age0', 'short', 1),
      c(3, 'age1-2', 'standard', 30),
      c(3, 'age1-2', 'short', 4),
    ],
    items: [
      { code: 'shukan-senin', value: {} },
      { code: 'jimu-yatoiage', value: {} },
      { code: 'eiyo-kanri', value: { kind: 'employed' } },
      shogu(3, 4),
      { code: 'ken-shogu', value: { persons: 12 } },
      { code: 'shi-shogaiji', value: { children: 2, extraStaff: 1 } },
    ],
    staff: [
      ft('director', both, 15, 96),
      ft('vice-director', both, 10, 60),
      ft('chief', both, 9, 48),
      ft('sub-chief', both, 8),
      ...[7, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0].map((y, i) => ft('kodomoen-teacher', both, y, (i % 4) * 12)),
      { ...ft('kodomoen-teacher', both, 3, 24), events: [{ kind: 'leave-start', monthsAgo: 2 }] },
      pt('kodomoen-teacher', 32, both, 2, 36),
      pt('kodomoen-teacher', 20, hoiku, 0, 120),
      ft('nutritionist', ['kanri-eiyoshi'], 6),
      ft('cook', ['chorishi'], 9),
      ft('cook', [], 3),
      ft('clerk', [], 5),
    ],
  },
  {
    code: 'F003',
    name: 'かくうの森小規模保育室',
    type: 'shokibo-a',
    operatorName: '株式会社架空保育サービス',
    regionPercent: 16,
    capacity1: 0,
    capacity23: 19,
    postalCode: '9990013',
    address: '架空県見本市港町一丁目8-2',
    counts: [c(3, 'age0', 'standard', 3), c(3, 'age1-2', 'standard', 13), c(3, 'age1-2', 'short', 2)],
    items: [shogu(0, 1)],
    staff: [
      ft('director', hoiku, 6, 180),
      ft('nursery-teacher', hoiku, 5, 24),
      ft('nursery-teacher', hoiku, 3),
      ft('nursery-teacher', hoiku, 2, 36),
      ft('nursery-teacher', hoiku, 1),
      pt('nursery-teacher', 28, hoiku, 0, 48),
      pt('cook', 30, ['chorishi'], 4),
    ],
  },
  {
    code: 'F004',
    name: '例示が丘幼稚園',
    type: 'yochien',
    operatorName: '学校法人例示学園',
    regionPercent: 16,
    capacity1: 160,
    capacity23: 0,
    postalCode: '9990014',
    address: '架空県見本市桜台四丁目1-10',
    counts: [c(1, 'mansan', 'education', 10), c(1, 'age3', 'education', 45), c(1, 'age4plus', 'education', 95)],
    items: [{ code: 'jimu-yatoiage', value: {} }, shogu(1, 2)],
    staff: [
      ft('director', kyoyu, 20, 60),
      ft('vice-director', kyoyu, 14),
      ft('chief', kyoyu, 11),
      ...[9, 7, 5, 4, 3, 2, 1, 0].map((y, i) => ft('kindergarten-teacher', kyoyu, y, (i % 3) * 12)),
      pt('kindergarten-teacher', 24, kyoyu, 1, 24),
      ft('clerk', [], 8),
      pt('assistant', 20, [], 2),
    ],
  },
  {
    code: 'F005',
    name: '模擬工業すくすく保育室',
    type: 'jigyoshonai',
    operatorName: '模擬工業株式会社',
    regionPercent: 16,
    capacity1: 0,
    capacity23: 12,
    postalCode: '9990015',
    address: '架空県見本市港町三丁目4-4',
    counts: [c(3, 'age0', 'standard', 3), c(3, 'age1-2', 'standard', 7), c(3, 'age1-2', 'short', 1)],
    items: [shogu(0, 1)],
    staff: [
      ft('director', hoiku, 4, 120),
      ft('nursery-teacher', hoiku, 4, 12),
      ft('nursery-teacher', hoiku, 2),
      pt('nursery-teacher', 30, hoiku, 1, 60),
      pt('cook', 20, [], 3),
    ],
  },
];

/**
 * The counts of a facility for the demo month `back` months before the current one: the current month's
 * figures with a child fewer in the 1・2歳 (or first) class per month back, so the months differ.
 */
export function demoCountsFor(f: DemoFacility, back: number): ChildCount[] {
  const i = f.counts.findIndex((x) => x.ageBand === 'age1-2');
  const at = Math.max(i, 0);
  return f.counts.map((x, n) => (n === at ? { ...x, count: Math.max(0, x.count - back) } : x));
}
