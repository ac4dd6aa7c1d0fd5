import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { makeDepartment, makeService, TOPIC_FIELD } from './testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

const soffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/** Cells of the first sheet of an .xlsx: reference → { t: type attribute, s: style, v: value or shared string }. */
function readXlsx(buf: Buffer): Map<string, { t: string; s: string; v: string }> {
  const files = unzipSync(new Uint8Array(buf));
  const text = (name: string) => Buffer.from(files[name] ?? new Uint8Array()).toString('utf8');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  const cells = new Map<string, { t: string; s: string; v: string }>();
  for (const m of text('xl/worksheets/sheet1.xml').matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[2]!;
    const t = /t="(\w+)"/.exec(attrs)?.[1] ?? 'n';
    const s = /s="(\d+)"/.exec(attrs)?.[1] ?? '';
    const inner = m[3] ?? '';
    const raw = (/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? '').replace(/&amp;/g, '&');
    cells.set(m[1]!, { t, s, v: t === 's' ? (shared[Number(raw)] ?? '') : raw });
  }
  return cells;
}

/** What LibreOffice Calc makes of a file: the type and value of each cell of the first column group, by row. */
function calcCells(file: string, filter?: string): { type: string; value: string; text: string }[][] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'calc-'));
  const profile = `file://${path.join(os.tmpdir(), 'madoguchi-soffice-profile')}`;
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      ...(filter ? ['--infilter=' + filter] : []),
      '--convert-to',
      'fods',
      '--outdir',
      out,
      file,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  const xml = fs.readFileSync(path.join(out, path.basename(file).replace(/\.\w+$/, '.fods')), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  return [...xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map((row) =>
    [...row[1]!.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].flatMap((c) => {
      const attrs = c[1]!;
      const repeat = Number(/number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? '1');
      const cell = {
        type: /office:value-type="(\w+)"/.exec(attrs)?.[1] ?? 'empty',
        value: /office:(?:date-|time-)?value="([^"]*)"/.exec(attrs)?.[1] ?? '',
        text: (c[2] ?? '').replace(/<[^>]+>/g, '').trim(),
      };
      return Array.from({ length: Math.min(repeat, 50) }, () => cell);
    }),
  );
}

