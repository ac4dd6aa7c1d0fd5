import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createServerDatabase, serverUrl } from '../../test/helpers.js';
import { openDb, type Db } from './db.js';
import { migrate, readMigrations } from './migrate.js';

async function freshDb(): Promise<{ db: Db; drop(): Promise<void> }> {
  if (!serverUrl) {
    const db = await openDb({ memory: true });
    return { db, drop: async () => undefined };
  }
  const s = await createServerDatabase(serverUrl);
  const db = await openDb({ url: s.url, poolSize: 4 });
  return {
    db,
    async drop() {
      await db.close();
      await s.drop();
    },
  };
}

describe('migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups) await c();
  });

  it('apply every file in order on an empty database, then nothing on a second run', async () => {
    const { db, drop } = await freshDb();
    cleanups.push(drop);
    const first = await migrate(db);
    assert.deepEqual(
      first,
      readMigrations().map((m) => m.name),
    );
    assert.deepEqual(await migrate(db), []);
  });

  it('refuse a migration file that was changed after it was applied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id int);');
    const { db, drop } = await freshDb();
    cleanups.push(drop);
    await migrate(db, dir);
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id bigint);');
    await assert.rejects(migrate(db, dir), /was changed after it was applied/);
  });

  it('roll back a failing migration completely', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(path.join(dir, '0001_ok.sql'), 'CREATE TABLE ok (id int);');
    fs.writeFileSync(path.join(dir, '0002_bad.sql'), 'CREATE TABLE half (id int); SELECT * FROM missing_table;');
    const { db, drop } = await freshDb();
    cleanups.push(drop);
    await assert.rejects(migrate(db, dir));
    const tables = await db.query<{ n: string }>("SELECT table_name AS n FROM information_schema.tables WHERE table_name IN ('ok','half')");
    assert.deepEqual(
      tables.rows.map((r) => r.n),
      ['ok'],
    );
    const applied = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    assert.deepEqual(
      applied.rows.map((r) => r.name),
      ['0001_ok'],
    );
  });
});
