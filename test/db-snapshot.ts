/**
 * Rewinding a test database to an earlier state, for files whose tests each need the same fresh data: one app per
 * file instead of one per test. Starting an app on PGlite loads the migrated template (about 2.5 s of CPU each);
 * a rewind deletes and copies back only the tables that changed (milliseconds).
 *
 * A rewind is as good as a new database for what the database holds, and checked: after it, every table's
 * contents, every sequence and every trigger's enabled state are compared with the snapshot, and a difference
 * throws (so a test that changes what this cannot restore fails loudly instead of leaking into the next test).
 * It does not reset the app's memory (caches, clock, secrets): use it where the tests change only data.
 */
import type { Db, Queryable } from '../src/platform/db.js';

const SCHEMA = 'test_snapshot';

type State = { tables: Map<string, string>; sequences: Map<string, string>; triggers: string };

/** Every user table's fingerprint (row count and a hash of its rows), sequence state and trigger state. */
async function readState(db: Queryable): Promise<State> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND n.nspname NOT IN ('pg_catalog', 'information_schema', $1)
          AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1`,
      [SCHEMA],
    )
  ).rows.map((r) => r.name);
  const fingerprints = new Map<string, string>();
  // One statement for all tables: md5 of the rows' text forms in a fixed order.
  const parts = tables.map(
    (t, i) => `SELECT ${i} AS i, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS f FROM ${t} x`,
  );
  for (let i = 0; i < parts.length; i += 100) {
    const rows = (await db.query<{ i: number; f: string }>(parts.slice(i, i + 100).join(' UNION ALL '))).rows;
    for (const r of rows) fingerprints.set(tables[r.i] as string, r.f);
  }
  const sequences = new Map<string, string>();
  const seqs = (
    await db.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name FROM pg_sequences WHERE schemaname <> $1 ORDER BY 1`,
      [SCHEMA],
    )
  ).rows;
  for (const { name } of seqs) {
    const r = (await db.query<{ v: string }>(`SELECT last_value || ',' || is_called AS v FROM ${name}`)).rows[0];
    sequences.set(name, r?.v ?? '');
  }
  const triggers = (
    await db.query<{ t: string }>(
      `SELECT coalesce(string_agg(x, ',' ORDER BY x), '') AS t
         FROM (SELECT tgrelid::regclass::text || '.' || tgname::text || '=' || tgenabled::text AS x FROM pg_trigger WHERE NOT tgisinternal) t`,
    )
  ).rows[0]?.t as string;
  return { tables: fingerprints, sequences, triggers };
}

function differences(a: State, b: State): string[] {
  const out: string[] = [];
  for (const [t, f] of a.tables) if (b.tables.get(t) !== f) out.push(`table ${t}`);
  for (const t of b.tables.keys()) if (!a.tables.has(t)) out.push(`new table ${t}`);
  for (const [s, v] of a.sequences) if (b.sequences.get(s) !== v) out.push(`sequence ${s}`);
  if (a.triggers !== b.triggers) out.push('trigger enabled states');
  return out;
}

export type DbSnapshot = {
  /** Puts the database back as it was when the snapshot was taken; throws if it cannot. */
  restore(): Promise<void>;
};

/** Copies every user table into a schema of its own and returns a rewind to this state. */
export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const saved = await readState(db);
  const copies = new Map<string, string>(); // table -> its copy
  await db.transaction(async (tx) => {
    await tx.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await tx.query(`CREATE SCHEMA ${SCHEMA}`);
    let n = 0;
    for (const t of saved.tables.keys()) {
      const copy = `${SCHEMA}.t${n++}`;
      await tx.query(`CREATE TABLE ${copy} AS SELECT * FROM ${t}`);
      copies.set(t, copy);
    }
  });
  // Columns a plain INSERT may write (not generated); identity columns are written with OVERRIDING SYSTEM VALUE.
  const columns = async (tx: Queryable, table: string) =>
    (
      await tx.query<{ c: string }>(
        `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS c FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
        [table],
      )
    ).rows[0]?.c as string;

  return {
    async restore() {
      const now = await readState(db);
      const changed = [...saved.tables.keys()].filter((t) => now.tables.get(t) !== saved.tables.get(t));
      const added = [...now.tables.keys()].filter((t) => !saved.tables.has(t));
      if (added.length > 0) throw new Error(`db snapshot: tables created since the snapshot: ${added.join(', ')}`);
      await db.transaction(async (tx) => {
        // As a superuser restoring a dump would: no triggers (append-only guards, audit), no foreign-key checks.
        await tx.query('SET LOCAL session_replication_role = replica');
        for (const t of changed) await tx.query(`DELETE FROM ${t}`);
        for (const t of changed) {
          const cols = await columns(tx, t);
          await tx.query(`INSERT INTO ${t} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${copies.get(t)}`);
        }
        for (const [s, v] of saved.sequences) {
          if (now.sequences.get(s) === v) continue;
          const [value, called] = v.split(',');
          await tx.query('SELECT setval($1::regclass, $2::bigint, $3::boolean)', [s, value, called === 'true']);
        }
      });
      const after = await readState(db);
      const left = differences(saved, after);
      if (left.length > 0) throw new Error(`db snapshot: not restored: ${left.join(', ')}`);
    },
  };
}
