import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { allJobs } from '../../../bootstrap.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../../platform/mailer.js';
import { makeService } from '../testing.js';
import { citizenFormSession, withCookies } from '../../../web/citizen/testing.js';

// Monday 30 Nov 2026, 09:00 Tokyo
const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const VICTIM = { name: '被害 花子', phone: '090-1111-2222', email: 'victim@example.jp', reason: '生活保護の相談（DV避難中）' };

describe('citizen My Page access', () => {
  let app: TestApp;
  let svc: { id: string };
  let other: { id: string };

  before(async () => {
    app = await startTestApp({ clock });
    svc = await makeService(app.ctx, { name: '給付金の申請サポート', capacity: 5 });
    other = await makeService(app.ctx, { name: '労働相談', capacity: 5 });
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const post = (url: string, fields: Record<string, string>, cookie = '') =>
    app.server.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });
  const get = (url: string, cookie = '') => app.server.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });

  /** Books through the web form (form → confirm) as a browser with `cookie`; returns the number and the cookies after. */
  async function bookOnWeb(
    serviceId: string,
    start: string,
    p: { name: string; phone: string; email: string; reason?: string },
    cookie = '',
  ) {
    const fields = { start, name: p.name, phone: p.phone, email: p.email, f_topic: 'other' };
    const confirm = await post(`/services/${serviceId}/book`, fields, cookie);
    assert.equal(confirm.statusCode, 200, confirm.body);
    cookie = withCookies(cookie, confirm);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const done = await post(`/services/${serviceId}/book/confirm`, { ...fields, _csrf: csrf, idempotencyKey: key }, cookie);
    assert.equal(done.statusCode, 303, done.body);
    const number = /\/my\/reservations\/([2-9A-Z]{8})\?done=1/.exec(String(done.headers.location))?.[1];
    assert.ok(number);
    return { number, cookie: withCookies(cookie, done) };
  }

  const myList = async (cookie: string) => (await get('/my', cookie)).body;

  it("refuses a victim's bookings to someone who booked with the victim's phone on the web form", async () => {
    const victim = await bookOnWeb(svc.id, '2026-12-01T09:00:00+09:00', VICTIM);
    const attacker = await bookOnWeb(other.id, '2026-12-01T10:00:00+09:00', {
      name: '攻撃 者',
      phone: '09011112222',
      email: 'attacker@example.jp',
    });
    const list = await myList(attacker.cookie);
    assert.ok(list.includes(`${attacker.number.slice(0, 4)}-${attacker.number.slice(4)}`), 'own booking listed');
    assert.ok(!list.includes(`${victim.number.slice(0, 4)}-${victim.number.slice(4)}`), 'victim booking not listed');
    const view = await get(`/my/reservations/${victim.number}`, attacker.cookie);
    assert.equal(view.statusCode, 404);
    assert.ok(!view.body.includes('被害') && !view.body.includes('victim@example.jp'));
    assert.equal((await get(`/my/reservations/${victim.number}/edit`, attacker.cookie)).statusCode, 404);
    // cancelling with the attacker's own CSRF token
    const page = await get('/my', attacker.cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cancel = await post(`/my/reservations/${victim.number}/cancel`, { _csrf: csrf }, attacker.cookie);
    assert.equal(cancel.statusCode, 404);
    const still = await app.ctx.db.query<{ status: string }>('SELECT status FROM rsv_reservations WHERE reservation_number = $1', [
      victim.number,
    ]);
    assert.equal(still.rows[0]!.status, 'booked');
    // the victim still sees their own booking in their own browser
    assert.equal((await get(`/my/reservations/${victim.number}`, victim.cookie)).statusCode, 200);
  });

  it("refuses a victim's bookings after an API booking with their phone and a log-in with the attacker's own number", async () => {
    const victim = await bookOnWeb(svc.id, '2026-12-02T09:00:00+09:00', VICTIM);
    const api = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: {
        serviceId: other.id,
        start: '2026-12-02T10:00:00+09:00',
        name: '攻撃 者',
        phone: VICTIM.phone,
        fields: { topic: 'other' },
      },
    });
    assert.equal(api.statusCode, 201, api.body);
    const own = api.json().reservationNumber as string;
    const form = await citizenFormSession(app.server);
    const login = await post('/my/login', { _csrf: form.csrf, number: own, phone: VICTIM.phone }, form.cookie);
    assert.equal(login.statusCode, 303, login.body);
    const cookie = withCookies(form.cookie, login);
    const list = await myList(cookie);
    assert.ok(list.includes(`${own.slice(0, 4)}-${own.slice(4)}`));
    assert.ok(!list.includes(`${victim.number.slice(0, 4)}-${victim.number.slice(4)}`));
    assert.equal((await get(`/my/reservations/${victim.number}`, cookie)).statusCode, 404);
  });

  it("keeps a household sharing a phone from seeing each other's bookings", async () => {
    const a = await bookOnWeb(svc.id, '2026-12-03T09:00:00+09:00', { name: '家族 一', phone: '03-5550-7777', email: 'one@example.jp' });
    const b = await bookOnWeb(svc.id, '2026-12-03T09:30:00+09:00', { name: '家族 二', phone: '03-5550-7777', email: 'two@example.jp' });
    assert.equal((await get(`/my/reservations/${a.number}`, b.cookie)).statusCode, 404);
    assert.equal((await get(`/my/reservations/${b.number}`, a.cookie)).statusCode, 404);
  });

  it('stops a copied My Page cookie from working once My Page is closed', async () => {
    const mine = await bookOnWeb(svc.id, '2026-12-04T09:00:00+09:00', {
      name: '閉じる 人',
      phone: '090-2222-3333',
      email: 'close@example.jp',
    });
    const copied = mine.cookie;
    assert.equal((await get(`/my/reservations/${mine.number}`, copied)).statusCode, 200);
    const page = await get('/my', mine.cookie);
    const csrf = /action="\/my\/logout"><input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const closed = await post('/my/logout', { _csrf: csrf }, mine.cookie);
    assert.equal(closed.statusCode, 303);
    const view = await get(`/my/reservations/${mine.number}`, copied);
    assert.equal(view.statusCode, 404);
    assert.ok(!view.body.includes('閉じる 人'));
    assert.ok(!(await myList(copied)).includes(`${mine.number.slice(0, 4)}-`));
  });

  it('lists by a mailed single-use link only the bookings made with that e-mail address', async () => {
    const x1 = await bookOnWeb(svc.id, '2026-12-07T09:00:00+09:00', { name: '見本 一', phone: '090-3333-0001', email: 'Same@Example.jp' });
    const x2 = await bookOnWeb(other.id, '2026-12-07T10:00:00+09:00', {
      name: '見本 二',
      phone: '090-3333-0002',
      email: 'same@example.jp',
    });
    const y = await bookOnWeb(svc.id, '2026-12-07T09:30:00+09:00', { name: '見本 三', phone: '090-3333-0001', email: 'else@example.jp' });
    const form = await citizenFormSession(app.server);
    const asked = await post('/my/email', { _csrf: form.csrf, email: 'same@example.jp' }, form.cookie);
    assert.equal(asked.statusCode, 200, asked.body);
    await new JobWorker(app.ctx, allJobs()).drain();
    const mail = (await smtpStandin()).messages.filter((m) => m.to.includes('same@example.jp') && m.subject.includes('マイページ')).at(-1);
    assert.ok(mail, 'link mailed');
    const path = /(\/my\/e\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.ok(path);
    const landing = await get(path, form.cookie);
    assert.equal(landing.statusCode, 200);
    const opened = await post(path, { _csrf: form.csrf }, form.cookie);
    assert.equal(opened.statusCode, 303, opened.body);
    const cookie = withCookies(form.cookie, opened);
    const list = await myList(cookie);
    for (const n of [x1.number, x2.number]) assert.ok(list.includes(`${n.slice(0, 4)}-${n.slice(4)}`), `lists ${n}`);
    assert.ok(!list.includes(`${y.number.slice(0, 4)}-${y.number.slice(4)}`), 'not a booking of another address with the same phone');
    assert.equal((await get(`/my/reservations/${y.number}`, cookie)).statusCode, 404);
    // single use
    const again = await post(path, { _csrf: form.csrf }, form.cookie);
    assert.equal(again.statusCode, 410);
  });

  it('answers a link request for an unknown address exactly as for a known one, and mails nothing', async () => {
    await bookOnWeb(svc.id, '2026-12-08T09:00:00+09:00', { name: '既知 人', phone: '090-4444-0001', email: 'known@example.jp' });
    const form = await citizenFormSession(app.server);
    const known = await post('/my/email', { _csrf: form.csrf, email: 'known@example.jp' }, form.cookie);
    const unknown = await post('/my/email', { _csrf: form.csrf, email: 'nobody@example.jp' }, form.cookie);
    assert.equal(unknown.statusCode, known.statusCode);
    assert.equal(unknown.body, known.body);
    await new JobWorker(app.ctx, allJobs()).drain();
    const box = (await smtpStandin()).messages;
    assert.ok(box.some((m) => m.to.includes('known@example.jp') && m.subject.includes('マイページ')));
    assert.ok(!box.some((m) => m.to.includes('nobody@example.jp')));
  });

  it('throttles link requests per address without telling', async () => {
    const form = await citizenFormSession(app.server);
    const count = async () =>
      (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'reservations.my-page-link'`)).rows[0]!.n;
    const before = await count();
    const answers: { statusCode: number; body: string }[] = [];
    for (let i = 0; i < 5; i++) answers.push(await post('/my/email', { _csrf: form.csrf, email: 'flood@example.jp' }, form.cookie));
    assert.ok(answers.every((a) => a.statusCode === 200 && a.body === answers[0]!.body));
    assert.equal((await count()) - before, 3);
  });

  it('refuses the log-in, link and booking-confirm forms without their CSRF token', async () => {
    const form = await citizenFormSession(app.server);
    assert.equal((await post('/my/login', { number: 'ABCD2345', phone: '09011112222' }, form.cookie)).statusCode, 403);
    assert.equal(
      (await post('/my/login', { _csrf: 'x'.repeat(32), number: 'ABCD2345', phone: '09011112222' }, form.cookie)).statusCode,
      403,
    );
    assert.equal((await post('/my/email', { email: 'a@example.jp' }, form.cookie)).statusCode, 403);
    const fields = { start: '2026-12-09T09:00:00+09:00', name: 'CSRF 試験', phone: '090-5555-0000', email: '', f_topic: 'other' };
    const refused = await post(`/services/${svc.id}/book/confirm`, fields, form.cookie);
    assert.equal(refused.statusCode, 403);
    const n = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rsv_reservations WHERE starts_at = '2026-12-09T09:00:00+09:00'`,
    );
    assert.equal(n.rows[0]!.n, 0);
    // another browser's token does not fit this browser's cookie
    const otherBrowser = await citizenFormSession(app.server);
    assert.equal((await post(`/services/${svc.id}/book/confirm`, { ...fields, _csrf: otherBrowser.csrf }, form.cookie)).statusCode, 403);
  });

  it('writes department names and service descriptions in English on English pages, Japanese when no English exists', async () => {
    const en = await makeService(app.ctx, { name: '転入届', nameEn: 'Moving in', description: '転入の届出です。' });
    const ja = await makeService(app.ctx, { name: '転出届', nameEn: 'Moving out', description: '転出の届出です。' });
    await app.ctx.db.query(
      `UPDATE departments SET name = '市民課', name_en = 'Citizens Division' WHERE id = (SELECT department_id FROM rsv_services WHERE id = $1)`,
      [en.id],
    );
    await app.ctx.db.query(`UPDATE rsv_services SET description_en = 'Report a move into the city.' WHERE id = $1`, [en.id]);
    const home = await get('/?lang=en');
    assert.ok(home.body.includes('Citizens Division'));
    assert.ok(home.body.includes('Report a move into the city.'));
    assert.ok(!home.body.includes('転入の届出です。'));
    assert.ok(home.body.includes('転出の届出です。'), 'falls back to Japanese without an English description');
    const page = await get(`/services/${en.id}?lang=en`);
    assert.ok(page.body.includes('Report a move into the city.') && page.body.includes('Citizens Division'));
    assert.ok(!(await get(`/services/${ja.id}?lang=en`)).body.includes('Citizens Division'));
  });

  for (const start of [
    '9999-12-31T09:00:00+09:00',
    '+010000-01-04T09:00:00+09:00',
    '0001-01-01T09:00:00+09:00',
    '-000001-01-01T09:00:00+09:00',
  ])
    it(`answers a far-away start (${start}) with a field error on both routes, not a 500`, async () => {
      const page = await get(`/services/${svc.id}/book?start=${encodeURIComponent(start)}`);
      assert.equal(page.statusCode, 422, page.body);
      assert.match(page.body, /選択した日時は予約できません/);
      const form = await post(`/services/${svc.id}/book`, { start, name: '遠い 日', phone: '090-6666-0000', f_topic: 'other' });
      assert.equal(form.statusCode, 422, form.body);
      const api = await app.server.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        payload: { serviceId: svc.id, start, name: '遠い 日', phone: '090-6666-0000', fields: { topic: 'other' } },
      });
      assert.equal(api.statusCode, 422, api.body);
      assert.ok(
        api.json().errors.some((e: { field: string }) => e.field === 'start'),
        api.body,
      );
    });
});
