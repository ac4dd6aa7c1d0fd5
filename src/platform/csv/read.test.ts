/**
 * The fast reader must read exactly what csv-parse reads (records and line numbers), or hand over
 * with CsvFallback; and it must not hand over the files issuance lists really are. Generated inputs:
 * quotes, "" escapes, CRLF / LF / CR inside and between fields, empty fields and blank rows, a BOM,
 * multibyte text, split into chunks at random places.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { csvText } from './write.js';
import { CsvFallback, csvParseRecords, fastCsvRecords, readCsvText, type CsvRecord } from './read.js';
import { decodeCsv, detectCsvEncoding } from './encoding.js';

const all = async (it: AsyncIterable<CsvRecord[]>) => {
  const out: CsvRecord[] = [];
  for await (const b of it) out.push(...b);
  return out;
};

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

async function* chunked(s: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    yield s.slice(from, c);
    from = c;
  }
  yield s.slice(from);
}

async function compare(s: string, rnd: () => number): Promise<'same' | 'handed-over'> {
  let expected: CsvRecord[] | 'error';
  try {
    expected = await all(csvParseRecords([s]));
  } catch {
    expected = 'error';
  }
  const cuts = Array.from({ length: Math.floor(rnd() * 4) }, () => Math.floor(rnd() * (s.length + 1)));
  try {
    const got = await all(fastCsvRecords(chunked(s, cuts)));
    assert.deepEqual(got, expected, JSON.stringify({ s, cuts }));
    return 'same';
  } catch (err) {
    if (!(err instanceof CsvFallback)) throw err;
    return 'handed-over';
  }
}

describe('CSV reader', () => {
  it('fast reader = csv-parse on 5,000 generated files (quotes, CRLF in fields, empty fields, BOM, chunk cuts), or it hands over', async () => {
    const pieces = ['a', 'b', 'テ', ',', '"', '""', '\r\n', '\n', '\r', ' ', '', ',,', '"x,y"', '"1\r\n2"', '\ufeff'];
    const rnd = random(7);
    const tally = { same: 0, 'handed-over': 0 };
    for (let n = 0; n < 5000; n++) {
      let s = rnd() < 0.3 ? '\ufeff' : '';
      if (rnd() < 0.5) s += 'h,i\r\n';
      for (let i = Math.floor(rnd() * 16); i > 0; i--) s += pieces[Math.floor(rnd() * (rnd() < 0.6 ? 4 : pieces.length))];
      tally[await compare(s, rnd)]++;
    }
    assert.ok(tally.same > 2000 && tally['handed-over'] > 500, JSON.stringify(tally));
  });

  it('reads files as the writer makes them (quoted, escaped, empty cells) without handing over, cell for cell', async () => {
    const rnd = random(11);
    const cell = () => {
      const kinds = ['', '山田 太郎', 'say "hi"', 'a,b', '  ', '=1+1', '00123', 'ﾃｽﾄ', '"'];
      return kinds[Math.floor(rnd() * kinds.length)] as string;
    };
    for (let n = 0; n < 500; n++) {
      const width = 1 + Math.floor(rnd() * 6);
      const rows = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Array.from({ length: width }, cell));
      const text = (rnd() < 0.5 ? '\ufeff' : '') + csvText(rows, { valueColumns: [...Array(width).keys()] });
      const fast = await all(fastCsvRecords(chunked(text, [Math.floor(rnd() * text.length)])));
      assert.deepEqual(fast, await all(csvParseRecords([text])));
      // every row with a non-blank cell comes back, with the writer's cells (formula guard included)
      const kept = rows.filter((r) => r.some((c) => c.trim() !== ''));
      assert.equal(fast.length, kept.length);
      fast.forEach((r, i) => assert.equal(r.record.length, kept[i]!.length));
    }
  });

  it('reads a CRLF inside quotes (csv-parse counts its CR and LF as two lines) and skips rows of empty cells', async () => {
    const recs = await readCsvText('\ufeffa,b\r\n"1\r\n2",x\r\n,,\r\n3,"4"\r\n');
    assert.deepEqual(recs, [
      { record: ['a', 'b'], line: 1 },
      { record: ['1\r\n2', 'x'], line: 4 },
      { record: ['3', '4'], line: 6 },
    ]);
    await assert.rejects(readCsvText('a,"b\r\n'));
  });
});

describe('CSV encoding detector', () => {
  const text = '製造管理番号,氏名\r\nABC000001,髙橋 ①郎\r\n';
  it('tells UTF-8 (with or without BOM) from Shift_JIS/Windows-31J', () => {
    assert.equal(detectCsvEncoding(Buffer.from(text, 'utf8')), 'utf-8');
    assert.equal(detectCsvEncoding(Buffer.from(`\ufeff${text}`, 'utf8')), 'utf-8');
    assert.equal(detectCsvEncoding(iconv.encode(text, 'cp932')), 'shift_jis');
    assert.equal(detectCsvEncoding(Buffer.from('id,name\r\n1,a\r\n')), 'utf-8'); // ASCII reads the same either way
  });

  it('does not blame UTF-8 for a character cut at the end of a streamed sample', () => {
    const bytes = Buffer.from(`${text}${'あ'.repeat(100)}`, 'utf8');
    assert.equal(detectCsvEncoding(bytes.subarray(0, bytes.length - 1)), 'utf-8');
  });

  it('decodes both to the same text, without the BOM', () => {
    assert.deepEqual(decodeCsv(iconv.encode(text, 'cp932')), { text, encoding: 'shift_jis' });
    assert.deepEqual(decodeCsv(Buffer.from(`\ufeff${text}`, 'utf8')), { text, encoding: 'utf-8' });
  });
});
