/**
 * The breach-impact report's facts from the live database (or a restored backup): given Japan-time days
 * (inclusive) and a scope, the rows that held personal data at some time in the window, their items,
 * people, departments, protection at rest and how the people can be reached.
 *
 * Which rows: for a procedure, service, facility, module, zone or table scope, the scope's rows created
 * before the window's end (PersonalTable.createdAt; a table without one: every row, noted) that still hold
 * personal data (holdsData). The register records no erasure time, so rows erased since cannot be told
 * apart from rows erased before the window: they are not counted, and the report names how many there are.
 * For `staff:LOGIN`, the rows that account opened or exported in the window (staff-activity.ts).
 *
 * Counting follows the inventory (inventory/compute-inventory.ts): an item at its primary storage (for a
 * column scope, at that column), records from the tables about a person, people distinct across tables.
 */
import type { Queryable } from '../../../platform/db.js';
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import { isValidDate, jstDayEnd, jstDayStart } from '../../../platform/japan-time.js';
import type { PersonalDataRegister, PersonalItem, StoredAt } from '../../../platform/personal-data.js';
import { readRegister } from '../read-register.js';
import type { BreachImpact, BreachItem, BreachNote, Channel } from './breach-impact.js';
import { parseScope, resolveScope, type TableSelection, UnknownScopeError } from './breach-scope.js';
import { ident, readContacts } from './read-contacts.js';
import { readStaffActivity } from './staff-activity.js';

export type BreachQuery = { from: string; to: string; scope: string };

/** The window's first instant and the instant after its last day (Japan time); refused when reversed. */
export function windowOf(q: Pick<BreachQuery, 'from' | 'to'>): { start: Date; end: Date } {
  if (!isValidDate(q.from) || !isValidDate(q.to)) throw new UnknownScopeError('Dates are YYYY-MM-DD (Japan time).');
  if (q.from > q.to) throw new UnknownScopeError(`The window ends (${q.to}) before it starts (${q.from}).`);
  return { start: jstDayStart(q.from), end: jstDayEnd(q.to) };
}

async function liveColumns(db: Queryable): Promise<Map<string, Map<string, string>>> {
  const r = await db.query<{ t: string; c: string; type: string }>(
    `SELECT c.table_name AS t, c.column_name AS c, c.data_type AS type FROM information_schema.columns c
       JOIN information_schema.tables x ON x.table_name = c.table_name AND x.table_schema = c.table_schema
      WHERE c.table_schema = current_schema() AND x.table_type = 'BASE TABLE'`,
  );
  const out = new Map<string, Map<string, string>>();
  for (const { t, c, type } of r.rows) {
    if (!out.has(t)) out.set(t, new Map());
    out.get(t)!.set(c, type);
  }
  return out;
}

/** A row holds the item there: a property of a json/jsonb column present (plain or encrypted value), anything else non-null. */
function holdsItem(s: StoredAt, columnType: string | undefined, params: unknown[]): string {
  const col = `t.${ident(s.column)}`;
  const json = s.property !== undefined && (columnType === 'jsonb' || columnType === 'json');
  return json ? `(${col} ->> $${params.push(s.property)}::text) IS NOT NULL` : `${col} IS NOT NULL`;
}

/** Where the item is counted in this selection, if it is in it. */
function storageIn(i: PersonalItem, sel: TableSelection): StoredAt | undefined {
  if (sel.columns) return i.storedAt.find((s) => s.table === sel.table.table && sel.columns!.has(s.column));
  return i.storedAt[0]!.table === sel.table.table ? i.storedAt[0] : undefined;
}

/** The scope, the register and the tables' selections a report reads. */
async function prepare(db: Queryable, registers: readonly PersonalDataRegister[], q: BreachQuery, window: { start: Date; end: Date }) {
  const parsed = parseScope(q.scope);
  const [modules, columns] = await Promise.all([readRegister(db, registers), liveColumns(db)]);
  const present = new Set(columns.keys());
  const resolved = resolveScope(parsed, modules, present);
  const notes: BreachNote[] = [];
  let selections = resolved.selections ?? [];
  let staffActivity: BreachImpact['staffActivity'];
  const isStaff = parsed.kind === 'staff';
  if (isStaff) {
    const a = await readStaffActivity(db, modules, present, parsed.values[0]!, window);
    selections = a.selections;
    staffActivity = { entries: a.entries, referenced: a.referenced };
    for (const u of a.unresolved) notes.push({ kind: 'unresolved', ...u });
    if (a.gone) notes.push({ kind: 'gone', rows: a.gone });
  }
  return { parsed, modules, columns, resolved, selections, isStaff, staffActivity, notes };
}

/** The selection's rows that held personal data in the window (see the file's comment). */
function affectedRows(sel: TableSelection, isStaff: boolean, window: { end: Date }): { where: string; params: unknown[] } {
  const params = [...sel.params];
  const conds = [`(${sel.where})`, `(${sel.table.holdsData ?? 'true'})`];
  if (!isStaff && sel.table.createdAt) conds.push(`(${sel.table.createdAt}) < $${params.push(window.end)}`);
  return { where: conds.join(' AND '), params };
}

/**
 * The contact list of the people affected (the privacy officer's, audited by the caller): per person and
 * channel, the decrypted value; a person reachable through the same value twice is listed once.
 */
export async function computeBreachContacts(
  db: Queryable,
  registers: readonly PersonalDataRegister[],
  q: BreachQuery,
  crypto: FieldCrypto,
): Promise<{ person: string; scope: string | null; channel: Channel; value: string | null }[]> {
  const window = windowOf(q);
  const { selections, isStaff } = await prepare(db, registers, q, window);
  const out = new Map<string, { person: string; scope: string | null; channel: Channel; value: string | null }>();
  for (const sel of selections) {
    const { where, params } = affectedRows(sel, isStaff, window);
    for (const p of await readContacts(db, sel, where, params, { crypto, withValues: true }))
      for (const [channel, value] of p.channels) {
        const key = JSON.stringify([p.person, channel, value]);
        if (!out.has(key)) out.set(key, { person: p.person, scope: p.scope, channel, value });
      }
  }
  return [...out.values()];
}

