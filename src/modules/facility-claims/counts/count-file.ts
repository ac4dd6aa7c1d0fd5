/**
 * The child counts CSV (docs/facility-claims/child-counts-csv.md), as pure rules: which headings are
 * accepted (an allow-list — 施設コード, 認定区分, 年齢区分, 保育必要量, 人数, optional 対象年月, and their
 * English aliases), which headings look like a child's personal data (reported as such, so the city
 * sees why a file from the core system was refused), and what each line must hold. No I/O: the
 * operation (import-counts.ts) decodes the bytes, checks facility codes against the database and stores.
 *
 * Headings are compared after NFKC (full-width letters and digits, half-width katakana), lower case,
 * and with spaces, underscores, hyphens, dots and brackets removed, so `Facility Code`, `facility_code`
 * and `ｆａｃｉｌｉｔｙ＿ｃｏｄｅ` are one heading, and `児 童 名` is caught as a name.
 */
import type { Text } from '../../../platform/i18n.js';
import type { CsvRecord } from '../../../platform/csv/read.js';
import { CHILD_CLASSES, type AgeBand, type CertClass, type ChildClassKey, type Need } from '../shared/types.js';
import { codeLabel } from '../shared/labels.messages.js';
import { countMessages as m } from './counts.messages.js';

export const COLUMN_KEYS = ['facilityCode', 'certClass', 'ageBand', 'need', 'count', 'month'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
const REQUIRED: readonly ColumnKey[] = ['facilityCode', 'certClass', 'ageBand', 'need', 'count'];

/** Values or headings as written, to what they mean. */
type Words<T> = Readonly<Record<string, T>>;

/** Accepted headings (compacted, see `compact`). */
// i18n-exempt: headings and values as files from the core system write them (matched, never shown)
const ALIASES: Words<ColumnKey> = {
  施設コード: 'facilityCode',
  facilitycode: 'facilityCode',
  認定区分: 'certClass',
  certclass: 'certClass',
  年齢区分: 'ageBand',
  ageband: 'ageBand',
  保育必要量: 'need',
  need: 'need',
  人数: 'count',
  count: 'count',
  対象年月: 'month',
  month: 'month',
};

export const PERSONAL_KINDS = [
  'name',
  'kana',
  'birth',
  'age-months',
  'address',
  'phone',
  'contact',
  'guardian',
  'individual-id',
  'gender',
] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

/**
 * Parts of a (compacted) heading that mean a child's personal data. Any heading outside the allow-list is
 * refused anyway; these only decide whether the refusal is reported as personal data (with a security event).
 */
// i18n-exempt: headings and values as files from the core system write them (matched, never shown)
const PERSONAL_PARTS: readonly (readonly [PersonalKind, readonly string[]])[] = [
  ['kana', ['フリガナ', 'ふりがな', 'カナ', 'かな', 'よみがな', 'ヨミ', 'kana', 'furigana', 'yomi']],
  [
    'individual-id',
    [
      '児童番号',
      '園児番号',
      '宛名番号',
      '個人番号',
      '受給者番号',
      '住民番号',
      '認定証番号',
      '支給認定番号',
      '識別番号',
      'マイナンバー',
      'mynumber',
      'childid',
      'personid',
      'personalid',
      'individualid',
      'residentid',
    ],
  ],
  ['name', ['氏名', '名前', '児童名', '園児名', '子ども名', '子供名', 'こども名', '姓名', 'name', 'shimei', 'namae']],
  ['birth', ['生年月日', '誕生日', '生年', 'birth', 'dob']],
  ['age-months', ['月齢', '生後', 'agemonth', 'ageinmonth', 'monthsold']],
  ['address', ['住所', '所在地', '居所', '番地', '郵便番号', '〒', 'address', 'addr', 'postal', 'postcode', 'zipcode']],
  ['phone', ['電話', '携帯', 'phone', 'mobile', 'fax']],
  ['contact', ['メール', '連絡先', 'email', 'mail', 'contact']],
  ['guardian', ['保護者', '世帯主', '続柄', '父', '母', '親', 'guardian', 'parent', 'mother', 'father']],
  ['gender', ['性別', 'gender']],
];
/** Whole words (English) that mean personal data but are too short to look for inside other words. */
// i18n-exempt: headings and values as files from the core system write them (matched, never shown)
const PERSONAL_WORDS: Words<PersonalKind> = {
  id: 'individual-id',
  tel: 'phone',
  sex: 'gender',
  zip: 'address',
  姓: 'name',
  名: 'name',
};

const nfkc = (s: string) => s.normalize('NFKC').trim();
/** A heading reduced for comparison: NFKC, lower case, without spaces, underscores, hyphens, dots, brackets. */
export const compact = (s: string) =>
  nfkc(s)
    .toLowerCase()
    .replace(/[\s_\-.()[\]{}「」『』【】＜＞<>]/gu, '');

export type HeadingClass =
  | { kind: 'column'; key: ColumnKey }
  | { kind: 'personal'; what: PersonalKind }
  | { kind: 'unknown' }
  | { kind: 'blank' };

export function classifyHeading(heading: string): HeadingClass {
  const c = compact(heading);
  if (c === '') return { kind: 'blank' };
  const key = ALIASES[c];
  if (key) return { kind: 'column', key };
  // the facility's own name or number is not a child's data (still refused: not in the allow-list)
  if (c.startsWith('施設') || c.startsWith('facility')) return { kind: 'unknown' }; // i18n-exempt: a heading as written
  for (const [what, parts] of PERSONAL_PARTS) if (parts.some((p) => c.includes(p))) return { kind: 'personal', what };
  const words = nfkc(heading)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  for (const w of [c, ...words]) {
    const what = PERSONAL_WORDS[w];
    if (what) return { kind: 'personal', what };
  }
  return { kind: 'unknown' };
}

/** A problem of the file: `line` null for the header or the whole file; `column` the field it concerns. */
export type CountProblem = { line: number | null; column: ColumnKey | null; message: Text };

export type ParsedCountLine = ChildClassKey & { line: number; facilityCode: string; count: number };

export type ParsedCountFile = {
  /** Headings that look like a child's personal data (1-based positions): the file is refused before any line is read. */
  personal: { position: number; what: PersonalKind }[];
  problems: CountProblem[];
  lines: ParsedCountLine[];
};

const columnText = (key: ColumnKey): Text => m.text(`column.${key}`);
const both = (f: (lang: 'ja' | 'en') => string): Text => ({ ja: f('ja'), en: f('en') });

/** Reads the header and every line; collects every problem (the caller stores nothing when there is one). */
export function parseCountFile(records: readonly CsvRecord[], month: string): ParsedCountFile {
  const out: ParsedCountFile = { personal: [], problems: [], lines: [] };
  const header = records[0];
  if (!header) {
    out.problems.push({ line: null, column: null, message: m.text('file.empty') });
    return out;
  }
  const positions = new Map<ColumnKey, number>();
  header.record.forEach((heading, i) => {
    const position = i + 1;
    const shown = nfkc(heading).slice(0, 40);
    const h = classifyHeading(heading);
    if (h.kind === 'personal') {
      out.personal.push({ position, what: h.what });
      out.problems.push({
        line: header.line,
        column: null,
        message: both((lang) => m.t(lang, 'file.personalColumn', { column: shown, position, what: m.t(lang, `personal.${h.what}`) })),
      });
    } else if (h.kind === 'unknown') {
      out.problems.push({ line: header.line, column: null, message: m.text('file.unknownColumn', { column: shown, position }) });
    } else if (h.kind === 'blank') {
      // an empty heading over empty cells is Excel's trailing comma; a value under it refuses the file
      if (records.some((r) => (r.record[i] ?? '').trim() !== '' && r !== header))
        out.problems.push({ line: header.line, column: null, message: m.text('file.blankColumn', { position }) });
    } else if (positions.has(h.key)) {
      out.problems.push({
        line: header.line,
        column: h.key,
        message: both((lang) => m.t(lang, 'file.repeatedColumn', { column: columnText(h.key)[lang], position })),
      });
    } else positions.set(h.key, i);
  });
  if (out.personal.length) return out;
  for (const key of REQUIRED)
    if (!positions.has(key))
      out.problems.push({
        line: header.line,
        column: key,
        message: both((lang) => m.t(lang, 'file.missingColumn', { column: columnText(key)[lang] })),
      });
  if (positions.size === 0) out.problems.push({ line: header.line, column: null, message: m.text('file.noHeader') });
  if (out.problems.length) return out;
  if (records.length < 2) {
    out.problems.push({ line: null, column: null, message: m.text('file.noRows') });
    return out;
  }
  const width = header.record.length;
  const seen = new Map<string, number>();
  for (const r of records.slice(1)) {
    const cell = (key: ColumnKey) => nfkc(r.record[positions.get(key) ?? -1] ?? '');
    const problem = (column: ColumnKey | null, message: Text) => out.problems.push({ line: r.line, column, message });
    const before = out.problems.length;
    for (let i = width; i < r.record.length; i++)
      if ((r.record[i] ?? '').trim() !== '') {
        problem(null, m.text('line.extraCells', { position: i + 1 }));
        break;
      }
    const facilityCode = cell('facilityCode');
    if (facilityCode === '') problem('facilityCode', m.text('line.facilityRequired'));
    else if (!/^[0-9A-Za-z][0-9A-Za-z-]{0,19}$/.test(facilityCode))
      problem('facilityCode', m.text('line.facilityUnknown', { code: facilityCode.slice(0, 40) }));
    const certClass = parseCertClass(cell('certClass'));
    if (certClass === undefined) problem('certClass', m.text('line.certClass', { value: cell('certClass').slice(0, 20) }));
    const ageBand = parseAgeBand(cell('ageBand'));
    if (ageBand === undefined) problem('ageBand', m.text('line.ageBand', { value: cell('ageBand').slice(0, 20) }));
    const need = parseNeed(cell('need'));
    if (need === undefined) problem('need', m.text('line.need', { value: cell('need').slice(0, 20) }));
    const count = parseCount(cell('count'));
    if (count === undefined) problem('count', m.text('line.count', { value: cell('count').slice(0, 20) }));
    if (positions.has('month')) {
      const raw = cell('month');
      const value = parseMonth(raw);
      if (value === undefined) problem('month', m.text('line.monthFormat', { value: raw.slice(0, 20) }));
      else if (value !== null && value !== month) problem('month', m.text('line.month', { value: raw.slice(0, 20), month }));
    }
    if (certClass !== undefined && ageBand !== undefined && need !== undefined) {
      if (!isChildClass({ certClass, ageBand, need }))
        problem(
          'ageBand',
          both((lang) =>
            m.t(lang, 'line.combination', {
              cert: codeLabel('cert', certClass, lang),
              age: codeLabel('age', ageBand, lang),
              need: codeLabel('need', need, lang),
            }),
          ),
        );
      else if (facilityCode !== '') {
        const key = `${facilityCode}|${certClass}|${ageBand}|${need}`;
        const first = seen.get(key);
        if (first !== undefined) problem(null, m.text('line.duplicate', { first }));
        else seen.set(key, r.line);
      }
    }
    if (out.problems.length === before && certClass !== undefined && ageBand !== undefined && need !== undefined && count !== undefined)
      out.lines.push({ line: r.line, facilityCode, certClass, ageBand, need, count });
  }
  return out;
}

const isChildClass = (k: ChildClassKey) =>
  CHILD_CLASSES.some((c) => c.certClass === k.certClass && c.ageBand === k.ageBand && c.need === k.need);

const squeeze = (v: string) => nfkc(v).toLowerCase().replace(/\s/gu, '');

export function parseCertClass(v: string): CertClass | undefined {
  const r = /^([123])(?:号)?(?:認定)?$/u.exec(squeeze(v));
  return r ? (Number(r[1]) as CertClass) : undefined;
}

// i18n-exempt: headings and values as files from the core system write them (matched, never shown)
const AGE_BANDS: Words<AgeBand> = {
  '0歳': 'age0',
  乳児: 'age0',
  age0: 'age0',
  '1・2歳': 'age1-2',
  '1-2歳': 'age1-2',
  '1~2歳': 'age1-2',
  '1〜2歳': 'age1-2',
  'age1-2': 'age1-2',
  '3歳': 'age3',
  age3: 'age3',
  '4歳以上': 'age4plus',
  age4plus: 'age4plus',
  満3歳: 'mansan',
  mansan: 'mansan',
};

export function parseAgeBand(v: string): AgeBand | undefined {
  const s = squeeze(v).replace(/児$/u, '');
  return Object.hasOwn(AGE_BANDS, s) ? AGE_BANDS[s] : undefined;
}

// i18n-exempt: headings and values as files from the core system write them (matched, never shown)
const NEED_WORDS: Words<Need> = {
  標準: 'standard',
  保育標準時間: 'standard',
  standard: 'standard',
  短時間: 'short',
  保育短時間: 'short',
  short: 'short',
  教育: 'education',
  教育標準時間: 'education',
  education: 'education',
};

export function parseNeed(v: string): Need | undefined {
  const s = squeeze(v);
  return Object.hasOwn(NEED_WORDS, s) ? NEED_WORDS[s] : undefined;
}

export function parseCount(v: string): number | undefined {
  const s = squeeze(v);
  if (!/^\d{1,4}$/u.test(s)) return undefined;
  return Number(s);
}

/** YYYY-MM or YYYY/MM (a one-digit month too) → YYYY-MM; null for an empty cell; undefined when unreadable. */
export function parseMonth(v: string): string | null | undefined {
  const s = squeeze(v);
  if (s === '') return null;
  const r = /^(\d{4})[-/](\d{1,2})$/u.exec(s);
  if (!r) return undefined;
  const mm = Number(r[2]);
  return mm >= 1 && mm <= 12 ? `${r[1]}-${String(mm).padStart(2, '0')}` : undefined;
}
