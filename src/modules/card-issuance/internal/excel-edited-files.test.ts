/**
 * Files a city has opened and saved in Excel: rows of empty cells after the data, dates written
 * 2026/11/3, and names with characters NFKC would change. They import, and names stay as held.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { openCardOffice } from '../testing.js';
import { parseBirthDate } from '../shared/normalise.js';
import { decryptPersonal } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { importIssuanceList } from './import-issuance-list.js';
import { importProgressResults } from './import-progress-results.js';
import { searchCards } from './search-cards.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const HEADER = '製造管理番号,申請書ID,発送番号,氏名,フリガナ,生年月日,性別,郵便番号,住所';
// 塚 U+FA10 and 神 U+FA19 are CJK compatibility ideographs (NFKC maps them to U+585A and U+795E).
const TSUKA = '\ufa10';
const KAMI = '\ufa19';

describe('imports of files edited in Excel', () => {
  let app: TestApp;
  let settings: CardSettings;
  const clock = new ManualClock('2026-11-24T01:00:00Z');

  before(async () => {
    app = await startTestApp({ clock });
    settings = await openCardOffice(app.ctx);
  });
  after(() => app.close());

  it('reads dates as Excel writes them (2026/11/3, 2026/11/03, 2026-11-03, 20261103)', () => {
    for (const s of ['2026/11/3', '2026/11/03', '2026-11-03', '20261103', '2026/11/3 0:00', '２０２６/１１/３'])
      assert.equal(parseBirthDate(s), '2026-11-03', s);
    for (const s of ['2026/2/30', '2026/11', '2026-11/3', '26/11/3', '2026/111/3']) assert.equal(parseBirthDate(s), undefined, s);
  });

  for (const workers of [false, true]) {
    it(`imports an issuance list with trailing ,,,, rows and 1980/4/1 dates, keeping names exactly (${workers ? 'worker threads' : 'main thread'})`, async () => {
      const p = workers ? 'XLW' : 'XLM';
      const names = [`${TSUKA}本　一郎`, `${KAMI}田　花子`, '山田①'];
      const csv = [
        HEADER,
        `${p}000001,A1${p},S1,${names[0]},ツカモト イチロウ,1980/4/1,1,9990001,架空県見本市１丁目${TSUKA}１`,
        `${p}000002,A2${p},S2,${names[1]},カミタ ハナコ,1982/05/2,2,9990001,架空県見本市2-2`,
        `${p}000003,A3${p},S3,${names[2]},ヤマダ,1990-12-31,9,,架空県見本市3`,
        ',,,,,,,,',
        ',,,,,,,,',
        ' , ,,,,,,,',
        '',
      ].join('\r\n');
      const r = await importIssuanceList(app.ctx, {
        settings,
        fileName: 'x.csv',
        open: () => Readable.from([Buffer.from(csv)]),
        encoding: 'utf-8',
        actor: sys,
        workers,
      });
      assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
      if (!r.ok) return;
      assert.equal(r.rows, 3);
      const rows = (
        await app.ctx.db.query<{ personal_enc: string }>(
          'SELECT personal_enc FROM card_int_cards WHERE control_no LIKE $1 ORDER BY control_no',
          [`${p}%`],
        )
      ).rows;
      const personal = rows.map((x) => decryptPersonal(app.ctx.crypto, x.personal_enc));
      assert.deepEqual(
        personal.map((x) => x.name),
        names,
        'names kept as the city holds them',
      );
      assert.deepEqual(
        personal.map((x) => x.birthDate),
        ['1980-04-01', '1982-05-02', '1990-12-31'],
      );
      assert.equal(personal[0]!.address, `架空県見本市１丁目${TSUKA}１`);
      // Search keys still normalise: the half-width, NFKC form of the address finds the card.
      const found = await searchCards(app.ctx, settings.departmentId, { address: `架空県見本市1丁目\u585a1` }, { actor: sys });
      assert.ok(Array.isArray(found) && found.some((c) => c.name === names[0]), JSON.stringify(found));
    });
  }

  it('imports a result file with trailing ,,,, rows and 処理日 2026/11/3', async () => {
    const csv = `製造管理番号,処理日,備考\r\nXLM000001,2026/11/3,\r\nXLM000002,2026/11/03,\r\n,,\r\n,,\r\n`;
    const r = await importProgressResults(app.ctx, { settings, kind: 'setup', bytes: Buffer.from(csv), actor: sys });
    assert.deepEqual(r, { ok: true, updated: 2 });
    const d = await app.ctx.db.query<{ d: string }>(
      "SELECT to_char(setup_done_at, 'YYYY-MM-DD') AS d FROM card_int_cards WHERE control_no IN ('XLM000001', 'XLM000002')",
    );
    assert.deepEqual(
      d.rows.map((x) => x.d),
      ['2026-11-03', '2026-11-03'],
    );
    // Line numbers still name the file's lines when an error follows skipped rows.
    const bad = await importProgressResults(app.ctx, {
      settings,
      kind: 'issued',
      bytes: Buffer.from('製造管理番号,処理日\r\n,\r\nXLM000003,2026/13/1\r\n'),
      actor: sys,
    });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.errors[0]!.line, 3);
  });
});