export type ImpactOptions = {
  /** Decrypts contact values inside encrypted JSON (an address) to count who is reachable by post. */
  crypto?: FieldCrypto;
};

/** The facts of a breach-impact report. Throws UnknownScopeError / UnknownStaffError naming what exists. */
export async function computeBreachImpact(
  db: Queryable,
  registers: readonly PersonalDataRegister[],
  q: BreachQuery,
  now: Date,
  o: ImpactOptions = {},
): Promise<BreachImpact> {
  const window = windowOf(q);
  const { parsed, modules, columns, resolved, selections, isStaff, staffActivity, notes } = await prepare(db, registers, q, window);

  const itemRecords = new Map<string, { item: PersonalItem; module: string; storage: StoredAt; records: number }>();
  const seenScopes = new Set<string>();
  const people = new Map<string, Set<Channel>>();
  const withPerson = selections.filter((s) => s.table.person !== null);
  const counted = withPerson.length ? withPerson : selections;
  let records = 0;
  for (const sel of selections) {
    const t = sel.table;
    const { where, params } = affectedRows(sel, isStaff, window);
    if (!isStaff && !t.createdAt) notes.push({ kind: 'noCreatedAt', table: t.table });
    const items = sel.module.items.flatMap((i) => {
      const s = storageIn(i, sel);
      return s ? [{ i, s }] : [];
    });
    const countParams = [...params];
    const filters = items.map(
      ({ s }, k) => `count(*) FILTER (WHERE ${holdsItem(s, columns.get(t.table)?.get(s.column), countParams)}) AS i${k}`,
    );
    const r = await db.query<Record<string, unknown>>(
      `SELECT (${t.scope})::text AS scope, count(*) AS n${filters.map((f) => `, ${f}`).join('')} FROM ${ident(t.table)} t WHERE ${where} GROUP BY 1`,
      countParams,
    );
    for (const row of r.rows) {
      const scope = row.scope === null ? null : String(row.scope);
      if (scope) seenScopes.add(scope);
      if (counted.includes(sel)) records += Number(row.n);
      items.forEach(({ i, s }, k) => {
        if (i.scopes && (!scope || !i.scopes.includes(scope))) return;
        const e = itemRecords.get(i.key) ?? { item: i, module: sel.module.module, storage: s, records: 0 };
        e.records += Number(row[`i${k}`]);
        itemRecords.set(i.key, e);
      });
    }
    if (t.holdsData) {
      const ep = [...sel.params];
      const erasedConds = [`(${sel.where})`, `NOT (${t.holdsData})`];
      if (!isStaff && t.createdAt) erasedConds.push(`(${t.createdAt}) < $${ep.push(window.end)}`);
      const e = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${ident(t.table)} t WHERE ${erasedConds.join(' AND ')}`, ep);
      const n = Number(e.rows[0]?.n ?? 0);
      if (n) notes.push({ kind: 'erased', table: t.table, rows: n });
    }
    for (const p of await readContacts(db, sel, where, params, { crypto: o.crypto, withValues: false })) {
      const set = people.get(p.person) ?? new Set<Channel>();
      for (const c of p.channels.keys()) set.add(c);
      people.set(p.person, set);
    }
  }

  const items: BreachItem[] = [...itemRecords.values()]
    .filter((e) => e.records > 0)
    .map((e) => ({
      key: e.item.key,
      module: e.module,
      label: e.item.label,
      category: e.item.category,
      subject: e.item.subject,
      sensitive: e.item.isSensitive,
      encrypted: e.storage.protection !== 'plain',
      protection: e.storage.protection,
      records: e.records,
    }));
  const encryption = { encrypted: 0, hashed: 0, plain: 0 };
  for (const i of items) encryption[i.protection] += i.records;
  const notifiable = { email: 0, line: 0, phone: 0, post: 0, none: 0 };
  for (const channels of people.values()) {
    for (const c of channels) notifiable[c] += 1;
    if (!channels.size) notifiable.none += 1;
  }
  const allScopes = modules.flatMap((m) => m.scopes.map((scope) => ({ module: m.module, scope })));
  // The scopes asked for by id are named even when none of their rows is affected.
  const asked = new Set(['procedure', 'service', 'facility'].includes(parsed.kind) ? resolved.scopes.map((s) => s.scope.id) : []);
  const scopes = allScopes.filter((s) => seenScopes.has(s.scope.id) || asked.has(s.scope.id));
  const deptIds = [...new Set(scopes.flatMap((s) => (s.scope.departmentId ? [s.scope.departmentId] : [])))];
  const departments = deptIds.length
    ? (
        await db.query<BreachImpact['departments'][number]>(
          'SELECT id::text AS id, code, name, name_en AS "nameEn" FROM departments WHERE id::text = ANY($1::text[]) ORDER BY code',
          [deptIds],
        )
      ).rows
    : [];
  return {
    scope: `${parsed.kind}:${parsed.values.join(',')}`,
    scopeKind: parsed.kind,
    window: { from: q.from, to: q.to },
    generatedAt: now.toISOString(),
    source: 'database',
    scopes: scopes.map((s) => ({ id: s.scope.id, module: s.module, label: s.scope.label })),
    items,
    people: people.size,
    records,
    departments,
    encryption,
    notifiable,
    ...(staffActivity ? { staffActivity } : {}),
    notes,
  };
}
