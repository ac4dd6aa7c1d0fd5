/**
 * A unit-price table (公定価格単価表 plus the prefecture's and the city's items) as the engine reads it:
 * one fiscal year, its label (a sample table says so), the rounding of the per-child unit price, and
 * its entries indexed by item and facility type. Tables are imported (import-price-table.ts) and never
 * edited; `loadPriceTable` returns the newest import of a fiscal year. Format: docs/facility-claims/price-table.md.
 */
import type { Queryable } from '../../../platform/db.js';
import type { AgeBand, CertClass, FacilityType, Need, RegionPercent } from '../shared/types.js';

export const PRICE_UNITS = ['per-child-month', 'facility-month', 'percent-of-basic', 'rate-by-experience'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export const ROUNDINGS = ['floor-1', 'floor-10', 'floor-100', 'round-1', 'round-10', 'round-100'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

/** Items of a table besides the ItemCodes: the basic price and the parts of 処遇改善等加算. */
export const TABLE_ITEMS = ['basic', 'shogu-tanka', 'shogu-kubun1-rate', 'shogu-kubun2-rate', 'shogu-kubun3-a', 'shogu-kubun3-b'] as const;

/** One price. `undefined` in a dimension means "any" (the file's `*`). */
export type PriceEntry = {
  line: number;
  region?: RegionPercent;
  facilityType?: FacilityType;
  capacityMin: number;
  capacityMax?: number;
  certClass?: CertClass;
  ageBand?: AgeBand;
  need?: Need;
  item: string;
  unit: PriceUnit;
  amount: number;
  experienceMin?: number;
  experienceMax?: number;
};

export type PriceTable = {
  id: string;
  fiscalYear: number;
  label: string;
  isSample: boolean;
  rounding: Rounding;
  entries: readonly PriceEntry[];
  /** Entries by `${item}|${facilityType ?? '*'}`: a look-up reads two short lists, not the whole table. */
  index: ReadonlyMap<string, readonly PriceEntry[]>;
};

/** The dimensions of one look-up. `capacity` is the 利用定員 the entry's band is read against. */
export type PriceKey = {
  item: string;
  region: RegionPercent;
  facilityType: FacilityType;
  capacity: number;
  certClass?: CertClass;
  ageBand?: AgeBand;
  need?: Need;
  experience?: number;
};

export function indexEntries(entries: readonly PriceEntry[]): Map<string, PriceEntry[]> {
  const index = new Map<string, PriceEntry[]>();
  for (const e of entries) {
    const k = `${e.item}|${e.facilityType ?? '*'}`;
    const list = index.get(k);
    if (list) list.push(e);
    else index.set(k, [e]);
  }
  return index;
}

function matches(e: PriceEntry, k: PriceKey): boolean {
  if (e.region !== undefined && e.region !== k.region) return false;
  if (k.capacity < e.capacityMin || (e.capacityMax !== undefined && k.capacity > e.capacityMax)) return false;
  // a dimension the look-up leaves open (a facility-level amount) only matches an entry open in it too
  if (e.certClass !== undefined && e.certClass !== k.certClass) return false;
  if (e.ageBand !== undefined && e.ageBand !== k.ageBand) return false;
  if (e.need !== undefined && e.need !== k.need) return false;
  if (e.experienceMin !== undefined) {
    if (k.experience === undefined || k.experience < e.experienceMin) return false;
    if (e.experienceMax !== undefined && k.experience >= e.experienceMax) return false;
  }
  return true;
}

const specificity = (e: PriceEntry) =>
  (e.region !== undefined ? 1 : 0) +
  (e.facilityType !== undefined ? 1 : 0) +
  (e.certClass !== undefined ? 1 : 0) +
  (e.ageBand !== undefined ? 1 : 0) +
  (e.need !== undefined ? 1 : 0);

/** Every entry of an item that applies to the key, most specific first. */
export function findEntries(table: PriceTable, k: PriceKey): PriceEntry[] {
  const found = [...(table.index.get(`${k.item}|${k.facilityType}`) ?? []), ...(table.index.get(`${k.item}|*`) ?? [])].filter((e) =>
    matches(e, k),
  );
  return found.sort((a, b) => specificity(b) - specificity(a) || a.line - b.line);
}

/** The most specific entry that applies, if any. */
export function findEntry(table: PriceTable, k: PriceKey): PriceEntry | undefined {
  return findEntries(table, k)[0];
}

/** Rounds a yen amount as the table says (floor-10: 123,459.6 → 123,450). */
export function roundYen(amount: number, rounding: Rounding): number {
  const [mode, unitText] = rounding.split('-') as ['floor' | 'round', string];
  const unit = Number(unitText);
  // amounts are sums of integers and of yen already floored: guard against 0.1 + 0.2 style residue
  const v = Math.round(amount * 1000) / 1000 / unit;
  return (mode === 'floor' ? Math.floor(v) : Math.round(v)) * unit;
}

type EntryRow = {
  line: number;
  region_percent: number | null;
  facility_type: FacilityType | null;
  capacity_min: number;
  capacity_max: number | null;
  cert_class: number | null;
  age_band: AgeBand | null;
  need: Need | null;
  item: string;
  unit: PriceUnit;
  amount: number | string;
  experience_min: number | string | null;
  experience_max: number | string | null;
};

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const optNum = (v: number | string | null): number | undefined => (v === null ? undefined : Number(v));

export function entryOfRow(r: EntryRow): PriceEntry {
  const e: PriceEntry = { line: r.line, capacityMin: r.capacity_min, item: r.item, unit: r.unit, amount: Number(r.amount) };
  const region = opt(r.region_percent);
  if (region !== undefined) e.region = region as RegionPercent;
  if (r.facility_type) e.facilityType = r.facility_type;
  if (r.capacity_max !== null) e.capacityMax = r.capacity_max;
  if (r.cert_class !== null) e.certClass = r.cert_class as CertClass;
  if (r.age_band) e.ageBand = r.age_band;
  if (r.need) e.need = r.need;
  const emin = optNum(r.experience_min);
  if (emin !== undefined) e.experienceMin = emin;
  const emax = optNum(r.experience_max);
  if (emax !== undefined) e.experienceMax = emax;
  return e;
}

/** The newest imported table of a fiscal year (April–March), or undefined when none was imported. */
/**
 * Tables loaded, by id. An imported table never changes (migration 0050 refuses updates), so a process keeps
 * the few it uses instead of reading thousands of entries for every facility's calculation; an id is a random
 * UUID, so two databases in one process (tests) never share an entry.
 */
const loaded = new Map<string, PriceTable>();
const LOADED_MAX = 8;

export async function loadPriceTable(q: Queryable, fiscalYear: number): Promise<PriceTable | undefined> {
  const t = (
    await q.query<{ id: string; fiscal_year: number; label: string; is_sample: boolean; rounding: Rounding }>(
      `SELECT id, fiscal_year, label, is_sample, rounding FROM fc_price_tables WHERE fiscal_year = $1
        ORDER BY imported_at DESC, id DESC LIMIT 1`,
      [fiscalYear],
    )
  ).rows[0];
  if (!t) return undefined;
  const kept = loaded.get(t.id);
  if (kept) return kept;
  const rows = await q.query<EntryRow>(
    `SELECT line, region_percent, facility_type, capacity_min, capacity_max, cert_class, age_band, need, item, unit, amount,
            experience_min, experience_max
       FROM fc_price_entries WHERE table_id = $1 ORDER BY line`,
    [t.id],
  );
  const entries = rows.rows.map(entryOfRow);
  const table: PriceTable = {
    id: t.id,
    fiscalYear: t.fiscal_year,
    label: t.label,
    isSample: t.is_sample,
    rounding: t.rounding,
    entries,
    index: indexEntries(entries),
  };
  if (loaded.size >= LOADED_MAX) loaded.delete(loaded.keys().next().value as string);
  loaded.set(t.id, table);
  return table;
}
