import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { csvText, encodeCsv, neutraliseFormula, toCp932Safe } from './csv.js';

describe('CSV for Excel', () => {
  it('neutralises cells Excel would run as formulas', () => {
    for (const c of ['=1+1', '+81', '-2', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutraliseFormula(c)[0], "'");
    assert.equal(neutraliseFormula('090-1234'), '090-1234');
  });
  it('quotes per RFC 4180 and ends lines with CRLF', () => {
    assert.equal(csvText([['a', 'b,c', 'say "hi"', 'two\nlines']]), 'a,"b,c","say ""hi""","two\nlines"\r\n');
    assert.equal(csvText([['=HYPERLINK("x")']]), `"'=HYPERLINK(""x"")"\r\n`);
  });
  it('writes UTF-8 with a BOM', () => {
    const { body } = encodeCsv([['予約番号', '髙橋〜']], 'utf-8');
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(body.subarray(3).toString('utf8'), '予約番号,髙橋〜\r\n');
  });
  it('maps WAVE DASH and MINUS SIGN to their CP932 forms and keeps 髙 﨑 ①', () => {
    const { body, unencodable } = encodeCsv([['9:00〜10:00', '−5', '髙橋', '山﨑', '①', '‖', '—']], 'shift_jis');
    assert.equal(unencodable, 0);
    assert.equal(iconv.decode(body, 'cp932'), '9:00～10:00,－5,髙橋,山﨑,①,∥,―\r\n');
  });
  it('replaces what CP932 cannot hold with 〓 and counts it', () => {
    const r = toCp932Safe('𠮷野家 😀 Ω');
    assert.equal(r.unencodable, 2);
    assert.equal(r.text, '〓野家 〓 Ω');
    const { body, unencodable } = encodeCsv([['𠮷田']], 'shift_jis');
    assert.equal(unencodable, 1);
    assert.equal(iconv.decode(body, 'cp932'), '〓田\r\n');
  });
});
