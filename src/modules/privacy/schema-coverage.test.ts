/**
 * The register guards the schema: every column of every table in the migrated, demo-seeded database is
 * either where a declared personal data item is stored or listed as holding nothing personal, so a new
 * column cannot hold personal data nobody declared. Declarations must also be true of the schema: no
 * declared table or column that does not exist, no item stored in a table without its declaration, no
 * table declared twice, and every item key unique. The SQL fragments each table declares (scope, person,
 * created-at, holds-data) are run, so a typo fails here and not in front of the privacy officer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { DATA_CATEGORIES, DATA_SUBJECTS, RECIPIENTS, type PersonalDataRegister } from '../../platform/personal-data.js';
import { personalDataRegisters } from '../index.js';
import { readRegister } from './read-register.js';

describe('privacy register: schema coverage', () => {
  let app: TestApp;
  let registers: readonly PersonalDataRegister[];
  let columns: Map<string, Set<string>>;

  before(async () => {
    app = await startTestApp({ demo: true });
    registers = personalDataRegisters();
    const r = await app.ctx.db.query<{ t: string; c: string }>(
      `SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
    );
    columns = new Map();
    for (const { t, c } of r.rows) {
      if (!columns.has(t)) columns.set(t, new Set());
      columns.get(t)!.add(c);
    }
  });
  after(() => app?.close());

  it('every column is a declared item or declared non-personal', async () => {
    const covered = new Set<string>();
    const wholeTables = new Set<string>();
    const declared = await readRegister(app.ctx.db, registers);
    for (const reg of registers) {
      for (const t of reg.nonPersonalTables) wholeTables.add(t.table);
      for (const t of reg.tables) for (const c of t.nonPersonal) covered.add(`${t.table}.${c}`);
    }
    for (const m of declared) for (const i of m.items) for (const s of i.storedAt) covered.add(`${s.table}.${s.column}`);
    const missing: string[] = [];
    for (const [t, cols] of columns) {
      if (t === 'schema_migrations' || wholeTables.has(t)) continue;
      for (const c of cols) if (!covered.has(`${t}.${c}`)) missing.push(`${t}.${c}`);
    }
    assert.deepEqual(
      missing.sort(),
      [],
      'columns neither declared as personal data nor as non-personal: add them to the owning module’s personal-data.ts',
    );
  });

  it('declarations name tables and columns that exist, once each', async () => {
    const problems: string[] = [];
    const seenTables = new Map<string, string>();
    const declare = (table: string, module: string) => {
      if (seenTables.has(table)) problems.push(`${table} declared by ${seenTables.get(table)} and ${module}`);
      seenTables.set(table, module);
      if (!columns.has(table)) problems.push(`${module}: table ${table} does not exist`);
    };
    for (const reg of registers) {
      for (const t of reg.nonPersonalTables) declare(t.table, reg.module);
      for (const t of reg.tables) {
        declare(t.table, reg.module);
        for (const c of t.nonPersonal)
          if (!columns.get(t.table)?.has(c)) problems.push(`${reg.module}: ${t.table}.${c} (non-personal) does not exist`);
      }
    }
    const keys = new Set<string>();
    for (const m of await readRegister(app.ctx.db, registers)) {
      const own = new Set(m.register.tables.map((t) => t.table));
      for (const i of m.items) {
        if (keys.has(i.key)) problems.push(`item key ${i.key} is declared twice`);
        keys.add(i.key);
        if (!DATA_CATEGORIES.includes(i.category)) problems.push(`${i.key}: unknown category ${i.category}`);
        if (!DATA_SUBJECTS.includes(i.subject)) problems.push(`${i.key}: unknown subject ${i.subject}`);
        for (const r of i.recipients) if (!RECIPIENTS.includes(r.to)) problems.push(`${i.key}: unknown recipient ${r.to}`);
        if (!i.storedAt.length) problems.push(`${i.key}: stored nowhere`);
        for (const s of i.storedAt) {
          if (!columns.get(s.table)?.has(s.column)) problems.push(`${i.key}: ${s.table}.${s.column} does not exist`);
          if (!own.has(s.table)) problems.push(`${i.key}: ${s.table} is not among ${m.module}'s declared tables`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it("every table's SQL fragments run, and every module has scopes", async () => {
    for (const m of await readRegister(app.ctx.db, registers)) {
      assert.ok(m.scopes.length > 0 || m.register.tables.length === 0, `${m.module} has no scope`);
      for (const t of m.register.tables) {
        const exprs = [
          `${t.scope} AS scope`,
          `${t.person ?? 'NULL'} AS person`,
          `${t.createdAt ?? 'NULL'} AS created`,
          `${t.holdsData ?? 'true'} AS holds`,
        ];
        await assert.doesNotReject(
          app.ctx.db.query(`SELECT ${exprs.join(', ')} FROM ${t.table} t LIMIT 1`),
          `${m.module}: a SQL fragment of ${t.table} fails`,
        );
      }
    }
  });
});
