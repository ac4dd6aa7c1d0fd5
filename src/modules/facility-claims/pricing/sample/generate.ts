/**
 * Writes the SAMPLE unit-price tables (fy2025-sample.csv, fy2026-sample.csv next to this file). The amounts
 * are invented — of the order of the real 公定価格 but not them — and the label says so; the structure is
 * the real one: every 地域区分, the facility types with their capacity bands, certification classes, age
 * bands, 標準/短時間, the additions and deductions of ITEM_CODES, 処遇改善単価 per child and class, 区分①
 * rates by average experience years and 区分③ amounts A/B. The committed files are what the demo imports;
 * pricing.test.ts checks they are this generator's output.
 *
 * Run: npx tsx src/modules/facility-claims/pricing/sample/generate.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgeBand, type CertClass, type FacilityType, type Need, REGION_PERCENTS } from '../../shared/types.js';

// i18n-exempt: the sample table's label is data (the file's own title), shown as it is wherever the table is named
export const SAMPLE_LABEL = '見本単価（実際の公定価格ではありません）';

type Band = [number, number | null];
const HOIKUSHO_BANDS: Band[] = [
  [1, 20],
  [21, 30],
  [31, 40],
  [41, 50],
  [51, 60],
  [61, 70],
  [71, 80],
  [81, 90],
  [91, 100],
  [101, 110],
  [111, 120],
  [121, 150],
  [151, 180],
  [181, null],
];
const CLASS1_BANDS: Band[] = [
  [1, 15],
  [16, 25],
  [26, 35],
  [36, 45],
  [46, 60],
  [61, 75],
  [76, 90],
  [91, 105],
  [106, 120],
  [121, 135],
  [136, 150],
  [151, 180],
  [181, 210],
  [211, 240],
  [241, 270],
  [271, 300],
  [301, null],
];
const SMALL_BANDS: Record<'shokibo-a' | 'shokibo-b' | 'shokibo-c' | 'jigyoshonai' | 'katei', Band[]> = {
  'shokibo-a': [
    [6, 12],
    [13, 19],
  ],
  'shokibo-b': [
    [6, 12],
    [13, 19],
  ],
  'shokibo-c': [[6, 10]],
  jigyoshonai: [
    [1, 12],
    [13, 19],
    [20, 30],
    [31, 40],
    [41, 50],
    [51, 60],
    [61, null],
  ],
  katei: [[1, 5]],
};

type Cls = { cert: CertClass; age: AgeBand; need: Need };
const CLASSES_23: Cls[] = [
  { cert: 2, age: 'age3', need: 'standard' },
  { cert: 2, age: 'age3', need: 'short' },
  { cert: 2, age: 'age4plus', need: 'standard' },
  { cert: 2, age: 'age4plus', need: 'short' },
  { cert: 3, age: 'age0', need: 'standard' },
  { cert: 3, age: 'age0', need: 'short' },
  { cert: 3, age: 'age1-2', need: 'standard' },
  { cert: 3, age: 'age1-2', need: 'short' },
];
const CLASSES_3 = CLASSES_23.filter((c) => c.cert === 3);
const CLASSES_1: Cls[] = [
  { cert: 1, age: 'mansan', need: 'education' },
  { cert: 1, age: 'age3', need: 'education' },
  { cert: 1, age: 'age4plus', need: 'education' },
];

/** Invented base amounts (yen per child per month, その他地域, a band of about 90 children). */
const BASE: Record<AgeBand, number> = { age0: 168_000, 'age1-2': 101_000, age3: 39_500, age4plus: 32_000, mansan: 39_500 };
const TYPE_FACTOR: Record<FacilityType, number> = {
  hoikusho: 1,
  kodomoen: 1.03,
  yochien: 0.9,
  'shokibo-a': 1,
  'shokibo-b': 0.92,
  'shokibo-c': 0.97,
  jigyoshonai: 0.98,
  katei: 1.05,
};

const mid = (b: Band) => (b[1] === null ? b[0] + 30 : (b[0] + b[1]) / 2);
const floor10 = (x: number) => Math.floor(x / 10) * 10;
/** Smaller facilities cost more per child; 1号 education prices are about 0.9 of nursery ones. */
const bandFactor = (b: Band) => 0.9 + 8 / Math.max(mid(b), 12);
const regionFactor = (r: number) => 1 + (r * 0.72) / 100;
const needFactor = (n: Need) => (n === 'short' ? 0.983 : 1);

