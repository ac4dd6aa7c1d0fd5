import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appendEntries } from '../src/modules/audit/audit-test-support.js';
import { type DbSnapshot, snapshotDb } from './db-snapshot.js';
import { dbKind, startTestApp, type TestApp } from './helpers.js';

describe(`test database snapshots (${dbKind})`, () => {
  let app: TestApp;
  let fresh: DbSnapshot;
  const count = async (table: string) => Number((await app.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  before(async () => {
    app = await startTestApp();
    await app.ctx.db.query('CREATE TABLE snap_probe (id serial PRIMARY KEY, v text, twice text GENERATED ALWAYS AS (v || v) STORED)');
    await app.ctx.db.query(`INSERT INTO snap_probe (v) VALUES ('a'), ('b')`);
    fresh = await snapshotDb(app.ctx.db);
  });
  after(() => app.close());

  it('puts back rows changed, deleted and added, and the sequences, including append-only audit rows', async () => {
    await app.ctx.db.query(`UPDATE snap_probe SET v = 'changed' WHERE v = 'a'`);
    await app.ctx.db.query(`DELETE FROM snap_probe WHERE v = 'b'`);
    await app.ctx.db.query(`INSERT INTO snap_probe (v) VALUES ('c'), ('d')`);
    const auditBefore = await count('audit_log');
    await appendEntries(app.ctx, 2);
    assert.equal(await count('audit_log'), auditBefore + 2);
    await fresh.restore();
    assert.deepEqual((await app.ctx.db.query('SELECT id, v, twice FROM snap_probe ORDER BY id')).rows, [
      { id: 1, v: 'a', twice: 'aa' },
      { id: 2, v: 'b', twice: 'bb' },
    ]);
    assert.equal(await count('audit_log'), auditBefore);
    // The sequence is back too: the next row gets id 3 again.
    assert.equal((await app.ctx.db.query<{ id: number }>(`INSERT INTO snap_probe (v) VALUES ('e') RETURNING id`)).rows[0]?.id, 3);
    await fresh.restore();
  });

  it('refuses, loudly, what it cannot put back: a trigger left disabled, a table created since', async () => {
    await app.ctx.db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await assert.rejects(fresh.restore(), /not restored: trigger enabled states/);
    await app.ctx.db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    await fresh.restore();
    await app.ctx.db.query('CREATE TABLE snap_probe_2 (id int)');
    await assert.rejects(fresh.restore(), /tables created since the snapshot: public\.snap_probe_2/);
    await app.ctx.db.query('DROP TABLE snap_probe_2');
    await fresh.restore();
  });
});
