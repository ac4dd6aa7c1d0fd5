/**
 * The per-test databases cloned from one migrated template: fully migrated, and independent of
 * each other (a clone is a copy, not a shared database).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readMigrations } from '../src/platform/migrate.js';
import { dbKind, startTestApp, type TestApp } from './helpers.js';

describe(`test databases from the migrated template (${dbKind})`, () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    a = await startTestApp();
    b = await startTestApp();
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('have every migration applied, with the checksums of the files', async () => {
    const applied = await a.ctx.db.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      applied.rows.map((r) => [r.name, r.checksum]),
      readMigrations().map((m) => [m.name, m.checksum]),
    );
  });

  it('are separate databases: a row written in one is not in the other', async () => {
    await a.ctx.db.query(`INSERT INTO departments (code, name) VALUES ('tpl_probe', 'テンプレート確認課')`);
    assert.equal((await a.ctx.db.query(`SELECT 1 FROM departments WHERE code = 'tpl_probe'`)).rowCount, 1);
    assert.equal((await b.ctx.db.query(`SELECT 1 FROM departments WHERE code = 'tpl_probe'`)).rowCount, 0);
  });
});