function basicAmount(type: FacilityType, region: number, band: Band, c: Cls): number {
  const base = c.cert === 1 ? BASE[c.age] * 0.88 : BASE[c.age];
  return floor10(base * TYPE_FACTOR[type] * regionFactor(region) * bandFactor(band) * needFactor(c.need));
}

type Row = {
  region: number | '*';
  type: FacilityType | '*';
  band: Band | null;
  cert: CertClass | '*';
  age: AgeBand | '*';
  need: Need | '*';
  item: string;
  unit: string;
  amount: number;
  experience?: [number, number | null];
};

/** Which (bands, classes) each facility type is priced for. */
function pricedClasses(type: FacilityType): { bands: Band[]; classes: Cls[] }[] {
  switch (type) {
    case 'hoikusho':
      return [{ bands: HOIKUSHO_BANDS, classes: CLASSES_23 }];
    case 'kodomoen':
      return [
        { bands: CLASS1_BANDS, classes: CLASSES_1 },
        { bands: HOIKUSHO_BANDS, classes: CLASSES_23 },
      ];
    case 'yochien':
      return [{ bands: CLASS1_BANDS, classes: CLASSES_1 }];
    default:
      return [{ bands: SMALL_BANDS[type], classes: CLASSES_3 }];
  }
}

const ALL_TYPES: FacilityType[] = ['hoikusho', 'kodomoen', 'yochien', 'shokibo-a', 'shokibo-b', 'shokibo-c', 'jigyoshonai', 'katei'];
const LARGE: FacilityType[] = ['hoikusho', 'kodomoen', 'yochien'];

