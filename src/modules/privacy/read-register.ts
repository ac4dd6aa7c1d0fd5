/**
 * The register as it stands now: every module's declared items plus the fields staff defined on screens,
 * and every scope (service, procedure, whole module) the database holds. The inventory, the offline
 * bundle, the breach-impact report and the transparency pages all start here.
 */
import type { Queryable } from '../../platform/db.js';
import type { PersonalDataRegister, PersonalItem, PersonalTable, Scope } from '../../platform/personal-data.js';

export type ModuleRegister = {
  module: string;
  register: PersonalDataRegister;
  scopes: Scope[];
  /** Declared items first, then the defined ones. */
  items: PersonalItem[];
};

/** Tables of the live schema (a process may run against a database without some modules' tables: the internal zone). */
async function existingTables(db: Queryable): Promise<Set<string>> {
  const r = await db.query<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  return new Set(r.rows.map((x) => x.t));
}

/** Reads the register; modules whose tables are not in this database are left out. */
export async function readRegister(db: Queryable, registers: readonly PersonalDataRegister[]): Promise<ModuleRegister[]> {
  const tables = await existingTables(db);
  const out: ModuleRegister[] = [];
  for (const register of registers) {
    const present = register.tables.filter((t) => tables.has(t.table));
    if (register.tables.length && !present.length) continue;
    // one after the other: `db` may be a transaction's single client, which runs one query at a time
    const scopes = await register.scopes(db);
    const defined = (await register.definedItems?.(db)) ?? [];
    out.push({ module: register.module, register, scopes, items: [...register.items, ...defined] });
  }
  return out;
}

/**
 * The scope ids (or id prefixes such as `service:`) a table's rows can belong to, read from the string
 * literals of its scope expression: `'service:' || t.service_id` gives `service:`, a constant
 * `'module:reservations-my-page'` that id. None found: any scope of the module.
 */
export function scopeIdsOfTable(table: PersonalTable): string[] {
  return [...table.scope.matchAll(/'([a-z][a-z0-9_-]*:[^']*)'/g)].map((x) => x[1] as string);
}

/**
 * The items a scope holds: those naming it, and the items that name no scope whose primary table's
 * rows can belong to it (so a My Page scope does not list a booking's answers).
 */
export function itemsOfScope(m: ModuleRegister, scopeId: string): PersonalItem[] {
  return m.items.filter((i) => {
    if (i.scopes) return i.scopes.includes(scopeId);
    const table = i.storedAt[0] && tableOf(m, i.storedAt[0].table);
    const ids = table ? scopeIdsOfTable(table) : [];
    return !ids.length || ids.some((p) => (p.endsWith(':') ? scopeId.startsWith(p) : scopeId === p));
  });
}

/** The declaration of a table, by name. */
export function tableOf(m: ModuleRegister, table: string): PersonalTable | undefined {
  return m.register.tables.find((t) => t.table === table);
}
