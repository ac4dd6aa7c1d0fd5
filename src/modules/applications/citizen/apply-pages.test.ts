/**
 * The citizen flow through the pages, as a browser without JavaScript: list → start → steps (refused
 * answers keep what was typed, a question shown only for one answer appears on "update"), save and
 * resume by the mailed link in another browser, confirm with the fee breakdown, submit → 整理番号,
 * receipt PDF (pdftotext/zbarimg when installed), confirmation mail, correction of named fields only,
 * withdrawal; a wrong secret is a 404.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { smtpStandin } from '../../../platform/mailer.js';
import { withCookies } from '../../../web/citizen/testing.js';
import { makeProcedure, sampleDefinition } from '../submissions/testing.js';
import { jobs as citizenJobs } from './register.js';

const clock = new ManualClock('2026-12-01T10:00:00+09:00');
const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`]);
    return true;
  } catch {
    return false;
  }
};
const pdfTools = ['pdftotext', 'pdftoppm', 'zbarimg'].every(has);
// CI installs fonts-noto-cjk (the card letters need it too); without it the receipt is not checked here
const hasFont = fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');

type Browser = { cookie: string };

describe('citizen application pages', () => {
  let app: TestApp;
  let procedureId: string;

  const get = async (b: Browser, url: string) => {
    const r = await app.server.inject({ method: 'GET', url, headers: b.cookie ? { cookie: b.cookie } : {} });
    b.cookie = withCookies(b.cookie, r);
    return r;
  };
  const post = async (b: Browser, url: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    const r = await app.server.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(b.cookie ? { cookie: b.cookie } : {}) },
    });
    b.cookie = withCookies(b.cookie, r);
    return r;
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  before(async () => {
    app = await startTestApp({ clock });
    ({ procedureId } = await makeProcedure(app.ctx, sampleDefinition()));
  });
  after(() => app.close());

  it('lists the procedure and shows its start page with the fee and what to prepare', async () => {
    const b = { cookie: '' };
    const list = await get(b, '/apply');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('住民票の写しの郵送請求'));
    assert.ok(list.body.includes(`/apply/${procedureId}`));
    const none = await get(b, `/apply?q=${encodeURIComponent('存在しない手続')}`);
    assert.ok(!none.body.includes(`/apply/${procedureId}"`));
    const start = await get(b, `/apply/${procedureId}`);
    assert.equal(start.statusCode, 200);
    assert.ok(start.body.includes('1通につき 300円'), 'fee per unit');
    assert.ok(start.body.includes(`/apply/${procedureId}/step/1`));
    const en = await get({ cookie: '' }, `/apply/${procedureId}?lang=en`);
    assert.ok(en.body.includes('Residence certificate by post'));
  });

  it('fills the steps, saves and resumes by the mailed link, confirms, submits, and follows the application', async () => {
    const standin = await smtpStandin();
    const worker = new JobWorker(app.ctx, citizenJobs);
    const b = { cookie: '' };
    const s1 = await get(b, `/apply/${procedureId}/step/1`);
    assert.equal(s1.statusCode, 200);
    assert.ok(b.cookie.includes('madoguchi_apply='), 'the draft cookie');
    const csrf = csrfOf(s1.body);

    // a refused e-mail: 422, the message next to the field, everything typed still there
    const bad = await post(b, `/apply/${procedureId}/step/1`, {
      _csrf: csrf,
      name: '窓口 花子',
      name_kana: 'まどぐち はなこ',
      email: 'hanako@',
      _action: 'next',
    });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('value="窓口 花子"'));
    assert.ok(bad.body.includes('value="hanako@"'));
    assert.match(bad.body, /id="field-email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-email"/);
    // the error summary names the field before its message (a list of the same "入力してください" says where)
    assert.match(bad.body, /<a href="#field-email">[^<:]+: [^<]+<\/a>/);
    // without the form token: refused
    const forged = await post(b, `/apply/${procedureId}/step/1`, { name: 'x', _action: 'next' });
    assert.equal(forged.statusCode, 403);

    const ok1 = await post(b, `/apply/${procedureId}/step/1`, {
      _csrf: csrf,
      name: '窓口 花子',
      name_kana: 'まどぐち はなこ',
      email: 'pages@example.jp',
      _action: 'next',
    });
    assert.equal(ok1.statusCode, 303, ok1.body);
    assert.equal(ok1.headers.location, `/apply/${procedureId}/step/2`);

    const s2 = await get(b, `/apply/${procedureId}/step/2`);
    assert.ok(!s2.body.includes('name="purpose_other"'), 'hidden until "other" is chosen');
    const refreshed = await post(b, `/apply/${procedureId}/step/2`, { _csrf: csrf, purpose: 'other', copies: '2', _action: 'refresh' });
    assert.equal(refreshed.statusCode, 200);
    assert.ok(refreshed.body.includes('name="purpose_other"'), 'shown for "other"');
    const missing = await post(b, `/apply/${procedureId}/step/2`, { _csrf: csrf, purpose: 'other', copies: '2', _action: 'next' });
    assert.equal(missing.statusCode, 422);
    assert.ok(missing.body.includes('value="2"'));

    // あとで続ける: the link goes by mail; another browser continues with it
    const save = await post(b, `/apply/${procedureId}/save`, { _csrf: csrf, email: 'pages@example.jp' });
    assert.equal(save.statusCode, 200, save.body);
    await worker.drain();
    const resumeMail = standin.messages.find((m) => m.to.includes('pages@example.jp') && m.subject.includes('入力の続き'));
    assert.ok(resumeMail, 'resume mail sent');
    const link = /\/apply\/resume\/[A-Za-z0-9_-]+/.exec(resumeMail.text)?.[0];
    assert.ok(link);
    const phone: Browser = { cookie: '' };
    const resumed = await get(phone, link);
    assert.equal(resumed.statusCode, 303);
    const back = await get(phone, String(resumed.headers.location));
    assert.equal(back.statusCode, 200);
    assert.ok(back.body.includes('value="2"'), 'answers kept');
    const step1 = await get(phone, `/apply/${procedureId}/step/1`);
    assert.ok(step1.body.includes('value="窓口 花子"'));
    const csrf2 = csrfOf(step1.body);

    const ok2 = await post(phone, `/apply/${procedureId}/step/2`, {
      _csrf: csrf2,
      purpose: 'other',
      purpose_other: 'ビザ申請',
      copies: '２',
      _action: 'next',
    });
    assert.equal(ok2.statusCode, 303, ok2.body);
    const ok3 = await post(phone, `/apply/${procedureId}/step/3`, { _csrf: csrf2, note: '', _action: 'next' });
    assert.equal(ok3.headers.location, `/apply/${procedureId}/confirm`);

    const confirm = await get(phone, `/apply/${procedureId}/confirm`);
    assert.equal(confirm.statusCode, 200, confirm.body);
    assert.ok(confirm.body.includes('300円 × 2通 = 600円'), 'fee breakdown');
    assert.ok(confirm.body.includes('ビザ申請'));
    assert.ok(confirm.body.includes(`/apply/${procedureId}/step/2#field-copies`), '修正 link to its step');

    const submitted = await post(phone, `/apply/${procedureId}/submit`, { _csrf: csrf2 });
    assert.equal(submitted.statusCode, 303, submitted.body);
    const location = String(submitted.headers.location);
    const m = /^\/applications\/([2-9A-HJKMNP-Z]{10})\?t=([A-Za-z0-9_-]+)&done=1$/.exec(location);
    assert.ok(m, location);
    const [, ref, token] = m as unknown as [string, string, string];
    // the draft is gone with the submission
    assert.equal((await get(phone, `/apply/${procedureId}/confirm`)).statusCode, 404);

    const done = await get(phone, location);
    assert.equal(done.statusCode, 200);
    assert.ok(done.body.includes(`${ref.slice(0, 5)}-${ref.slice(5)}`));
    assert.ok(done.body.includes(`action="/applications/${ref}/pay"`), 'pay button');
    assert.ok(done.body.includes(`/applications/${ref}/receipt.pdf?t=${token}`));
    assert.ok(!done.body.includes('target="_blank"'), 'no new windows (LINE browser)');
    assert.equal((await get({ cookie: '' }, `/applications/${ref}?t=WRONGWRONGWRONGWRONG`)).statusCode, 404);

    // the receipt (when the font is installed, as in CI): 整理番号, 和暦 date, answers, fee; the QR code holds the page without the secret
    if (hasFont) {
      const pdf = await get(phone, `/applications/${ref}/receipt.pdf?t=${token}`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      if (pdfTools) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-'));
        const file = path.join(dir, 'r.pdf');
        fs.writeFileSync(file, pdf.rawPayload);
        const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
        assert.ok(text.includes(`${ref.slice(0, 5)}-${ref.slice(5)}`), text);
        assert.ok(text.includes('令和8年12月1日'), text);
        assert.ok(text.includes('ビザ申請'), text);
        assert.ok(text.includes('600円'), text);
        assert.ok(!text.includes(token), 'no secret printed');
        execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'page')]);
        const png = fs.readdirSync(dir).find((f) => f.endsWith('.png')) as string;
        const qr = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, png)])
          .toString('utf8')
          .trim();
        assert.equal(qr, `${app.ctx.config.publicBaseUrl}/applications/${ref}`);
      }
    }

    await worker.drain();
    const confirmation = standin.messages.find((x) => x.to.includes('pages@example.jp') && x.subject.includes('申請受付'));
    assert.ok(confirmation, 'confirmation mail');
    assert.ok(confirmation.text.includes(`/applications/${ref}?t=${token}`));
    assert.ok(confirmation.text.includes('支払いへ進む'));

    // correction: only the named field is offered and changes
    await app.ctx.db.query(
      `UPDATE app_applications SET status = 'correction_requested', correction_fields = '{purpose_other}' WHERE reference_number = $1`,
      [ref],
    );
    const asked = await get(phone, `/applications/${ref}?t=${token}`);
    assert.ok(asked.body.includes('name="purpose_other"'));
    assert.ok(!asked.body.includes('name="name"'), 'fields not named are not editable');
    const csrf3 = csrfOf(asked.body);
    const empty = await post(phone, `/applications/${ref}/correction`, { _csrf: csrf3, t: token, purpose_other: '' });
    assert.equal(empty.statusCode, 422);
    const fixed = await post(phone, `/applications/${ref}/correction`, { _csrf: csrf3, t: token, purpose_other: '留学', name: '別人' });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.ok(fixed.body.includes('留学') && fixed.body.includes('窓口 花子') && !fixed.body.includes('別人'));

    const withdrawn = await post(phone, `/applications/${ref}/withdraw`, { _csrf: csrf3, t: token });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.ok(withdrawn.body.includes('取り下げ'));
    const st = await app.ctx.db.query<{ status: string }>('SELECT status FROM app_applications WHERE reference_number = $1', [ref]);
    assert.equal(st.rows[0]?.status, 'withdrawn');
  });

  it('says a closed procedure takes no applications', async () => {
    const closed = await makeProcedure(app.ctx, sampleDefinition({ closesAt: '2026-11-30T17:00:00+09:00' }));
    const r = await get({ cookie: '' }, `/apply/${closed.procedureId}/step/1`);
    assert.equal(r.statusCode, 409);
  });
});
