/**
 * Reads a unit-price table file (CSV or JSON, docs/facility-claims/price-table.md) and checks every line:
 * the result is the whole table, or every problem with its line number (English: the import is a CLI
 * operator's task). Pure apart from the CSV reader; nothing is written here.
 */
import { decodeCsv } from '../../../platform/csv/encoding.js';
import { readCsvText } from '../../../platform/csv/read.js';
import {
  AGE_BANDS,
  type AgeBand,
  type CertClass,
  FACILITY_TYPES,
  type FacilityType,
  ITEM_CODES,
  NEEDS,
  type Need,
  REGION_PERCENTS,
  type RegionPercent,
} from '../shared/types.js';
import { PRICE_UNITS, type PriceEntry, type PriceUnit, ROUNDINGS, type Rounding, TABLE_ITEMS } from './price-table.js';

export const PRICE_COLUMNS = [
  'fiscal_year',
  'region',
  'facility_type',
  'capacity_min',
  'capacity_max',
  'cert_class',
  'age_band',
  'need',
  'item',
  'unit',
  'amount',
  'experience_min',
  'experience_max',
] as const;
type Column = (typeof PRICE_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['fiscal_year', 'region', 'facility_type', 'cert_class', 'age_band', 'need', 'item', 'unit', 'amount'];

export type ParsedPriceTable = { fiscalYear: number; label: string; isSample: boolean; rounding: Rounding; entries: PriceEntry[] };
export type PriceFileProblem = { line: number; message: string };
export type ParseResult = { ok: true; table: ParsedPriceTable } | { ok: false; problems: PriceFileProblem[] };

const ITEMS = new Set<string>([...TABLE_ITEMS, ...ITEM_CODES]);
/** Which units an item may have (a basic price is per child; a rate by experience is only for 区分①②). */
const UNITS_OF = (item: string): readonly PriceUnit[] => {
  if (item === 'basic' || item === 'shogu-tanka') return ['per-child-month'];
  if (item === 'shogu-kubun1-rate' || item === 'shogu-kubun2-rate') return ['rate-by-experience'];
  if (item === 'shogu-kubun3-a' || item === 'shogu-kubun3-b') return ['facility-month'];
  return ['per-child-month', 'facility-month', 'percent-of-basic'];
};

const MAX_ENTRIES = 100_000;
const MAX_PROBLEMS = 200;

type Meta = { fiscalYear?: number; label?: string; isSample?: boolean; rounding?: Rounding };

function parseMeta(pairs: Record<string, unknown>, problems: PriceFileProblem[], line: number): Meta {
  const meta: Meta = {};
  for (const [k, raw] of Object.entries(pairs)) {
    const v = String(raw).trim();
    if (k === 'label') meta.label = v;
    else if (k === 'is_sample') {
      if (v !== 'true' && v !== 'false') problems.push({ line, message: `is_sample must be true or false, not "${v}"` });
      meta.isSample = v === 'true';
    } else if (k === 'rounding') {
      if (!(ROUNDINGS as readonly string[]).includes(v))
        problems.push({ line, message: `rounding must be one of ${ROUNDINGS.join(', ')}, not "${v}"` });
      else meta.rounding = v as Rounding;
    } else if (k === 'fiscal_year') {
      if (!/^\d{4}$/.test(v)) problems.push({ line, message: `fiscal_year must be a year such as 2026, not "${v}"` });
      else meta.fiscalYear = Number(v);
    } else if (k !== 'format' && k !== 'entries') problems.push({ line, message: `unknown table setting "${k}"` });
  }
  if (!meta.label || meta.label.length > 200) problems.push({ line, message: 'label is required (at most 200 characters)' });
  if (meta.isSample === undefined) problems.push({ line, message: 'is_sample is required (true or false)' });
  if (!meta.rounding && !problems.some((p) => p.message.startsWith('rounding')))
    problems.push({ line, message: 'rounding is required (e.g. floor-10)' });
  return meta;
}

/** `# label=…; is_sample=true; rounding=floor-10` (the CSV's first line). */
function metaLine(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.replace(/^#\s*/, '').split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) out[part.trim()] = '';
    else out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

const intOf = (v: string) => (/^\d+$/.test(v) ? Number(v) : undefined);
const numOf = (v: string) => (/^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);

/** One entry from its columns (strings), or the problems of its line. */
function entryOf(
  row: Partial<Record<Column, string>>,
  line: number,
  fiscalYear: number | undefined,
  problems: PriceFileProblem[],
): PriceEntry | undefined {
  const before = problems.length;
  const bad = (message: string) => problems.push({ line, message });
  const get = (c: Column) => (row[c] ?? '').trim();
  for (const c of REQUIRED) if (get(c) === '') bad(`${c} is empty`);
  if (problems.length > before) return undefined;
  if (fiscalYear !== undefined && get('fiscal_year') !== String(fiscalYear))
    bad(`fiscal_year ${get('fiscal_year')} differs from the table's ${fiscalYear}`);
  const e: PriceEntry = { line, capacityMin: 0, item: get('item'), unit: get('unit') as PriceUnit, amount: 0 };
  const region = get('region');
  if (region !== '*') {
    const r = intOf(region);
    if (r === undefined || !(REGION_PERCENTS as readonly number[]).includes(r))
      bad(`region must be one of ${REGION_PERCENTS.join(', ')} or *, not "${region}"`);
    else e.region = r as RegionPercent;
  }
  const type = get('facility_type');
  if (type !== '*') {
    if (!(FACILITY_TYPES as readonly string[]).includes(type))
      bad(`facility_type must be one of ${FACILITY_TYPES.join(', ')} or *, not "${type}"`);
    else e.facilityType = type as FacilityType;
  }
  const cmin = get('capacity_min');
  if (cmin !== '') {
    const n = intOf(cmin);
    if (n === undefined || n > 9999) bad(`capacity_min must be a whole number, not "${cmin}"`);
    else e.capacityMin = n;
  }
  const cmax = get('capacity_max');
  if (cmax !== '') {
    const n = intOf(cmax);
    if (n === undefined || n > 9999 || n < e.capacityMin) bad(`capacity_max must be a whole number not below capacity_min, not "${cmax}"`);
    else e.capacityMax = n;
  }
  const cert = get('cert_class');
  if (cert !== '*') {
    if (!['1', '2', '3'].includes(cert)) bad(`cert_class must be 1, 2, 3 or *, not "${cert}"`);
    else e.certClass = Number(cert) as CertClass;
  }
  const age = get('age_band');
  if (age !== '*') {
    if (!(AGE_BANDS as readonly string[]).includes(age)) bad(`age_band must be one of ${AGE_BANDS.join(', ')} or *, not "${age}"`);
    else e.ageBand = age as AgeBand;
  }
  const need = get('need');
  if (need !== '*') {
    if (!(NEEDS as readonly string[]).includes(need)) bad(`need must be one of ${NEEDS.join(', ')} or *, not "${need}"`);
    else e.need = need as Need;
  }
  if (!ITEMS.has(e.item)) bad(`item "${e.item}" is not a known item (basic, an item code, shogu-tanka, shogu-kubun1-rate, …)`);
  else if (!(PRICE_UNITS as readonly string[]).includes(e.unit)) bad(`unit must be one of ${PRICE_UNITS.join(', ')}, not "${e.unit}"`);
  else if (!UNITS_OF(e.item).includes(e.unit)) bad(`item ${e.item} takes unit ${UNITS_OF(e.item).join(' or ')}, not ${e.unit}`);
  const amount = numOf(get('amount'));
  if (amount === undefined || amount > 999_999_999) bad(`amount must be a number of 0 or more, not "${get('amount')}"`);
  else e.amount = amount;
  if (e.unit === 'percent-of-basic' && e.amount > 100) bad('a percent-of-basic amount is at most 100');
  const xmin = get('experience_min');
  const xmax = get('experience_max');
  if (e.unit === 'rate-by-experience') {
    const a = numOf(xmin);
    if (a === undefined || a >= 1000) bad(`a rate-by-experience needs experience_min (years), not "${xmin}"`);
    else e.experienceMin = a;
    if (xmax !== '') {
      const b = numOf(xmax);
      if (b === undefined || b >= 1000 || (a !== undefined && b <= a)) bad(`experience_max must be above experience_min, not "${xmax}"`);
      else e.experienceMax = b;
    }
  } else if (xmin !== '' || xmax !== '') bad('experience_min/experience_max belong to unit rate-by-experience only');
  return problems.length > before ? undefined : e;
}

/** Two entries that a look-up could not tell apart: same item and dimensions, overlapping capacity or experience ranges. */
function overlaps(entries: readonly PriceEntry[], problems: PriceFileProblem[]): void {
  const groups = new Map<string, PriceEntry[]>();
  for (const e of entries) {
    const k = [e.item, e.region ?? '*', e.facilityType ?? '*', e.certClass ?? '*', e.ageBand ?? '*', e.need ?? '*'].join('|');
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  const hi = (v: number | undefined) => v ?? Number.POSITIVE_INFINITY;
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) {
        const a = g[i] as PriceEntry;
        const b = g[j] as PriceEntry;
        const capacity = a.capacityMin <= hi(b.capacityMax) && b.capacityMin <= hi(a.capacityMax);
        // experience ranges are half-open [min, max)
        const experience =
          a.experienceMin === undefined || b.experienceMin === undefined
            ? true
            : a.experienceMin < hi(b.experienceMax) && b.experienceMin < hi(a.experienceMax);
        if (capacity && experience)
          problems.push({ line: b.line, message: `overlaps line ${a.line} (same item and dimensions, overlapping range)` });
        if (problems.length >= MAX_PROBLEMS) return;
      }
  }
}

async function parseCsv(text: string): Promise<{ meta: Meta; entries: PriceEntry[]; problems: PriceFileProblem[] }> {
  const problems: PriceFileProblem[] = [];
  const lines = text.split(/\r?\n/);
  const first = (lines[0] ?? '').replace(/^\uFEFF/, '');
  if (!first.startsWith('#'))
    return {
      meta: {},
      entries: [],
      problems: [{ line: 1, message: 'the first line must be the table settings: "# label=…; is_sample=true|false; rounding=floor-10"' }],
    };
  const meta = parseMeta(metaLine(first), problems, 1);
  // the records start on line 2: blank the settings line so csv-parse's line numbers stay the file's
  const records = await readCsvText(`\n${lines.slice(1).join('\n')}`);
  const header = records[0];
  if (!header) return { meta, entries: [], problems: [...problems, { line: 2, message: 'the header line is missing' }] };
  const cols = header.record.map((c) => c.trim());
  for (const c of cols)
    if (!(PRICE_COLUMNS as readonly string[]).includes(c)) problems.push({ line: header.line, message: `unknown column "${c}"` });
  for (const c of REQUIRED) if (!cols.includes(c)) problems.push({ line: header.line, message: `column "${c}" is missing` });
  if (problems.length) return { meta, entries: [], problems };
  const fy = meta.fiscalYear ?? (records[1] ? Number(records[1].record[cols.indexOf('fiscal_year')]) : undefined);
  const entries: PriceEntry[] = [];
  for (const r of records.slice(1)) {
    if (r.record.length !== cols.length) {
      problems.push({ line: r.line, message: `${r.record.length} columns where the header has ${cols.length}` });
      continue;
    }
    const row: Partial<Record<Column, string>> = {};
    cols.forEach((c, i) => {
      row[c as Column] = r.record[i];
    });
    const e = entryOf(row, r.line, fy, problems);
    if (e) entries.push(e);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return { meta: { ...meta, fiscalYear: fy }, entries, problems };
}

function parseJson(text: string): { meta: Meta; entries: PriceEntry[]; problems: PriceFileProblem[] } {
  const problems: PriceFileProblem[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { meta: {}, entries: [], problems: [{ line: 1, message: `not valid JSON: ${(err as Error).message}` }] };
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { entries?: unknown }).entries))
    return {
      meta: {},
      entries: [],
      problems: [{ line: 1, message: 'the JSON must be an object with label, is_sample, rounding and an entries array' }],
    };
  const meta = parseMeta(doc as Record<string, unknown>, problems, 0);
  const list = (doc as { entries: unknown[] }).entries;
  const fy = meta.fiscalYear ?? Number((list[0] as Record<string, unknown> | undefined)?.fiscal_year);
  const entries: PriceEntry[] = [];
  list.forEach((raw, i) => {
    const line = i + 1; // entry number
    if (problems.length >= MAX_PROBLEMS) return;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ line, message: 'an entry must be an object' });
      return;
    }
    const row: Partial<Record<Column, string>> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (!(PRICE_COLUMNS as readonly string[]).includes(k)) problems.push({ line, message: `unknown field "${k}"` });
      else row[k as Column] = v === null || v === undefined ? '' : String(v);
    }
    const e = entryOf(row, line, fy, problems);
    if (e) entries.push(e);
  });
  return { meta: { ...meta, fiscalYear: fy }, entries, problems };
}

/** Parses and checks a table file: JSON when the name ends in .json or the text starts with `{`, else CSV (UTF-8). */
export async function parsePriceTable(bytes: Buffer, fileName = ''): Promise<ParseResult> {
  const { text } = decodeCsv(bytes);
  const isJson = fileName.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{');
  const { meta, entries, problems } = isJson ? parseJson(text.replace(/^\uFEFF/, '')) : await parseCsv(text);
  if (!problems.length) {
    if (!entries.length) problems.push({ line: 1, message: 'the table has no entries' });
    if (entries.length > MAX_ENTRIES) problems.push({ line: 1, message: `at most ${MAX_ENTRIES} entries` });
    if (meta.fiscalYear === undefined || meta.fiscalYear < 2015 || meta.fiscalYear > 2100)
      problems.push({ line: 1, message: 'fiscal_year must be between 2015 and 2100' });
    overlaps(entries, problems);
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line).slice(0, MAX_PROBLEMS) };
  return {
    ok: true,
    table: {
      fiscalYear: meta.fiscalYear as number,
      label: meta.label as string,
      isSample: meta.isSample as boolean,
      rounding: meta.rounding as Rounding,
      entries,
    },
  };
}
