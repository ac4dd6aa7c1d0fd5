import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { cardIndex, decryptPersonal } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { packRows, unpackRows } from './card-rows.js';
import { startEncryptPool, workerKeys } from './encrypt-pool.js';
import { importIssuanceList } from './import-issuance-list.js';
import type { IssuanceRow } from './issuance-list-layout.js';
import { CsvFallback, csvParseRecords, fastCsvRecords, type CsvRecord } from '../../../platform/csv/read.js';
import { encodeCsvText, syntheticIssuanceCsv } from './synthetic-list.js';
import { openCardOffice } from '../testing.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const HEADER = '製造管理番号,申請書ID,発送番号,氏名,フリガナ,生年月日,性別,郵便番号,住所';

async function all(batches: AsyncGenerator<CsvRecord[]>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

describe('issuance-list import pipeline (streaming, worker threads, COPY)', () => {
  let app: TestApp;
  let settings: CardSettings;
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const run = (bytes: Buffer, workers: boolean) =>
    importIssuanceList(app.ctx, {
      settings,
      fileName: 'p.csv',
      open: () => Readable.from([bytes]),
      encoding: 'utf-8',
      actor: sys,
      workers,
    });
  const count = async (sql: string) => Number((await app.ctx.db.query<{ n: number }>(sql)).rows[0]?.n);

  before(async () => {
    app = await startTestApp({ clock });
    settings = await openCardOffice(app.ctx, { passwordPolicy: 'random' });
  });
  after(() => app.close());

  for (const workers of [true, false]) {
    it(`writes rows the rest of the system reads: decryptable, searchable, ids in line order (${workers ? 'worker threads' : 'main thread'})`, async () => {
      const prefix = workers ? 'WKR' : 'INL';
      const text = syntheticIssuanceCsv({ rows: 4500, seed: workers ? 5 : 6, idPrefix: prefix });
      const r = await run(Buffer.from(text, 'utf8'), workers);
      assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors.slice(0, 3)));
      if (!r.ok) return;
      assert.equal(r.rows, 4500);
      assert.equal(r.timings.workers > 0, workers);
      const cards = (
        await app.ctx.db.query<{
          id: string;
          line_no: number;
          control_no: string;
          personal_enc: string;
          kana_bidx: string;
          birth_bidx: string;
          address_bidx: string;
          application_bidx: string;
          password_enc: string;
          received_at: Date;
          import_id: string;
        }>(
          'SELECT id, line_no, control_no, personal_enc, kana_bidx, birth_bidx, address_bidx, application_bidx, password_enc, received_at, import_id FROM card_int_cards WHERE control_no LIKE $1 ORDER BY id',
          [`${prefix}%`],
        )
      ).rows;
      assert.equal(cards.length, 4500);
      assert.deepEqual(
        cards.map((c) => c.line_no),
        Array.from({ length: 4500 }, (_, i) => i + 2),
        'ids sort in line order',
      );
      assert.ok(cards.every((c) => c.import_id === r.importId && c.received_at.toISOString() === clock.now().toISOString()));
      const lines = text.trim().split('\r\n');
      for (const c of [cards[0]!, cards[2345]!, cards[4499]!]) {
        const [, applicationId, , name, kana, birth, , postal, address] = (lines[c.line_no - 1] as string).split(',') as string[];
        const p = decryptPersonal(app.ctx.crypto, c.personal_enc);
        assert.deepEqual([p.name, p.kana, p.postalCode, p.address, p.applicationId], [name, kana, postal, address, applicationId]);
        assert.equal(p.birthDate, (birth as string).replace(/^(\d{4})(\d\d)(\d\d)$/, '$1-$2-$3'));
        assert.equal(c.kana_bidx, cardIndex.kana(app.ctx.crypto, kana as string));
        assert.equal(c.birth_bidx, cardIndex.birth(app.ctx.crypto, p.birthDate));
        assert.equal(c.address_bidx, cardIndex.address(app.ctx.crypto, address as string));
        assert.equal(c.application_bidx, cardIndex.application(app.ctx.crypto, applicationId as string));
        assert.match(app.ctx.crypto.decrypt(c.password_enc, 'card_int_cards.password'), /^[A-Z2-9]{10}$/);
      }
      assert.equal(new Set(cards.map((c) => c.personal_enc.split('.')[3])).size, 3, 'one data key per batch of 2,000 rows');
    });
  }

  it('rolls everything back when the last line is bad, after the earlier rows were already being written', async () => {
    const before = await count('SELECT count(*)::int AS n FROM card_int_cards');
    const imports = await count('SELECT count(*)::int AS n FROM card_int_imports');
    const text = `${syntheticIssuanceCsv({ rows: 6000, seed: 7, idPrefix: 'RBK' })}RBK999999,1,S1,テスト 太郎,テスト タロウ,1980-02-30,1,1000001,架空県1\r\n`;
    const r = await run(Buffer.from(text, 'utf8'), true);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.reason, 'invalid');
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.field]),
      [[6002, '生年月日']],
    );
    assert.equal(await count('SELECT count(*)::int AS n FROM card_int_cards'), before);
    assert.equal(await count('SELECT count(*)::int AS n FROM card_int_imports'), imports);
  });

  it('names the line of every card already held, and imports nothing of the file', async () => {
    const first = await run(Buffer.from(syntheticIssuanceCsv({ rows: 50, seed: 8, idPrefix: 'DUP' }), 'utf8'), false);
    assert.equal(first.ok, true);
    const before = await count('SELECT count(*)::int AS n FROM card_int_cards');
    // Lines 2 to 3001 are new; lines 3002 and 3003 repeat cards of the first file.
    const fresh = syntheticIssuanceCsv({ rows: 3000, seed: 9, idPrefix: 'DUQ' });
    const text = `${fresh}DUP000007,7,S7,テスト 太郎,テスト タロウ,1980-01-02,1,1000001,架空県1\r\nDUP000031,8,S8,テスト 花子,テスト ハナコ,1981-01-02,2,1000001,架空県1\r\n`;
    const r = await run(Buffer.from(text, 'utf8'), true);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [3002, 3003],
    );
    assert.ok(r.errors.every((e) => /既に取り込まれています/.test(e.message.ja)));
    assert.equal(await count('SELECT count(*)::int AS n FROM card_int_cards'), before);
  });

  it('reads quoted fields, and leaves a line break inside quotes to csv-parse (same line numbers)', async () => {
    const quoted = `${HEADER}\r\n"QUO000001","12","S1","テスト ""太郎""","テスト タロウ","1980-01-02","1","1000001","架空県1,2丁目"\r\n`;
    const r = await run(Buffer.from(quoted, 'utf8'), false);
    assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
    const row = (await app.ctx.db.query<{ personal_enc: string }>("SELECT personal_enc FROM card_int_cards WHERE control_no = 'QUO000001'"))
      .rows[0]!;
    const p = decryptPersonal(app.ctx.crypto, row.personal_enc);
    assert.deepEqual([p.name, p.address], ['テスト "太郎"', '架空県1,2丁目']);
    const broken = `${HEADER}\r\nQUO000002,13,S2,テスト 太郎,テスト タロウ,"1980-01\r\n-02",1,1000001,架空県1\r\nQUO000003,14,S3,テスト 次郎,テスト ジロウ,1980-13-02,1,1000001,架空県1\r\n`;
    const e = await run(Buffer.from(broken, 'utf8'), false);
    assert.equal(e.ok, false);
    if (e.ok) return;
    // csv-parse's numbering, as before the fast reader: it counts the CR and the LF inside quotes as two lines.
    assert.deepEqual(
      e.errors.map((x) => [x.line, x.field]),
      [
        [4, '生年月日'],
        [5, '生年月日'],
      ],
    );
  });

  it('fast CSV reader: the same records and line numbers as csv-parse, or it hands over', async () => {
    const alphabet = ['a', 'b', ',', '"', '\r\n', '\n', '\r', ' ', 'あ', '""', '\ufeff', ',,'];
    let seed = 1;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let same = 0;
    let handedOver = 0;
    for (let n = 0; n < 3000; n++) {
      let s = rnd() < 0.5 ? 'h,i\r\n' : '';
      for (let i = Math.floor(rnd() * 14); i > 0; i--) s += alphabet[Math.floor(rnd() * (rnd() < 0.7 ? 3 : alphabet.length))];
      let expected: CsvRecord[] | 'error';
      try {
        expected = await all(csvParseRecords(Readable.from([s])));
      } catch {
        expected = 'error';
      }
      const cut = Math.floor(rnd() * (s.length + 1));
      try {
        const got = await all(fastCsvRecords(Readable.from([s.slice(0, cut), s.slice(cut)], { objectMode: true })));
        assert.deepEqual(got, expected, JSON.stringify(s));
        same++;
      } catch (err) {
        if (!(err instanceof CsvFallback)) throw err;
        handedOver++;
      }
    }
    assert.ok(same > 1000 && handedOver > 500, `${same} read, ${handedOver} handed over`);
  });

  it('hands rows to workers intact, and refuses a row whose value would break the packing', async () => {
    const row: IssuanceRow = {
      line: 7,
      controlNo: 'ABC000001',
      applicationId: '12',
      shippingNo: 'S1',
      name: 'テスト 太郎',
      kana: 'テスト タロウ',
      birthDate: '1980-01-02',
      sex: '2',
      postalCode: '',
      address: '架空県1',
    };
    assert.deepEqual(unpackRows(packRows([row, { ...row, line: 8 }])), [row, { ...row, line: 8 }]);
    assert.throws(() => unpackRows(packRows([{ ...row, name: 'テスト\t太郎' }])), /fields/);
    const pool = startEncryptPool(
      {
        keys: workerKeys(app.ctx.secrets),
        constants: {
          departmentId: settings.departmentId,
          importId: '00000000-0000-4000-8000-000000000000',
          receivedAt: clock.now().toISOString(),
          passwordPolicy: 'birthday',
          idTimeMs: 0,
        },
      },
      1,
    );
    try {
      const out = await pool.encrypt({ rows: [row], firstSeq: 0 });
      assert.equal(out.count, 1);
      await assert.rejects(pool.encrypt({ rows: [{ ...row, address: '架空県\n1' }], firstSeq: 1 }), /fields/);
    } finally {
      await pool.close();
    }
    await assert.rejects(pool.encrypt({ rows: [row], firstSeq: 2 }), /closed|stopped/);
  });

  it('imports a Shift_JIS file through the same pipeline', async () => {
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 30, seed: 10, idPrefix: 'SJS' }), 'shift_jis');
    const r = await importIssuanceList(app.ctx, {
      settings,
      fileName: 's.csv',
      open: () => Readable.from([bytes]),
      actor: sys,
      workers: true,
    });
    assert.equal(r.ok && r.encoding, 'shift_jis');
    assert.equal(await count("SELECT count(*)::int AS n FROM card_int_cards WHERE control_no LIKE 'SJS%'"), 30);
  });
});
