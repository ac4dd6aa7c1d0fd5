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

async function* lines(n: number, from = 0) {
  for (let i = from; i < from + n; i++) yield `${i}\tname ${i}\n`;
}

describe(`bulk transactions (${dbKind})`, () => {
  let db: Db;
  let drop: () => Promise<void>;
  after(() => drop?.());

  it('streams COPY on PostgreSQL on the pooled transaction, committed with the other writes; none on PGlite', async () => {
    ({ db, drop } = await freshDb());
    await db.exec('CREATE TABLE bulk_t (id int PRIMARY KEY, name text NOT NULL); CREATE TABLE bulk_log (rows int)');
    await db.bulkTransaction(async (tx, copyFrom) => {
      if (db.kind === 'postgres') {
        assert.ok(copyFrom, 'PostgreSQL offers COPY');
        await copyFrom('COPY bulk_t (id, name) FROM STDIN', lines(2500));
      } else {
        assert.equal(copyFrom, undefined, 'PGlite has no client COPY stream');
        await tx.query("INSERT INTO bulk_t SELECT i, 'name ' || i FROM generate_series(0, 2499) AS i");
      }
      await tx.query('INSERT INTO bulk_log VALUES ((SELECT count(*) FROM bulk_t))');
    });
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_t')).rows[0]!.n, 2500);
    assert.equal((await db.query<{ rows: number }>('SELECT rows FROM bulk_log')).rows[0]!.rows, 2500);
  });

  it('rolls the copied rows back with everything else when the work fails', async () => {
    await assert.rejects(
      db.bulkTransaction(async (tx, copyFrom) => {
        await tx.query('INSERT INTO bulk_log VALUES (-1)');
        if (copyFrom) await copyFrom('COPY bulk_t (id, name) FROM STDIN', lines(100, 10_000));
        else await tx.query("INSERT INTO bulk_t SELECT i, 'x' FROM generate_series(10000, 10099) AS i");
        throw new Error('stop');
      }),
      /stop/,
    );
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_t')).rows[0]!.n, 2500);
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_log')).rows[0]!.n, 1);
  });

  if (serverUrl)
    it('a failing COPY (duplicate key) rejects and leaves nothing behind', async () => {
      await assert.rejects(db.bulkTransaction((_tx, copyFrom) => copyFrom!('COPY bulk_t (id, name) FROM STDIN', lines(10, 2495))));
      assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_t')).rows[0]!.n, 2500);
    });
});
