/**
 * The inventory (データ項目台帳) read from the live database: for every module's scopes (each service,
 * procedure, whole module), the items it holds with how many rows hold each, and how many rows and people
 * the scope's tables hold and since when. Counts and definitions only, never a person's data.
 *
 * Cost: one grouped query per declared table (GROUP BY its scope expression), whatever the number of
 * scopes — a city has hundreds of services — plus, for a module with two or more tables about people,
 * one grouped query over their union for the distinct people. Tables absent from this database (the
 * other zone's) are skipped, and so are the items stored there: the report states what this database
 * holds.
 */
import type { Queryable } from '../../../platform/db.js';
import type { PersonalDataRegister, PersonalItem, PersonalTable, StoredAt } from '../../../platform/personal-data.js';
import { itemsOfScope, type ModuleRegister, readRegister } from '../read-register.js';
import type { InventoryItem, InventoryReport, InventoryScope } from './inventory-report.js';

/** Counts of one table in one scope. */
type TableCounts = { records: number; oldest: Date | null; people: number; items: Map<string, number> };

/** A Postgres cap is 1,664 result columns; item counts beyond this share a table in several queries. */
const COLUMNS_PER_QUERY = 400;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Columns of the live schema with their types (a process's database may lack the other zone's tables). */
async function liveColumns(db: Queryable): Promise<Map<string, Map<string, string>>> {
  // pg_catalog rather than information_schema.columns: the same answer, many times faster on PGlite.
  const r = await db.query<{ t: string; c: string; type: string }>(
    `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, NULL) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const out = new Map<string, Map<string, string>>();
  for (const { t, c, type } of r.rows) {
    if (!out.has(t)) out.set(t, new Map());
    out.get(t)!.set(c, type);
  }
  return out;
}

const isJsonProperty = (s: StoredAt, columnType: string | undefined) =>
  s.property !== undefined && (columnType === 'jsonb' || columnType === 'json');

/**
 * The condition that a row holds an item at its primary storage: a property of a json/jsonb column (its value
 * plain or encrypted, e.g. a job payload's emailEnc) is
 * present and not JSON null; anything else (a column, an encrypted JSON container) is non-null.
 */
function holdsItem(s: StoredAt, columnType: string | undefined, params: unknown[]): string {
  const col = `t.${ident(s.column)}`;
  if (isJsonProperty(s, columnType)) return `(${col} ->> $${params.push(s.property)}::text) IS NOT NULL`;
  return `${col} IS NOT NULL`;
}

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/** Per scope id: the table's rows holding data, the oldest, its distinct people and each item's rows. */
async function countTable(
  db: Queryable,
  table: PersonalTable,
  items: readonly PersonalItem[],
  columnTypes: Map<string, string>,
): Promise<Map<string, TableCounts>> {
  const out = new Map<string, TableCounts>();
  const at = (scope: string) => {
    let c = out.get(scope);
    if (!c) out.set(scope, (c = { records: 0, oldest: null, people: 0, items: new Map() }));
    return c;
  };
  // Items sharing a condition (every field inside one encrypted container) share one count.
  const groups = new Map<string, { storedAt: StoredAt; keys: string[] }>();
  for (const i of items) {
    const s = i.storedAt[0]!;
    const key = isJsonProperty(s, columnTypes.get(s.column)) ? `${s.column}\0${s.property}` : s.column;
    if (!groups.has(key)) groups.set(key, { storedAt: s, keys: [] });
    groups.get(key)!.keys.push(i.key);
  }
  const entries = [...groups.values()];
  const chunks: (typeof entries)[] = [];
  for (let i = 0; i < Math.max(entries.length, 1); i += COLUMNS_PER_QUERY) chunks.push(entries.slice(i, i + COLUMNS_PER_QUERY));
  for (const [n, chunk] of chunks.entries()) {
    const qp: unknown[] = [];
    const cols = chunk.map((e, k) => `count(*) FILTER (WHERE ${holdsItem(e.storedAt, columnTypes.get(e.storedAt.column), qp)}) AS i${k}`);
    const first = n === 0;
    const select = [
      `(${table.scope})::text AS scope`,
      ...(first
        ? [
            'count(*) AS records',
            `${table.createdAt ? `min(${table.createdAt})` : 'NULL'} AS oldest`,
            `${table.person ? `count(DISTINCT (${table.person}))` : '0'} AS people`,
          ]
        : []),
      ...cols,
    ];
    const r = await db.query<Record<string, unknown>>(
      `SELECT ${select.join(', ')} FROM ${ident(table.table)} t WHERE ${table.holdsData ?? 'true'} GROUP BY 1`,
      qp,
    );
    for (const row of r.rows) {
      if (row.scope === null) continue;
      const c = at(String(row.scope));
      if (first) {
        c.records = Number(row.records);
        c.oldest = asDate(row.oldest);
        c.people = Number(row.people);
      }
      chunk.forEach((e, k) => {
        for (const key of e.keys) c.items.set(key, Number(row[`i${k}`]));
      });
    }
  }
  return out;
}

/** Distinct people per scope over several tables (the same person in two tables counts once). */
async function countPeople(db: Queryable, tables: readonly PersonalTable[]): Promise<Map<string, number>> {
  const parts = tables.map(
    (t) => `SELECT (${t.scope})::text AS scope, (${t.person})::text AS person FROM ${ident(t.table)} t WHERE ${t.holdsData ?? 'true'}`,
  );
  const r = await db.query<{ scope: string | null; people: unknown }>(
    `SELECT scope, count(DISTINCT person) AS people FROM (${parts.join(' UNION ALL ')}) x GROUP BY scope`,
  );
  return new Map(r.rows.filter((x) => x.scope !== null).map((x) => [x.scope as string, Number(x.people)]));
}

async function departmentsById(db: Queryable, ids: readonly string[]): Promise<Map<string, InventoryScope['department']>> {
  if (!ids.length) return new Map();
  const r = await db.query<{ id: string; code: string; name: string; nameEn: string | null }>(
    'SELECT id::text AS id, code, name, name_en AS "nameEn" FROM departments WHERE id::text = ANY($1::text[])',
    [ids],
  );
  return new Map(r.rows.map((d) => [d.id, d]));
}

async function schemaVersion(db: Queryable): Promise<string> {
  const r = await db.query<{ v: unknown }>('SELECT max(version) AS v FROM schema_migrations');
  return String(r.rows[0]?.v ?? 0);
}

async function inventoryOfModule(
  db: Queryable,
  m: ModuleRegister,
  columns: Map<string, Map<string, string>>,
): Promise<Omit<InventoryScope, 'department'>[]> {
  const present = m.register.tables.filter((t) => columns.has(t.table));
  const presentNames = new Set(present.map((t) => t.table));
  const items = m.items.filter((i) => presentNames.has(i.storedAt[0]!.table));
  const counts = new Map<string, Map<string, TableCounts>>();
  for (const t of present)
    counts.set(
      t.table,
      await countTable(
        db,
        t,
        items.filter((i) => i.storedAt[0]!.table === t.table),
        columns.get(t.table)!,
      ),
    );
  const personTables = present.filter((t) => t.person !== null);
  const people = personTables.length > 1 ? await countPeople(db, personTables) : undefined;

  return m.scopes.map((scope) => {
    let records = 0;
    let oldest: Date | null = null;
    let single = 0;
    for (const t of personTables) {
      const c = counts.get(t.table)!.get(scope.id);
      if (!c) continue;
      records += c.records;
      single += c.people;
      if (c.oldest && (!oldest || c.oldest < oldest)) oldest = c.oldest;
    }
    const scopeItems: InventoryItem[] = itemsOfScope(m, scope.id)
      .filter((i) => presentNames.has(i.storedAt[0]!.table))
      .map((i) => {
        const s = i.storedAt[0]!;
        return {
          key: i.key,
          label: i.label,
          category: i.category,
          subject: i.subject,
          isSensitive: i.isSensitive,
          isEncrypted: s.protection !== 'plain',
          storedAt: i.storedAt,
          records: counts.get(s.table)?.get(scope.id)?.items.get(i.key) ?? 0,
          purpose: i.purpose,
          readers: i.readers,
          recipients: i.recipients,
          retention: i.retention,
        };
      });
    return {
      module: m.module,
      scope,
      records,
      people: people ? (people.get(scope.id) ?? 0) : single,
      oldest: oldest ? oldest.toISOString() : null,
      items: scopeItems,
    };
  });
}

/**
 * The inventory now. Scopes come in department order (by code; whole-module scopes without a department
 * last), then module and scope name.
 */
export async function computeInventory(db: Queryable, registers: readonly PersonalDataRegister[], now: Date): Promise<InventoryReport> {
  const [modules, columns, version] = await Promise.all([readRegister(db, registers), liveColumns(db), schemaVersion(db)]);
  const scopes: Omit<InventoryScope, 'department'>[] = [];
  for (const m of modules) scopes.push(...(await inventoryOfModule(db, m, columns)));
  const departments = await departmentsById(db, [...new Set(scopes.flatMap((s) => (s.scope.departmentId ? [s.scope.departmentId] : [])))]);
  const withDepartments: InventoryScope[] = scopes.map((s) => ({
    ...s,
    department: s.scope.departmentId ? (departments.get(s.scope.departmentId) ?? null) : null,
  }));
  const order = (s: InventoryScope) => s.department?.code ?? '\uffff';
  withDepartments.sort(
    (a, b) =>
      order(a).localeCompare(order(b)) ||
      a.module.localeCompare(b.module) ||
      a.scope.label.ja.localeCompare(b.scope.label.ja, 'ja') ||
      a.scope.id.localeCompare(b.scope.id),
  );
  return { generatedAt: now.toISOString(), schemaVersion: version, scopes: withDepartments };
}