function rows(fiscalYear: number): Row[] {
  // FY2025 amounts are about 3 % below FY2026 (the yearly 人事院勧告 revision, invented too)
  const year = fiscalYear >= 2026 ? 1 : 0.97;
  const out: Row[] = [];
  for (const type of ALL_TYPES)
    for (const { bands, classes } of pricedClasses(type))
      for (const region of REGION_PERCENTS)
        for (const band of bands)
          for (const c of classes) {
            const basic = floor10(basicAmount(type, region, band, c) * year);
            const dims = { region, type, band, cert: c.cert, age: c.age, need: c.need } as const;
            out.push({ ...dims, item: 'basic', unit: 'per-child-month', amount: basic });
            // 処遇改善単価: the staff-cost part of the price that the 加算率 applies to (per 100 %)
            out.push({ ...dims, item: 'shogu-tanka', unit: 'per-child-month', amount: floor10(basic * 0.7) });
          }

  // per-child additions and deductions that depend on the capacity band (主幹教諭等専任, 事務職員, チーム保育, 施設長未配置)
  const perBand = (item: string, yenPerMonth: number, types: FacilityType[], ages?: AgeBand[]) => {
    for (const type of types)
      for (const { bands, classes } of pricedClasses(type)) {
        const certs = [...new Set(classes.map((c) => c.cert))];
        for (const band of bands)
          for (const cert of certs) {
            const agesHere = ages ? ages.filter((a) => classes.some((c) => c.cert === cert && c.age === a)) : ['*' as const];
            for (const age of agesHere)
              out.push({
                region: '*',
                type,
                band,
                cert: type === 'hoikusho' && !ages ? '*' : cert,
                age,
                need: '*',
                item,
                unit: 'per-child-month',
                amount: floor10((yenPerMonth * year) / mid(band)),
              });
            if (type === 'hoikusho' && !ages) break; // one row per band serves every class
          }
      }
  };
  perBand('shukan-senin', 190_000, LARGE);
  perBand('jimu-yatoiage', 52_000, LARGE);
  perBand('team-hoiku', 210_000, LARGE, ['mansan', 'age3', 'age4plus']);
  perBand('shisetsucho-mihaichi', 310_000, LARGE);

  // 3歳児配置改善: per 3-year-old, any band
  for (const type of LARGE)
    for (const cert of type === 'hoikusho' ? [2 as const] : type === 'yochien' ? [1 as const] : [1 as const, 2 as const])
      out.push({
        region: '*',
        type,
        band: null,
        cert,
        age: 'age3',
        need: '*',
        item: 'sansai-haichi',
        unit: 'per-child-month',
        amount: floor10(8_900 * year),
      });
  const flatPerChild: Record<FacilityType, number> = {
    hoikusho: 1_800,
    kodomoen: 1_900,
    yochien: 1_600,
    'shokibo-a': 4_000,
    'shokibo-b': 3_800,
    'shokibo-c': 4_200,
    jigyoshonai: 3_500,
    katei: 5_000,
  };
  for (const type of ALL_TYPES)
    out.push({
      region: '*',
      type,
      band: null,
      cert: '*',
      age: '*',
      need: '*',
      item: 'genka-shokyaku',
      unit: 'per-child-month',
      amount: floor10(flatPerChild[type] * year),
    });
  const rent: Record<number, number> = { 20: 3_900, 16: 3_300, 15: 3_100, 12: 2_600, 10: 2_300, 6: 1_800, 3: 1_400, 0: 1_100 };
  for (const region of REGION_PERCENTS)
    out.push({
      region,
      type: '*',
      band: null,
      cert: '*',
      age: '*',
      need: '*',
      item: 'chinshaku',
      unit: 'per-child-month',
      amount: floor10((rent[region] as number) * year),
    });
  out.push({
    region: '*',
    type: '*',
    band: null,
    cert: '*',
    age: '*',
    need: '*',
    item: 'anzen-keikaku-misakutei',
    unit: 'percent-of-basic',
    amount: 5,
  });

  // facility-level monthly amounts (× persons or children where the item counts them)
  const facilityMonth = (item: string, amount: number, types: FacilityType[] | '*') => {
    for (const type of types === '*' ? ['*' as const] : types)
      out.push({
        region: '*',
        type,
        band: null,
        cert: '*',
        age: '*',
        need: '*',
        item,
        unit: 'facility-month',
        amount: floor10(amount * year),
      });
  };
  facilityMonth('eiyo-kanri', 26_000, LARGE);
  facilityMonth('kyujitsu-hoiku', 46_000, ['hoikusho', 'kodomoen']);
  facilityMonth('ken-shogu', 9_000, '*');
  facilityMonth('shi-shogaiji', 48_000, '*');
  facilityMonth('shi-encho', 2_500, '*');

  // 処遇改善等加算: 区分① rate by average experience years (2 % below 1 year … 12 % from 10 years), 区分② by type, 区分③ A/B
  for (let y = 0; y <= 10; y++)
    out.push({
      region: '*',
      type: '*',
      band: null,
      cert: '*',
      age: '*',
      need: '*',
      item: 'shogu-kubun1-rate',
      unit: 'rate-by-experience',
      amount: 2 + y,
      experience: [y, y === 10 ? null : y + 1],
    });
  const kubun2: Record<FacilityType, number> = {
    hoikusho: 6,
    kodomoen: 6,
    yochien: 5,
    'shokibo-a': 7,
    'shokibo-b': 7,
    'shokibo-c': 7,
    jigyoshonai: 7,
    katei: 7,
  };
  for (const type of ALL_TYPES)
    out.push({
      region: '*',
      type,
      band: null,
      cert: '*',
      age: '*',
      need: '*',
      item: 'shogu-kubun2-rate',
      unit: 'rate-by-experience',
      amount: kubun2[type],
      experience: [0, null],
    });
  facilityMonth('shogu-kubun3-a', 49_800, '*');
  facilityMonth('shogu-kubun3-b', 6_200, '*');
  return out;
}

/** The sample table of a fiscal year as the CSV the import reads. */
export function sampleTableCsv(fiscalYear: number): string {
  const lines = [
    `# label=${SAMPLE_LABEL}; is_sample=true; rounding=floor-10; fiscal_year=${fiscalYear}`,
    'fiscal_year,region,facility_type,capacity_min,capacity_max,cert_class,age_band,need,item,unit,amount,experience_min,experience_max',
  ];
  for (const r of rows(fiscalYear))
    lines.push(
      [
        fiscalYear,
        r.region,
        r.type,
        r.band ? r.band[0] : '',
        r.band?.[1] ?? '',
        r.cert,
        r.age,
        r.need,
        r.item,
        r.unit,
        r.amount,
        r.experience ? r.experience[0] : '',
        r.experience?.[1] ?? '',
      ].join(','),
    );
  return `${lines.join('\n')}\n`;
}

export const SAMPLE_YEARS = [2025, 2026] as const;
export const sampleFile = (fiscalYear: number) => path.join(path.dirname(fileURLToPath(import.meta.url)), `fy${fiscalYear}-sample.csv`);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  for (const fy of SAMPLE_YEARS) fs.writeFileSync(sampleFile(fy), sampleTableCsv(fy));