describe('reservations staff export', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  let staff: Client;
  let number = '';

  before(async () => {
    app = await startTestApp({ clock });
    const dept = await makeDepartment(app.ctx, 'expdept');
    svc = await makeService(app.ctx, {
      departmentId: dept,
      opensDaysAhead: 30,
      fields: [TOPIC_FIELD, { key: 'memo', labelJa: 'メモ', type: 'text', required: false, classification: 'personal' }],
    });
    await makeStaff(app, { loginId: 'exp-staff', dept: 'expdept' });
    staff = await logInClient(app, 'exp-staff');
    const r = await staff.call('POST', '/api/v1/staff/reservations', {
      serviceId: svc.id,
      start: '2026-12-03T10:00:00+09:00',
      name: '00123',
      phone: '03-1234-5678',
      email: null,
      fields: { topic: 'other', memo: '1-2' },
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    number = r.json.reservationNumber;
    await staff.call('POST', '/api/v1/staff/reservations', {
      serviceId: svc.id,
      start: '2026-12-03T10:30:00+09:00',
      name: '葛\u{E0100}城 太郎',
      phone: '090-1234-5678',
      email: null,
      fields: { topic: 'other', memo: '3:30' },
    });
  });
  after(async () => app.close());

  const get = (url: string) => app.server.inject({ url, headers: { cookie: staff.cookie, accept: 'text/html' } });
  const display = () => `${number.slice(0, 4)}-${number.slice(4)}`;

  it('starts the export form at today to the end of the booking window, in Shift_JIS', async () => {
    const page = await get('/staff/reservations/export');
    assert.match(page.body, /id="f-from" name="from"[^>]* value="2026-12-01"/);
    assert.match(page.body, /id="f-to" name="to"[^>]* value="2026-12-31"/);
    assert.match(page.body, /id="enc-sjis" name="encoding" value="shift_jis" checked/);
    assert.match(page.body, /formaction="\/staff\/reservations\/export.xlsx"/);
  });

  it('writes phones with their 0 and hyphens, numbers as XXXX-XXXX, free text as text, in CP932 labelled Windows-31J', async () => {
    const res = await get('/staff/reservations/export.csv?from=2026-12-03&to=2026-12-03');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=Windows-31J');
    assert.equal(res.headers['x-dropped-characters'], '1');
    assert.equal(res.headers['x-unencodable-characters'], '0');
    const csv = iconv.decode(res.rawPayload, 'cp932');
    const lines = csv.split('\r\n');
    assert.equal(
      lines[1],
      `${display()},2026-12-03,10:00,10:30,テスト窓口,expdept 課,予約済,電話（職員入力）,"=""00123""",03-1234-5678,,（非表示）,"=""1-2""",2026-12-01 09:00`,
    );
    // the topic is classed sensitive: masked for everyone, the header says so
    assert.ok(lines[0]!.includes(',ご相談の内容（要配慮個人情報のため非表示）,'), lines[0]);
    assert.ok(!csv.includes('その他'), 'no sensitive answer in the file');
    assert.ok(lines[2]!.includes(',葛城 太郎,090-1234-5678,'), lines[2]);
    assert.ok(lines[2]!.includes(',"=""3:30""",'), lines[2]);
  });

  it('offers an .xlsx whose text cells stay text and whose dates and times are date cells', async () => {
    const res = await get('/staff/reservations/export.xlsx?from=2026-12-03&to=2026-12-03');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(res.headers['content-disposition']), /reservations-2026-12-03-2026-12-03\.xlsx/);
    const cells = readXlsx(res.rawPayload);
    const str = (ref: string) => {
      const c = cells.get(ref);
      assert.ok(c && (c.t === 's' || c.t === 'inlineStr' || c.t === 'str'), `${ref} is text: ${JSON.stringify(c)}`);
      return c!.v;
    };
    assert.equal(str('A2'), display());
    assert.equal(str('I2'), '00123');
    assert.equal(str('J2'), '03-1234-5678');
    assert.equal(str('M2'), '1-2');
    assert.equal(str('L2'), '（非表示）', 'the sensitive topic is masked in the .xlsx too');
    // 2026-12-03 is serial day 46359; 10:00 is 10/24 of a day; stored as numbers with a date style
    assert.equal(cells.get('B2')!.t, 'n');
    assert.equal(Number(cells.get('B2')!.v), 46359);
    assert.ok(Math.abs(Number(cells.get('C2')!.v) - 10 / 24) < 1e-9);
    assert.ok(cells.get('B2')!.s && cells.get('B2')!.s !== '0', 'the date cell has a date format');
    assert.ok(str('I3').startsWith('葛\u{E0100}城'), 'the .xlsx keeps every character');
  });

  it('reads back in LibreOffice Calc with phones keeping their 0, 00123 as text and dates as dates', {
    skip: !soffice && 'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui',
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
    try {
      const sjis = await get('/staff/reservations/export.csv?from=2026-12-03&to=2026-12-03&encoding=shift_jis');
      const utf8 = await get('/staff/reservations/export.csv?from=2026-12-03&to=2026-12-03&encoding=utf-8');
      const xlsx = await get('/staff/reservations/export.xlsx?from=2026-12-03&to=2026-12-03');
      fs.writeFileSync(path.join(dir, 'sjis.csv'), sjis.rawPayload);
      fs.writeFileSync(path.join(dir, 'utf8.csv'), utf8.rawPayload);
      fs.writeFileSync(path.join(dir, 'book.xlsx'), xlsx.rawPayload);
      // Excel-like import: detect special numbers and evaluate formulas on; 64 = Shift_JIS, 76 = UTF-8, 1041 = Japanese
      const opts = (charset: number) => `CSV:44,34,${charset},1,,1041,false,true,false,false,false,false,true`;
      for (const [file, filter] of [
        ['sjis.csv', opts(64)],
        ['utf8.csv', opts(76)],
        ['book.xlsx', undefined],
      ] as const) {
        const rows = calcCells(path.join(dir, file), filter);
        const r = rows[1]!;
        assert.deepEqual([r[0]!.type, r[0]!.text], ['string', display()], file);
        assert.equal(r[1]!.type, 'date', `${file}: 日付 is a date`);
        assert.equal(r[1]!.value.slice(0, 10), '2026-12-03', file);
        assert.ok(['time', 'date'].includes(r[2]!.type), `${file}: 開始時刻 is a time (${r[2]!.type})`);
        assert.deepEqual([r[8]!.type, r[8]!.text], ['string', '00123'], `${file}: 氏名`);
        assert.deepEqual([r[9]!.type, r[9]!.text], ['string', '03-1234-5678'], `${file}: 電話番号`);
        assert.deepEqual([r[12]!.type, r[12]!.text], ['string', '1-2'], `${file}: メモ`);
        assert.deepEqual([rows[2]![9]!.type, rows[2]![9]!.text], ['string', '090-1234-5678'], file);
        assert.deepEqual([rows[2]![12]!.type, rows[2]![12]!.text], ['string', '3:30'], file);
        assert.equal(r[13]!.type, 'date', `${file}: 登録日時 is a date and time`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
