/**
 * The scope of a breach-impact report as typed (`service:ID`, `staff:LOGIN`, `table:NAME.COLUMN`, …), parsed
 * and checked against the register: an unknown scope is refused naming what exists. Comma-separated
 * lists are allowed; an entry without a kind takes the previous one's (`service:A,B`, `table:a.x,b`).
 */
import type { PersonalTable, Scope } from '../../../platform/personal-data.js';
import { type ModuleRegister, tableOf } from '../read-register.js';

export const SCOPE_KINDS = ['module', 'procedure', 'service', 'facility', 'staff', 'table', 'zone'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type ParsedScope = { kind: ScopeKind; values: string[] };

/** A scope nobody can report on: the message names what exists instead. */
export class UnknownScopeError extends Error {}

const isKind = (k: string): k is ScopeKind => (SCOPE_KINDS as readonly string[]).includes(k);

/** Parses the typed scope; several kinds in one list are refused (one report answers one question). */
export function parseScope(text: string): ParsedScope {
  let kind: ScopeKind | undefined;
  const values: string[] = [];
  for (const raw of text.split(',').map((s) => s.trim())) {
    if (!raw) continue;
    const m = /^([a-z]+):(.*)$/.exec(raw);
    if (m && isKind(m[1]!)) {
      if (kind && kind !== m[1]) throw new UnknownScopeError(`One kind of scope per report: "${kind}:" and "${m[1]}:" were both given.`);
      kind = m[1] as ScopeKind;
      values.push(m[2]!.trim());
    } else if (m && !kind) {
      throw new UnknownScopeError(`Unknown kind of scope "${m[1]}:"; one of: ${SCOPE_KINDS.map((k) => `${k}:`).join(', ')}.`);
    } else if (kind) values.push(raw);
    else throw new UnknownScopeError(`A scope is KIND:VALUE, KIND one of: ${SCOPE_KINDS.map((k) => `${k}:`).join(', ')}.`);
  }
  if (!kind || values.some((v) => !v)) throw new UnknownScopeError('No scope was given (e.g. service:ID, procedure:ID, staff:LOGIN).');
  if (kind === 'staff' && values.length !== 1) throw new UnknownScopeError('A report covers one staff account at a time.');
  if (kind === 'zone' && values.some((v) => v !== 'internal' && v !== 'internet'))
    throw new UnknownScopeError('zone: is zone:internal or zone:internet.');
  return { kind, values: [...new Set(values)] };
}

/** One table's part of a report: which of its rows (an SQL condition over `t`) and which columns. */
export type TableSelection = {
  module: ModuleRegister;
  table: PersonalTable;
  /** SQL condition over the row `t`, with its parameters numbered from $1. */
  where: string;
  params: unknown[];
  /** Only items stored at these columns (a `table:NAME.COLUMN` scope); absent: every item. */
  columns?: ReadonlySet<string>;
};

export type ResolvedScope = {
  parsed: ParsedScope;
  /** The register's scopes the report covers (empty for table and staff scopes, which cut across them). */
  scopes: { module: string; scope: Scope }[];
  /** Absent for a staff scope: its rows come from the audit log. */
  selections?: TableSelection[];
};

const list = (xs: readonly string[], max = 30) =>
  xs.length > max ? `${xs.slice(0, max).join(', ')}, … (${xs.length} in all)` : xs.join(', ');

const scopeCondition = (m: ModuleRegister, ids: readonly string[]): TableSelection[] =>
  m.register.tables.map((table) => ({ module: m, table, where: `(${table.scope})::text = ANY($1::text[])`, params: [[...ids]] }));

/**
 * The register's scopes and tables a parsed scope covers, in the database as it is (tables this database
 * lacks, the other zone's, are not there). A staff scope is resolved from the audit log by the caller.
 */
export function resolveScope(parsed: ParsedScope, registers: readonly ModuleRegister[], presentTables: ReadonlySet<string>): ResolvedScope {
  const present = (sels: TableSelection[]) => sels.filter((s) => presentTables.has(s.table.table));
  const all = registers.flatMap((m) => m.scopes.map((scope) => ({ module: m.module, scope })));
  switch (parsed.kind) {
    case 'staff':
      return { parsed, scopes: [] };
    case 'module': {
      const unknown = parsed.values.filter((v) => !registers.some((m) => m.module === v));
      if (unknown.length)
        throw new UnknownScopeError(
          `No module "${unknown.join(', ')}" holds personal data here; modules: ${registers.map((m) => m.module).join(', ')}.`,
        );
      const ms = registers.filter((m) => parsed.values.includes(m.module));
      return {
        parsed,
        scopes: all.filter((s) => parsed.values.includes(s.module)),
        selections: present(ms.flatMap((m) => m.register.tables.map((table) => ({ module: m, table, where: 'true', params: [] })))),
      };
    }
    case 'zone': {
      const scopes = all.filter((s) => parsed.values.includes(s.scope.zone));
      const byModule = registers.map((m) => ({ m, ids: scopes.filter((s) => s.module === m.module).map((s) => s.scope.id) }));
      return { parsed, scopes, selections: present(byModule.filter((x) => x.ids.length).flatMap((x) => scopeCondition(x.m, x.ids))) };
    }
    case 'table': {
      const out: TableSelection[] = [];
      for (const v of parsed.values) {
        const [name, column] = v.split('.', 2) as [string, string | undefined];
        const m = registers.find((r) => tableOf(r, name) && presentTables.has(name));
        if (!m) {
          const known = registers.flatMap((r) => r.register.tables.map((t) => t.table).filter((t) => presentTables.has(t))).sort();
          throw new UnknownScopeError(`No declared table "${name}" in this database; tables: ${list(known, 100)}.`);
        }
        const table = tableOf(m, name)!;
        const cols = new Set(m.items.flatMap((i) => i.storedAt.filter((s) => s.table === name).map((s) => s.column)));
        if (column !== undefined && !cols.has(column))
          throw new UnknownScopeError(
            `Column "${name}.${column}" holds no declared personal data item; its items are in: ${[...cols].sort().join(', ') || '(none)'}.`,
          );
        const same = out.find((s) => s.table.table === name);
        if (same && same.columns && column) (same.columns as Set<string>).add(column);
        else if (same) delete same.columns;
        else out.push({ module: m, table, where: 'true', params: [], ...(column ? { columns: new Set([column]) } : {}) });
      }
      // A column set: the rows holding a value in one of its columns.
      for (const s of out) if (s.columns) s.where = [...s.columns].map((c) => `t."${c.replaceAll('"', '""')}" IS NOT NULL`).join(' OR ');
      return { parsed, scopes: [], selections: out };
    }
    default: {
      const ids = parsed.values.map((v) => `${parsed.kind}:${v}`);
      const found = ids.map((id) => all.find((s) => s.scope.id === id));
      const missing = ids.filter((_, i) => !found[i]);
      if (missing.length) {
        const same = all.filter((s) => s.scope.id.startsWith(`${parsed.kind}:`)).map((s) => `${s.scope.id} (${s.scope.label.ja})`);
        throw new UnknownScopeError(
          `Unknown scope ${missing.join(', ')}; ${same.length ? `existing ${parsed.kind} scopes: ${list(same)}` : `no ${parsed.kind} scope exists here`}.`,
        );
      }
      const scopes = found as { module: string; scope: Scope }[];
      const ms = registers.filter((m) => scopes.some((s) => s.module === m.module));
      return {
        parsed,
        scopes,
        selections: present(
          ms.flatMap((m) =>
            scopeCondition(
              m,
              scopes.filter((s) => s.module === m.module).map((s) => s.scope.id),
            ),
          ),
        ),
      };
    }
  }
}
