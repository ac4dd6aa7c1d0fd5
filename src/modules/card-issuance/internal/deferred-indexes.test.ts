/**
 * Secondary indexes of card_int_cards built after a large import's COPY (migration 0057), on PostgreSQL:
 * same definitions afterwards, rolled back with a failed import, never committed missing, left alone when
 * the table is larger than the file or its lock is taken, and callable by the application role, which owns
 * no table. On PGlite the import writes row by row.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { serverUrl, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { cardIndex } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { deferCardIndexes } from './deferred-indexes.js';
import { importIssuanceList } from './import-issuance-list.js';
import { syntheticIssuanceCsv } from './synthetic-list.js';
import { openCardOffice } from '../testing.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };

describe('card import: secondary indexes built after the COPY', () => {
  let app: TestApp;
  let settings: CardSettings;
  let indexesBefore: { indexname: string; indexdef: string }[];
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const run = (text: string, fileName: string) =>
    importIssuanceList(app.ctx, {
      settings,
      fileName,
      open: () => Readable.from([Buffer.from(text, 'utf8')]),
      encoding: 'utf-8',
      actor: sys,
      deferIndexes: true,
    });
  const indexes = async () =>
    (
      await app.ctx.db.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'card_int_cards' ORDER BY indexname",
      )
    ).rows;
  const count = async (prefix: string) =>
    (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_int_cards WHERE control_no LIKE $1', [`${prefix}%`]))
      .rows[0]?.n;

  before(async () => {
    app = await startTestApp({ clock });
    settings = await openCardOffice(app.ctx);
    indexesBefore = await indexes();
  });
  after(() => app.close());

  it('has ten indexes on card_int_cards to keep (primary key, unique control number, eight secondary)', () => {
    assert.equal(indexesBefore.length, 10);
  });

  it('writes row by row on PGlite, where the deferral does not apply', { skip: Boolean(serverUrl) }, async () => {
    const r = await run(syntheticIssuanceCsv({ rows: 40, seed: 1, idPrefix: 'PGL' }), 'pgl.csv');
    assert.equal(r.ok && r.timings.indexesDeferred, false);
    assert.equal(await count('PGL'), 40);
    assert.deepEqual(await indexes(), indexesBefore);
  });

  describe('on PostgreSQL', { skip: !serverUrl && 'needs DATABASE_URL (PostgreSQL)' }, () => {
    it('imports row by row when a reader holds the table, after waiting for its lock briefly', async () => {
      const reader = new pg.Client({ connectionString: app.databaseUrl });
      await reader.connect();
      try {
        await reader.query('BEGIN');
        await reader.query('SELECT count(*) FROM card_int_cards');
        const r = await run(syntheticIssuanceCsv({ rows: 50, seed: 2, idPrefix: 'LCK' }), 'lock.csv');
        assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors.slice(0, 3)));
        assert.equal(r.ok && r.timings.indexesDeferred, false);
      } finally {
        await reader.query('ROLLBACK');
        await reader.end();
      }
      assert.equal(await count('LCK'), 50);
      assert.deepEqual(await indexes(), indexesBefore);
    });

    it('builds the indexes after the COPY when the table is small next to the file, with the same definitions, and searches find the rows', async () => {
      const text = syntheticIssuanceCsv({ rows: 3000, seed: 3, idPrefix: 'DFA' });
      const r = await run(text, 'a.csv');
      assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors.slice(0, 3)));
      if (!r.ok) return;
      assert.equal(r.timings.indexesDeferred, true);
      assert.equal(r.rows, 3000);
      assert.equal(await count('DFA'), 3000);
      assert.deepEqual(await indexes(), indexesBefore);
      assert.equal((await app.ctx.db.query('SELECT 1 FROM card_int_deferred_indexes')).rows.length, 0, 'no marker left');
      const fks = await app.ctx.db.query<{ conname: string }>(
        "SELECT conname FROM pg_constraint WHERE conrelid = 'card_int_cards'::regclass AND contype = 'f' ORDER BY conname",
      );
      assert.deepEqual(
        fks.rows.map((x) => x.conname),
        ['card_int_cards_department_id_fkey', 'card_int_cards_import_id_fkey'],
      );
      // Line 2's kana (5th field) through its blind index, as the search screen does.
      const kana = text.split('\r\n')[1]?.split(',')[4] as string;
      const found = await app.ctx.db.query<{ control_no: string }>('SELECT control_no FROM card_int_cards WHERE kana_bidx = $1', [
        cardIndex.kana(app.ctx.crypto, kana),
      ]);
      assert.ok(found.rows.some((x) => x.control_no === text.split('\r\n')[1]?.split(',')[0]));
    });

    it('rolls back the rows and the dropped indexes when a card is already held, and names its line', async () => {
      const held = syntheticIssuanceCsv({ rows: 3000, seed: 3, idPrefix: 'DFA' }).split('\r\n')[5] as string;
      const text = `${syntheticIssuanceCsv({ rows: 5000, seed: 4, idPrefix: 'DFB' }).trimEnd()}\r\n${held}\r\n`;
      const r = await run(text, 'b.csv');
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.reason, 'invalid');
      assert.deepEqual(
        r.errors.map((e) => e.line),
        [5002],
      );
      assert.equal(await count('DFB'), 0);
      assert.deepEqual(await indexes(), indexesBefore);
    });

    it('leaves the indexes live when the table holds more rows than the file', async () => {
      const r = await run(syntheticIssuanceCsv({ rows: 30, seed: 5, idPrefix: 'SML' }), 's.csv');
      assert.equal(r.ok && r.timings.indexesDeferred, false);
      assert.equal(await count('SML'), 30);
    });

    it('drops them only inside the transaction: a rollback brings them back', async () => {
      await assert.rejects(
        app.ctx.db.transaction(async (tx) => {
          assert.equal(await deferCardIndexes(tx, 1 << 30), true);
          const inside = await tx.query("SELECT 1 FROM pg_indexes WHERE tablename = 'card_int_cards'");
          assert.equal(inside.rows.length, 2, 'primary key and unique control number only');
          throw new Error('stop');
        }),
        /stop/,
      );
      assert.deepEqual(await indexes(), indexesBefore);
    });

    it('refuses to commit a transaction that dropped the indexes without rebuilding them', async () => {
      await assert.rejects(
        app.ctx.db.transaction(async (tx) => {
          await tx.query('SELECT card_int_cards_defer_indexes()');
          await tx.query('DELETE FROM card_int_deferred_indexes');
        }),
        /not rebuilt/,
      );
      assert.deepEqual(await indexes(), indexesBefore);
    });

    it('lets the application role, which owns no table, defer and rebuild (and nothing more)', async () => {
      const role = `madoguchi_app_t_${crypto.randomBytes(4).toString('hex')}`;
      const c = new pg.Client({ connectionString: app.databaseUrl });
      await c.connect();
      try {
        await c.query(`CREATE ROLE ${role} NOLOGIN NOSUPERUSER`);
        await c.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
        await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
        await c.query(`SET ROLE ${role}`);
        await c.query('BEGIN');
        await assert.rejects(c.query('DROP INDEX card_int_cards_kana'), (err: { code?: string }) => err.code === '42501');
        await c.query('ROLLBACK');
        await c.query('BEGIN');
        await c.query('SELECT card_int_cards_defer_indexes()');
        await c.query('SELECT card_int_cards_rebuild_indexes()');
        await c.query('COMMIT');
      } finally {
        await c.query('RESET ROLE').catch(() => undefined);
        await c.query(`DROP OWNED BY ${role}`).catch(() => undefined);
        await c.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
        await c.end();
      }
      assert.deepEqual(await indexes(), indexesBefore);
    });
  });
});
