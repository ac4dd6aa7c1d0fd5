/**
 * Card letters: preview changes nothing; "print and mark sent" needs a confirmation with the count
 * and marks only the confirmed cards; the letter fits long names beside the QR code and prints the
 * office's contact and the pickup deadline, and calls its id 「ログインID」 as the booking site does — checked with poppler (pdftotext, pdftoppm) and zbarimg.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { getCardSettings } from './card-settings.js';
import { importIssuanceList } from './import-issuance-list.js';

type Session = { cookie: string; csrf: string };
const sys = { type: 'system' as const, id: 'test', label: 'test' };
const MM = 72 / 25.4;
const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`]);
    return true;
  } catch {
    return false;
  }
};
const tools = ['pdftotext', 'pdftoppm', 'zbarimg'].filter((x) => !has(x));

describe('card letters: preview, confirmed printing of a subset, layout and contact', () => {
  let app: TestApp;
  let s: Session;
  let deptId = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'letters-test-'));

  before(async () => {
    app = await startTestApp({ demo: true });
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'demo-shimin', password: 'demo-password-2026' },
    });
    assert.equal(r.statusCode, 200, r.body);
    s = { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: r.json().csrfToken as string };
    deptId = (await app.ctx.db.query<{ id: string }>("SELECT id FROM departments WHERE code = 'shimin'")).rows[0]!.id;
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  const post = (url: string, payload: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf, ...payload }).toString(),
    });
  const snapshot = async () =>
    (
      await app.ctx.db.query<{ control_no: string; state: string; printed: boolean }>(
        'SELECT control_no, state, letter_printed_at IS NOT NULL AS printed FROM card_int_cards WHERE department_id = $1 ORDER BY control_no',
        [deptId],
      )
    ).rows;
  const auditCount = async (action: string) =>
    (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;
  const unprinted = async (n: number) =>
    (
      await app.ctx.db.query<{ control_no: string }>(
        "SELECT control_no FROM card_int_cards WHERE department_id = $1 AND letter_printed_at IS NULL AND state IN ('received', 'setup_done') ORDER BY control_no LIMIT $2",
        [deptId, n],
      )
    ).rows.map((r) => r.control_no);

  it('previews letters as a PDF without changing any card, audited as a view', async () => {
    const before = await snapshot();
    const a0 = await auditCount('card.letters.preview');
    const r = await post('/staff/card/letters/preview', { mode: 'unprinted', limit: '3' });
    assert.equal(r.statusCode, 200, r.body.slice(0, 500));
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.deepEqual(await snapshot(), before);
    assert.equal(await auditCount('card.letters.preview'), a0 + 1);
    const dash = await app.server.inject({ method: 'GET', url: '/staff/card', headers: { cookie: s.cookie, accept: 'text/html' } });
    assert.match(dash.body, /action="\/staff\/card\/letters\/preview"/);
    assert.match(dash.body, /formaction="\/staff\/card\/letters\/confirm"/);
  });

  it('refuses to print and mark without a confirmed selection, and marks nothing', async () => {
    const before = await snapshot();
    const r = await post('/staff/card/letters', {});
    assert.equal(r.statusCode, 422, r.body.slice(0, 500));
    assert.deepEqual(await snapshot(), before);
  });

  it('marks only the confirmed cards after a confirmation step showing their count', async () => {
    const [a, b] = await unprinted(2);
    const before = await snapshot();
    const confirm = await post('/staff/card/letters/confirm', { mode: 'numbers', numbers: `${a}\n${b!.slice(0, 3)}-${b!.slice(3)}` });
    assert.equal(confirm.statusCode, 200, confirm.body.slice(0, 500));
    assert.match(confirm.body, /2件の交付案内を印刷し/);
    assert.deepEqual(await snapshot(), before, 'the confirmation step changes nothing');
    const cardIds = /name="cardIds" value="([^"]+)"/.exec(confirm.body)![1]!;
    const count = /name="count" value="(\d+)"/.exec(confirm.body)![1]!;
    // A stale confirmation (the count no longer matches) marks nothing.
    assert.equal((await post('/staff/card/letters', { cardIds, count: '3' })).statusCode, 409);
    assert.deepEqual(await snapshot(), before);
    const p0 = await auditCount('card.letters.print');
    const r = await post('/staff/card/letters', { cardIds, count });
    assert.equal(r.statusCode, 200, r.body.slice(0, 500));
    assert.equal(r.headers['content-type'], 'application/pdf');
    const after = await snapshot();
    const changed = after.filter((x, i) => JSON.stringify(x) !== JSON.stringify(before[i])).map((x) => x.control_no);
    assert.deepEqual(changed, [a, b].sort());
    assert.ok(after.filter((x) => changed.includes(x.control_no)).every((x) => x.state === 'letter_sent' && x.printed));
    assert.equal(await auditCount('card.letters.print'), p0 + 1);
  });

  it('keeps typed values and names the field when the contact is invalid; saves and audits a valid one', async () => {
    const bad = await post('/staff/card/contact', {
      contactOffice: '市民課 マイナンバーカード窓口',
      contactPhone: '12345',
      contactHours: '平日 8時30分〜17時15分',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="field-contactPhone-error"/);
    assert.match(bad.body, /name="contactOffice"[^>]*value="市民課 マイナンバーカード窓口"/);
    assert.match(bad.body, /name="contactPhone"[^>]*value="12345"/);
    const a0 = await auditCount('card.contact.update');
    const ok = await post('/staff/card/contact', {
      contactOffice: '市民課 マイナンバーカード窓口',
      contactPhone: '０１２３－４５－６７８９',
      contactHours: '平日 8時30分〜17時15分',
    });
    assert.equal(ok.statusCode, 200, ok.body.slice(0, 500));
    const row = (
      await app.ctx.db.query<{ contact_phone: string }>('SELECT contact_phone FROM card_int_settings WHERE department_id = $1', [deptId])
    ).rows[0]!;
    assert.equal(row.contact_phone, '0123-45-6789');
    assert.equal(await auditCount('card.contact.update'), a0 + 1);
  });

  it('prints a long name whole beside the QR code (which still decodes), with the contact and the pickup deadline', {
    skip: tools.length ? `not installed: ${tools.join(', ')}` : false,
  }, async () => {
    const name = 'ヴォルフェシュレーゲルシュタインハウゼンベルガードルフ　アレクサンドラ・マリア・デ・ロス・アンヘレス';
    const settings = (await getCardSettings(app.ctx.db, deptId))!;
    const csv = `製造管理番号,申請書ID,発送番号,氏名,フリガナ,生年月日,性別,郵便番号,住所\r\nLNG000001,A77,S77,${name},ナガイ ナマエ,1990-01-02,2,9990001,架空県見本市中央町一丁目二番三号 見本マンション第一号棟 一二三四号室\r\n`;
    const imp = await importIssuanceList(app.ctx, {
      settings,
      fileName: 'l.csv',
      open: () => Readable.from([Buffer.from(csv)]),
      encoding: 'utf-8',
      actor: sys,
    });
    assert.equal(imp.ok, true, JSON.stringify(imp));
    await post('/staff/card/contact', { contactOffice: '市民課', contactPhone: '0123-45-6789', contactHours: '平日 8時30分〜17時15分' });
    const r = await post('/staff/card/letters/preview', { mode: 'numbers', numbers: 'LNG000001' });
    assert.equal(r.statusCode, 200, r.body.slice(0, 500));
    const pdf = path.join(dir, 'l.pdf');
    fs.writeFileSync(pdf, r.rawPayload);
    // -layout keeps the lines of the wrapped name together, as a reader sees them.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
    assert.ok(text.replace(/\s+/g, '').includes(`${name.replace(/\s+/g, '')}様`), text);
    assert.match(text, /お問い合わせ：市民課\s+電話 0123-45-6789\s+受付時間 平日 8時30分〜17時15分/);
    assert.match(text, /受取期限：\d{4}年\d{1,2}月\d{1,2}日（.）まで/);
    // One vocabulary: the letter's id is the ログインID (as the booking site's log-in form says); 予約番号 is only a booking's own number.
    assert.match(text, /ログインID\s+LNG-000001/);
    assert.match(text, /各人のログインIDとパスワード/);
    assert.match(text, /ログインIDと発送番号（S77）をお伝えください/);
    assert.doesNotMatch(text, /予約番号/);
    const site = await app.server.inject({ method: 'GET', url: '/card?id=LNG-000001', headers: { accept: 'text/html' } });
    assert.match(site.body, /<label for="rid">ログインID<span class="required">/);
    assert.doesNotMatch(site.body, /予約番号/);
    // Every word in the addressee area stays left of the QR code (150 mm) and above the title (80 mm).
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString('utf8');
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5]!,
    }));
    const addressee = words.filter((w) => w.yMin < 79 * MM && w.xMin < 148 * MM);
    assert.ok(addressee.length > 0);
    for (const w of addressee) {
      assert.ok(w.xMax <= 148 * MM, `"${w.text}" runs under the QR code (xMax ${w.xMax.toFixed(1)} pt)`);
      assert.ok(w.yMax <= 79 * MM, `"${w.text}" runs into the title (yMax ${w.yMax.toFixed(1)} pt)`);
    }
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    const qr = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, png)]).toString('utf8');
    assert.match(qr, /\/card\?id=LNG-000001/);
  });
});
