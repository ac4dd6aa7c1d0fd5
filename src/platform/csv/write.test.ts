import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { csvContentType, csvText, encodeCsv, looksLikeValue, neutraliseFormula, toCp932Safe } from './write.js';

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
    const { body, unencodable } = encodeCsv([['9:00〜10:00', '−5', '髙橋', '山﨑', '①', '‖', '—']], 'shift_jis', { valueColumns: [0, 1] });
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
  it('writes text a spreadsheet would read as a number, date, time or boolean as a string formula', () => {
    for (const c of [
      '00123',
      '1-2',
      '1/2',
      '3:30',
      '2222E222',
      '1e5',
      '50%',
      '(123)',
      '１２３',
      'TRUE',
      '12月3日',
      'H8.1.2',
      '令和8年12月3日',
      '-2',
      '+81 90 1234 5678',
    ])
      assert.equal(looksLikeValue(c), true, c);
    for (const c of ['090-1234-5678', '2222-E222', '山田 太郎', 't1@example.jp', '〒060-0001 札幌市', ''])
      assert.equal(looksLikeValue(c), false, c);
    assert.equal(csvText([['00123', '1-2', '=1+1', '山田']]), `"=""00123""","=""1-2""",'=1+1,山田\r\n`);
  });
  it('leaves value columns for the spreadsheet to read', () => {
    assert.equal(csvText([['2026-12-03', '09:00', '1-2', '3']], { valueColumns: [0, 1, 3] }), '2026-12-03,09:00,"=""1-2""",3\r\n');
    assert.equal(csvText([['=1+1']], { valueColumns: [0] }), "'=1+1\r\n");
  });
  it('drops variation selectors and joiners before Shift_JIS, keeps the base character and counts them', () => {
    const r = toCp932Safe('葛\u{E0100}城 辻\u{E0101} ❤\uFE0F 👨\u200D👩\u200D👧');
    assert.equal(r.text, '葛城 辻 〓 〓〓〓');
    assert.equal(r.dropped, 5);
    assert.equal(r.unencodable, 4);
    const { body, dropped, unencodable } = encodeCsv([['葛\u{E0100}城']], 'shift_jis');
    assert.equal(iconv.decode(body, 'cp932'), '葛城\r\n');
    assert.deepEqual([dropped, unencodable], [1, 0]);
    assert.equal(
      encodeCsv([['葛\u{E0100}城']], 'utf-8')
        .body.subarray(3)
        .toString('utf8'),
      '葛\u{E0100}城\r\n',
    );
  });
  it('labels the CP932 file Windows-31J', () => {
    assert.equal(csvContentType('shift_jis'), 'text/csv; charset=Windows-31J');
    assert.equal(csvContentType('utf-8'), 'text/csv; charset=UTF-8');
  });
});
