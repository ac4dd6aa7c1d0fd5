/**
 * What a backup's manifest states about its database, read in the dump's own snapshot, and read again from
 * a restored copy to compare: rows per table of schema public, the newest applied migration, the audit
 * chain head.
 */
import type { Queryable } from '../../../platform/db.js';

export type DatabaseFacts = { schemaVersion: number; tables: Record<string, number>; auditHead: { seq: number; hash: string } };

/** Every ordinary and partitioned table of schema public (where the migrations create ours). */
export async function tableNames(q: Queryable): Promise<string[]> {
  const r = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return r.rows.map((x) => x.name);
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function readDatabaseFacts(q: Queryable): Promise<DatabaseFacts> {
  const names = await tableNames(q);
  const tables: Record<string, number> = {};
  // One statement for all tables: one round trip, and on PostgreSQL one snapshot even outside a transaction.
  if (names.length) {
    const r = await q.query<{ t: string; n: number }>(
      names.map((n, i) => `SELECT $${i + 1}::text AS t, count(*)::int8 AS n FROM ${ident(n)}`).join(' UNION ALL '),
      names,
    );
    for (const row of r.rows) tables[row.t] = Number(row.n);
  }
  const version = names.includes('schema_migrations')
    ? Number((await q.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0)
    : 0;
  const head = names.includes('audit_chain_head')
    ? (await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head')).rows[0]
    : undefined;
  return { schemaVersion: version, tables, auditHead: { seq: Number(head?.seq ?? 0), hash: head?.hash ?? '' } };
}

/** Where a restored copy differs from the manifest, one line per difference ("table: expected N, found M"). */
export function compareFacts(expected: DatabaseFacts, found: DatabaseFacts): string[] {
  const problems: string[] = [];
  if (expected.schemaVersion !== found.schemaVersion)
    problems.push(`schema version: expected ${expected.schemaVersion}, found ${found.schemaVersion}`);
  for (const [t, n] of Object.entries(expected.tables)) {
    const m = found.tables[t];
    if (m === undefined) problems.push(`${t}: expected ${n} rows, table missing`);
    else if (m !== n) problems.push(`${t}: expected ${n}, found ${m}`);
  }
  for (const t of Object.keys(found.tables))
    if (!(t in expected.tables)) problems.push(`${t}: not in the manifest, found ${found.tables[t]} rows`);
  if (expected.auditHead.seq !== found.auditHead.seq || expected.auditHead.hash !== found.auditHead.hash)
    problems.push(
      `audit chain head: expected seq ${expected.auditHead.seq} (${expected.auditHead.hash.slice(0, 12)}…), found seq ${found.auditHead.seq} (${found.auditHead.hash.slice(0, 12)}…)`,
    );
  return problems;
}
