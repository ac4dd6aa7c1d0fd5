import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createServerDatabase, dbKind, serverUrl } from '../../test/helpers.js';
import { openDb, type Db } from './db.js';

async function freshDb(): Promise<{ db: Db; drop(): Promise<void> }> {
  if (!serverUrl) {
    const db = await openDb({ memory: true });
    return { db, drop: () => db.close() };
  }
  const s = await createServerDatabase(serverUrl);
  const db = await openDb({ url: s.url, poolSize: 2 });
  return {
    db,
    async drop() {
      await db.close();
      await s.drop();
    },
  };
}

describe(`database wrapper rowCount (${dbKind})`, () => {
  let db: Db;
  let drop: () => Promise<void>;
  after(() => drop?.());

  it('counts the rows a SELECT returns, as node-postgres does', async () => {
    ({ db, drop } = await freshDb());
    await db.exec('CREATE TABLE t (a int PRIMARY KEY)');
    await db.query('INSERT INTO t VALUES (1), (2), (3)');
    assert.equal((await db.query('SELECT a FROM t')).rowCount, 3);
    assert.equal((await db.query('SELECT 1 FROM t LIMIT 1')).rowCount, 1);
    assert.equal((await db.query('SELECT a FROM t WHERE a > 10')).rowCount, 0);
  });

  it('counts rows changed by INSERT, UPDATE and DELETE, with or without RETURNING', async () => {
    assert.equal((await db.query('INSERT INTO t VALUES (4), (5)')).rowCount, 2);
    assert.equal((await db.query('INSERT INTO t VALUES (4) ON CONFLICT DO NOTHING')).rowCount, 0);
    assert.equal((await db.query('UPDATE t SET a = a + 100 WHERE a > 3')).rowCount, 2);
    assert.equal((await db.query('UPDATE t SET a = a - 100 WHERE a > 100 RETURNING a')).rowCount, 2);
    assert.equal((await db.query('DELETE FROM t WHERE a = 99')).rowCount, 0);
  });

  it('counts the rows of a data-modifying WITH … SELECT', async () => {
    const r = await db.query('WITH u AS (UPDATE t SET a = a + 10 WHERE a >= 4 RETURNING a) SELECT a FROM u');
    assert.equal(r.rowCount, 2);
  });

  it('reports the same counts inside a transaction', async () => {
    await db.transaction(async (tx) => {
      assert.equal((await tx.query('SELECT a FROM t')).rowCount, 5);
      assert.equal((await tx.query('DELETE FROM t WHERE a >= 14')).rowCount, 2);
      assert.equal((await tx.query('SELECT a FROM t')).rowCount, 3);
    });
  });
});
