/**
 * What one staff account viewed or exported in a window, from the audit log: the rows of declared tables
 * it opened (an entry's record_type/record_id, matched to PersonalTable.auditRecordType/auditRecordKey) and
 * the rows named in an entry's detail. Lists and exports whose entry records only how many rows they held
 * (the reservation list, the application export, the card booking file…) cannot be turned into people: they
 * come back as `unresolved`, with their counts, for the report to say so plainly.
 *
 * Which details name rows (read from the recordAudit calls): `ids` (reservation.export: record_type, or the
 * action's first word when it has none), and `<type>Ids` (cardIds of card.search and card.letters.print:
 * the record type `card`). A future export that lists its rows the same way is resolved without a change here.
 */
import type { Queryable } from '../../../platform/db.js';
import type { ModuleRegister } from '../read-register.js';
import type { TableSelection } from './breach-scope.js';

export type UnresolvedActivity = { action: string; entries: number; records: number };

export type StaffActivity = {
  /** The audit entries of the account in the window. */
  entries: number;
  selections: TableSelection[];
  /** Records the audit log names (distinct record type and id), including those no longer in the database. */
  referenced: number;
  /** Of those, the ones no longer in their table. */
  gone: number;
  unresolved: UnresolvedActivity[];
};

type Entry = { action: string; record_type: string | null; record_id: string | null; detail: Record<string, unknown> | null };

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COUNT_KEYS = ['count', 'rows', 'results', 'cards'] as const;

/** Row references an entry's detail lists: [record type, ids]. */
function detailIds(e: Entry): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [k, v] of Object.entries(e.detail ?? {})) {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) continue;
    if (k === 'ids') out.push([e.record_type ?? e.action.split('.')[0]!, v]);
    else if (k.endsWith('Ids') && k.length > 3) out.push([snake(k.slice(0, -3)), v]);
  }
  return out;
}

const countOf = (e: Entry): number => {
  for (const k of COUNT_KEYS) {
    const v = e.detail?.[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return 0;
};

/** The account's id, by login (audit entries carry both; a renamed login still matches by id). */
async function staffIdOf(db: Queryable, login: string): Promise<string | null> {
  const r = await db.query<{ id: string }>('SELECT id::text AS id FROM staff WHERE login_id = $1', [login]);
  return r.rows[0]?.id ?? null;
}

export class UnknownStaffError extends Error {}

export async function readStaffActivity(
  db: Queryable,
  registers: readonly ModuleRegister[],
  presentTables: ReadonlySet<string>,
  login: string,
  window: { start: Date; end: Date },
): Promise<StaffActivity> {
  const id = await staffIdOf(db, login);
  if (!id) {
    const seen = await db.query("SELECT 1 FROM audit_log WHERE actor_type = 'staff' AND actor_label = $1 LIMIT 1", [login]);
    if (!seen.rowCount) throw new UnknownStaffError(`No staff account "${login}" exists, nor any audit entry of one.`);
  }
  const r = await db.query<Entry>(
    `SELECT action, record_type, record_id, detail FROM audit_log
      WHERE actor_type = 'staff' AND (actor_id = $1 OR actor_label = $2) AND occurred_at >= $3 AND occurred_at < $4
      ORDER BY seq`,
    [id, login, window.start, window.end],
  );
  const tables = registers.flatMap((m) =>
    m.register.tables.filter((t) => t.auditRecordType && presentTables.has(t.table)).map((table) => ({ module: m, table })),
  );
  const keys = new Map<string, Set<string>>();
  const byType = new Map<string, Set<string>>();
  const unresolved = new Map<string, UnresolvedActivity>();
  for (const e of r.rows) {
    const refs = detailIds(e);
    // The account's own record (its log-in, its password change) is not data it was shown about someone.
    if (e.record_type && e.record_id && e.record_id !== id) refs.push([e.record_type, [e.record_id]]);
    let resolved = false;
    for (const [type, ids] of refs)
      for (const t of tables.filter((x) => x.table.auditRecordType === type)) {
        if (!keys.has(t.table.table)) keys.set(t.table.table, new Set());
        if (!byType.has(type)) byType.set(type, new Set());
        for (const k of ids) {
          keys.get(t.table.table)!.add(k);
          byType.get(type)!.add(k);
        }
        resolved = true;
      }
    const n = countOf(e);
    if (!resolved && n > 0) {
      const u = unresolved.get(e.action) ?? { action: e.action, entries: 0, records: 0 };
      u.entries += 1;
      u.records += n;
      unresolved.set(e.action, u);
    }
  }
  const selections: TableSelection[] = tables
    .filter((t) => keys.has(t.table.table))
    .map((t) => ({
      module: t.module,
      table: t.table,
      where: `(t."${t.table.auditRecordKey ?? 'id'}")::text = ANY($1::text[])`,
      params: [[...keys.get(t.table.table)!]],
    }));
  // Gone: ids of a record type not found in its table keyed by them (the one without auditRecordKey).
  let gone = 0;
  for (const [type, ids] of byType) {
    const own = tables.find((t) => t.table.auditRecordType === type && !t.table.auditRecordKey);
    if (!own) continue;
    const f = await db.query<{ n: number }>(`SELECT count(*) AS n FROM "${own.table.table}" t WHERE (t.id)::text = ANY($1::text[])`, [
      [...ids],
    ]);
    gone += ids.size - Number(f.rows[0]?.n ?? 0);
  }
  return {
    entries: r.rows.length,
    selections,
    referenced: [...byType.values()].reduce((a, s) => a + s.size, 0),
    gone,
    unresolved: [...unresolved.values()].sort((a, b) => a.action.localeCompare(b.action)),
  };
}
