/**
 * Child counts over HTTP: the enrolment division imports by the API (text/csv) and by the upload form,
 * the review division may look but not import, other departments see nothing; a facility user sees,
 * confirms and queries only their own facility's months (another facility's month is a 404 by every
 * route); the city answers a query and the facility sees the answer. Synthetic data only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import {
  facilityClient,
  type FacilityClient,
  insertTestFacility,
  insertTestFacilityUser,
  makeEnrolmentStaff,
  makeReviewStaff,
  type TestFacility,
} from '../testing.js';

const HEADER = '施設コード,認定区分,年齢区分,保育必要量,人数';
const boundary = 'countsboundary';
const multipart = (fields: Record<string, string>, file?: { name: string; content: string | Buffer }) =>
  Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    ...(file
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
          ),
          Buffer.from(file.content),
          Buffer.from('\r\n'),
        ]
      : []),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

describe('child counts routes', () => {
  let app: TestApp;
  let enrolment: Client;
  let review: Client;
  let outsider: Client;
  let a: TestFacility;
  let b: TestFacility;
  let userA: FacilityClient;
  let userB: FacilityClient;

  const importApi = (client: Client, month: string, body: string, headers: Record<string, string> = {}) =>
    app.server.inject({
      method: 'POST',
      url: `/api/v1/staff/facility-counts/import?month=${month}`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'text/csv; charset=utf-8', ...headers },
      payload: body,
    });
  const page = (cookie: string, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
  const form = (cookie: string, url: string, fields: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  before(async () => {
    app = await startTestApp();
    await makeEnrolmentStaff(app, 'counts-enrol');
    await makeReviewStaff(app, 'counts-review', 'staff');
    await makeStaff(app, { loginId: 'counts-other', dept: 'counts-elsewhere' });
    enrolment = await logInClient(app, 'counts-enrol');
    review = await logInClient(app, 'counts-review');
    outsider = await logInClient(app, 'counts-other');
    a = await insertTestFacility(app.ctx, { code: 'RT-A', name: 'みどり保育園' });
    b = await insertTestFacility(app.ctx, { code: 'RT-B', name: 'あおぞら保育園' });
    userA = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: a.id }));
    userB = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: b.id }));
  });
  after(() => app.close());

  it('lets the enrolment division import by the API; the review division gets 403, other departments 404, nothing stored', async () => {
    const body = `${HEADER}\nRT-A,3,0歳,標準,4\nRT-A,3,1・2歳,短時間,9\nRT-B,2,3歳,標準,15\n`;
    assert.equal((await importApi(review, '2026-04', body)).statusCode, 403);
    assert.equal((await importApi(outsider, '2026-04', body)).statusCode, 404);
    assert.equal((await importApi(enrolment, '2026-04', body, { 'x-csrf-token': 'wrong' })).statusCode, 403);
    const stored = await app.ctx.db.query(`SELECT 1 FROM fc_count_imports WHERE month = '2026-04-01'`);
    assert.equal(stored.rows.length, 0);
    const ok = await importApi(enrolment, '2026-04', body);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().lineCount, 3);
    assert.equal(ok.json().facilityCount, 2);
    assert.equal(ok.json().encoding, 'utf-8');
    // B alone has a month A has not
    assert.equal((await importApi(enrolment, '2026-05', `${HEADER}\nRT-B,3,0歳,標準,2\n`)).statusCode, 201);
  });

  it('answers a refused API import 422 with every bad line as a field, and refuses a body that is not CSV', async () => {
    const r = await importApi(enrolment, '2026-06', `${HEADER}\nRT-A,3,0歳,標準,4\nRT-X,3,0歳,標準,1\nRT-A,2,0歳,標準,1\n`);
    assert.equal(r.statusCode, 422);
    assert.deepEqual(
      r.json().errors.map((e: { field: string }) => e.field),
      ['lines.3.facilityCode', 'lines.4.ageBand'],
    );
    const json = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/facility-counts/import?month=2026-06',
      headers: { cookie: enrolment.cookie, 'x-csrf-token': enrolment.csrf },
      payload: { a: 1 },
    });
    assert.equal(json.statusCode, 415);
    const personal = await importApi(enrolment, '2026-06', `${HEADER},生年月日\nRT-A,3,0歳,標準,4,2025-05-05\n`);
    assert.equal(personal.statusCode, 422);
    assert.match(personal.json().errors[0].message, /生年月日/);
  });

  it('shows the facility only its own months and counts, by the API and the pages', async () => {
    const months = await userA.call('GET', '/api/v1/facility/counts');
    assert.equal(months.status, 200);
    assert.deepEqual(
      months.json.items.map((x: { month: string; total: number; status: string }) => [x.month, x.total, x.status]),
      [['2026-04', 13, 'pending']],
    );
    const month = await userA.call('GET', '/api/v1/facility/counts/2026-04');
    assert.equal(month.status, 200);
    assert.deepEqual(month.json.counts, [
      { certClass: 3, ageBand: 'age0', need: 'standard', count: 4 },
      { certClass: 3, ageBand: 'age1-2', need: 'short', count: 9 },
    ]);
    assert.equal(month.json.total, 13);
    // B's month: not A's (404 like a month without counts), by the API and the page
    assert.equal((await userA.call('GET', '/api/v1/facility/counts/2026-05')).status, 404);
    assert.equal((await userA.call('POST', '/api/v1/facility/counts/2026-05/confirm', {})).status, 404);
    assert.equal((await userA.call('POST', '/api/v1/facility/counts/2026-05/query', { message: '違います' })).status, 404);
    assert.equal((await page(userA.cookie, '/facility/counts/2026-05')).statusCode, 404);
    const list = await page(userA.cookie, '/facility/counts');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /href="\/facility\/counts\/2026-04"/);
    assert.doesNotMatch(list.body, /2026-05/);
    const detail = await page(userA.cookie, '/facility/counts/2026-04');
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /3号認定/);
    assert.match(detail.body, /乳児（0歳児）/);
    assert.match(detail.body, /保育短時間/);
    assert.match(detail.body, /確認しました/);
    assert.doesNotMatch(detail.body, /あおぞら保育園/);
    const state = await review.call('GET', '/api/v1/staff/facility-counts?month=2026-05');
    assert.equal(state.status, 200);
    // B did nothing with A's month: still its own pending
    assert.deepEqual(
      state.json.facilities.map((f: { code: string; status: string }) => [f.code, f.status]),
      [['RT-B', 'pending']],
    );
    assert.equal((await userB.call('GET', '/api/v1/facility/counts/2026-04')).json.counts.length, 1);
  });

  it('confirms (refusing a stale import), queries, and shows the city’s answer; the answers are audited without their text', async () => {
    const stale = await userA.call('POST', '/api/v1/facility/counts/2026-04/confirm', { importId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(stale.status, 422);
    assert.equal((await userA.call('POST', '/api/v1/facility/counts/2026-04/confirm', {}, { csrf: false })).status, 403);
    const confirmed = await userA.call('POST', '/api/v1/facility/counts/2026-04/confirm', {});
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.json.status, 'confirmed');
    assert.equal((await userA.call('POST', '/api/v1/facility/counts/2026-04/query', { message: '  ' })).status, 422);
    const queried = await userA.call('POST', '/api/v1/facility/counts/2026-04/query', { message: '1・2歳児の短時間は8人のはずです' });
    assert.equal(queried.status, 200);
    assert.equal(queried.json.status, 'queried');
    // the review division may look but not answer; the enrolment division answers
    const detailUrl = '/staff/facility-counts/2026-04/RT-A';
    const asReview = await page(review.cookie, detailUrl);
    assert.equal(asReview.statusCode, 200);
    assert.match(asReview.body, /1・2歳児の短時間は8人のはずです/);
    assert.doesNotMatch(asReview.body, /name="answer"/);
    assert.equal((await form(review.cookie, `${detailUrl}/answer`, { _csrf: review.csrf, answer: 'x' })).statusCode, 403);
    assert.equal((await page(outsider.cookie, detailUrl)).statusCode, 404);
    const empty = await form(enrolment.cookie, `${detailUrl}/answer`, { _csrf: enrolment.csrf, answer: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /回答を入力してください/);
    const answered = await form(enrolment.cookie, `${detailUrl}/answer`, {
      _csrf: enrolment.csrf,
      answer: '基幹システムを確認し、再取込します。',
    });
    assert.equal(answered.statusCode, 303);
    const again = await form(enrolment.cookie, `${detailUrl}/answer`, { _csrf: enrolment.csrf, answer: 'もう一度' });
    assert.equal(again.statusCode, 422); // no open query any more
    const seen = await userA.call('GET', '/api/v1/facility/counts/2026-04');
    assert.equal(seen.json.status, 'answered');
    assert.equal(seen.json.answer, '基幹システムを確認し、再取込します。');
    // both texts are encrypted at rest (a facility may name a child in them)
    const stored = await app.ctx.db.query<{ row: string }>('SELECT r::text AS row FROM fc_count_reviews r');
    assert.doesNotMatch(stored.rows.map((r) => r.row).join('\n'), /8人|基幹システム/);
    const audit = await app.ctx.db.query<{ action: string; actor_type: string; detail: Record<string, unknown> }>(
      `SELECT action, actor_type, detail FROM audit_log WHERE action IN ('facility.counts.confirm', 'facility.counts.query', 'facility.counts.answer') ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((r) => [r.action, r.actor_type]),
      [
        ['facility.counts.confirm', 'facility'],
        ['facility.counts.query', 'facility'],
        ['facility.counts.answer', 'staff'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(audit.rows.map((r) => r.detail)), /8人|基幹/);
  });

  it('confirms and queries from the facility page with the session CSRF token', async () => {
    const url = '/facility/counts/2026-04';
    assert.equal((await form(userA.cookie, `${url}/query`, { _csrf: 'wrong', message: 'x' })).statusCode, 403);
    const blank = await form(userA.cookie, `${url}/query`, { _csrf: userA.csrf, message: '' });
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /照会の内容を入力してください/);
    const sent = await form(userA.cookie, `${url}/query`, { _csrf: userA.csrf, message: '<script>alert(1)</script>' });
    assert.equal(sent.statusCode, 303);
    const shown = await page(userA.cookie, `${url}?done=queried`);
    assert.match(shown.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(shown.body, /<script>alert/);
    const importId = (await userA.call('GET', '/api/v1/facility/counts/2026-04')).json.importId;
    const done = await form(userA.cookie, `${url}/confirm`, { _csrf: userA.csrf, importId });
    assert.equal(done.statusCode, 303);
    assert.equal((await userA.call('GET', '/api/v1/facility/counts/2026-04')).json.status, 'confirmed');
  });

  it('imports by the upload form, lists every bad line of a refused file, and resets a changed facility to pending', async () => {
    const upload = (fields: Record<string, string>, content?: string) =>
      app.server.inject({
        method: 'POST',
        url: '/staff/facility-counts/import',
        headers: { cookie: enrolment.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipart(fields, content === undefined ? undefined : { name: 'counts.csv', content }),
      });
    assert.equal((await page(review.cookie, '/staff/facility-counts/import')).statusCode, 403);
    assert.equal((await page(outsider.cookie, '/staff/facility-counts/import')).statusCode, 404);
    const formPage = await page(enrolment.cookie, '/staff/facility-counts/import');
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /enctype="multipart\/form-data"/);
    assert.equal((await upload({ _csrf: 'wrong', month: '2026-04' }, `${HEADER}\nRT-A,3,0歳,標準,5\n`)).statusCode, 403);
    const refused = await upload(
      { _csrf: enrolment.csrf, month: '2026-04' },
      `${HEADER}\nRT-A,3,0歳,標準,5\nRT-A,3,0歳,標準,x\nRT-Q,3,0歳,標準,1\n`,
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /3行目/);
    assert.match(refused.body, /4行目/);
    assert.match(refused.body, /RT-Q/);
    const personal = await upload({ _csrf: enrolment.csrf, month: '2026-04' }, `園児名,${HEADER}\n市川 一郎,RT-A,3,0歳,標準,5\n`);
    assert.equal(personal.statusCode, 422);
    assert.match(personal.body, /園児名列（1列目）は子どもの個人情報（氏名）/);
    assert.doesNotMatch(personal.body, /市川 一郎/);
    const big = await upload({ _csrf: enrolment.csrf, month: '2026-04' }, `${HEADER}\n${'RT-A,3,0歳,標準,5\n'.repeat(300_000)}`);
    assert.equal(big.statusCode, 422);
    assert.match(big.body, /ファイルが大きすぎます（5 MBまで）/);
    const bigApi = await importApi(enrolment, '2026-04', `${HEADER}\n${'RT-A,3,0歳,標準,5\n'.repeat(300_000)}`);
    assert.equal(bigApi.statusCode, 413);
    // the review division's token is valid, its division is not: refused before the file is read
    const byReview = await app.server.inject({
      method: 'POST',
      url: '/staff/facility-counts/import',
      headers: { cookie: review.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart({ _csrf: review.csrf, month: '2026-04' }, { name: 'c.csv', content: `${HEADER}\nRT-A,3,0歳,標準,1\n` }),
    });
    assert.equal(byReview.statusCode, 403);
    const missing = await upload({ _csrf: enrolment.csrf, month: '2026-04' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /CSVファイルを選んでください/);
    const ok = await upload({ _csrf: enrolment.csrf, month: '2026-04' }, `${HEADER}\nRT-A,3,0歳,標準,4\nRT-A,3,1・2歳,短時間,8\n`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(ok.body, /人数が変わった施設 1/);
    const a4 = await userA.call('GET', '/api/v1/facility/counts/2026-04');
    assert.equal(a4.json.status, 'pending');
    assert.equal(a4.json.total, 12);
  });

  it('shows the city a month: every facility with its answer and the totals by class; 404 to other departments', async () => {
    const api = await enrolment.call('GET', '/api/v1/staff/facility-counts?month=2026-04');
    assert.equal(api.status, 200);
    assert.deepEqual(
      api.json.facilities.map((f: { code: string; status: string; total: number }) => [f.code, f.status, f.total]),
      [
        ['RT-A', 'pending', 12],
        ['RT-B', 'pending', 15],
      ],
    );
    assert.deepEqual(api.json.totals, [
      { certClass: 2, ageBand: 'age3', need: 'standard', count: 15 },
      { certClass: 3, ageBand: 'age0', need: 'standard', count: 4 },
      { certClass: 3, ageBand: 'age1-2', need: 'short', count: 8 },
    ]);
    assert.deepEqual(api.json.statusCounts, { pending: 2, confirmed: 0, queried: 0, answered: 0 });
    assert.equal((await outsider.call('GET', '/api/v1/staff/facility-counts?month=2026-04')).status, 404);
    const html = await page(review.cookie, '/staff/facility-counts?month=2026-04');
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /みどり保育園/);
    assert.match(html.body, /href="\/staff\/facility-counts\/2026-04\/RT-A"/);
    assert.match(html.body, /href="\/staff\/facility-counts"[^>]*aria-current/); // the menu entry
    assert.equal((await page(outsider.cookie, '/staff/facility-counts')).statusCode, 404);
    const invalid = await page(review.cookie, '/staff/facility-counts?month=2026-13');
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /YYYY-MM/);
  });
});
