/**
 * Every form of My Page refuses a request without its CSRF token or with another browser's token
 * (403, nothing changed), and every My Page screen that shows what people typed escapes it.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { stopSmtpStandin } from '../../../platform/mailer.js';
import { escapeHtml } from '../../../web/html.js';
import { citizenFormSession, withCookies } from '../../../web/citizen/testing.js';
import { emailIndexOf } from '../reservations.repository.js';
import { hashToken } from '../reservation-number.js';
import { makeService, TOPIC_FIELD } from '../testing.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const EVIL = `<script>alert(1)</script>"'`;
const NOTE = {
  key: 'note',
  labelJa: 'メモ',
  labelEn: 'Note',
  type: 'textarea' as const,
  required: false,
  classification: 'personal' as const,
  maxLength: 500,
};

describe('My Page forms and output', () => {
  let app: TestApp;
  let svc: { id: string };
  let evilSvc: { id: string };
  let slot = 0;

  before(async () => {
    app = await startTestApp({ clock });
    svc = await makeService(app.ctx, { name: '転入届', capacity: 50, fields: [TOPIC_FIELD, NOTE] });
    evilSvc = await makeService(app.ctx, {
      name: `窓口${EVIL}`,
      nameEn: `Counter${EVIL}`,
      place: `庁舎${EVIL}`,
      capacity: 50,
      fields: [TOPIC_FIELD, NOTE],
    });
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const post = (url: string, fields: Record<string, string>, cookie = '') =>
    app.server.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });
  const get = (url: string, cookie = '') => app.server.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });
  const csrfOf = (body: string, action: string) =>
    new RegExp(`action="${action}"[^>]*>\\s*<input type="hidden" name="_csrf" value="([^"]+)"`).exec(body)?.[1] ?? '';

  /** A booking made through the API, opened on My Page by number + phone in a fresh browser. */
  async function openedBooking(o: { serviceId?: string; name?: string; note?: string } = {}) {
    const i = slot++;
    const start = `2026-12-${String(1 + Math.floor(i / 6)).padStart(2, '0')}T${String(9 + (i % 3)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00+09:00`;
    const phone = `090-7000-${String(1000 + i)}`;
    const api = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: {
        serviceId: o.serviceId ?? svc.id,
        start,
        name: o.name ?? '試験 太郎',
        phone,
        email: `p${i}@example.jp`,
        fields: { topic: 'other', note: o.note ?? '' },
      },
    });
    assert.equal(api.statusCode, 201, api.body);
    const number = api.json().reservationNumber as string;
    const form = await citizenFormSession(app.server);
    const login = await post('/my/login', { _csrf: form.csrf, number, phone }, form.cookie);
    assert.equal(login.statusCode, 303, login.body);
    const cookie = withCookies(form.cookie, login);
    const home = await get('/my', cookie);
    const csrf = csrfOf(home.body, '/my/logout');
    assert.ok(csrf, 'the My Page token is on the page');
    return { number, phone, cookie, csrf, formCsrf: form.csrf };
  }

  const row = async (number: string) =>
    (await app.ctx.db.query('SELECT * FROM rsv_reservations WHERE reservation_number = $1', [number])).rows[0] as Record<string, unknown>;

  const sessionForms: { name: string; path: (n: string) => string; fields: Record<string, string> }[] = [
    { name: 'change of time', path: (n) => `/my/reservations/${n}/change`, fields: { start: '2026-12-22T11:00:00+09:00' } },
    {
      name: 'change of details',
      path: (n) => `/my/reservations/${n}/edit`,
      fields: { name: '書換 太郎', phone: '090-9999-0000', email: '', f_topic: 'other', f_note: 'x' },
    },
    { name: 'cancellation', path: (n) => `/my/reservations/${n}/cancel`, fields: {} },
    { name: 'closing My Page', path: () => '/my/logout', fields: {} },
  ];

  for (const f of sessionForms)
    it(`refuses the ${f.name} form without a token and with another session's token (403), changing nothing`, async () => {
      const mine = await openedBooking();
      const other = await openedBooking();
      const before = await row(mine.number);
      const missing = await post(f.path(mine.number), f.fields, mine.cookie);
      assert.equal(missing.statusCode, 403, missing.body);
      const foreign = await post(f.path(mine.number), { ...f.fields, _csrf: other.csrf }, mine.cookie);
      assert.equal(foreign.statusCode, 403, foreign.body);
      // the owner's own token with another session's cookie is refused too
      const swapped = await post(f.path(mine.number), { ...f.fields, _csrf: mine.csrf }, other.cookie);
      assert.ok([403, 404].includes(swapped.statusCode), `${swapped.statusCode}`);
      assert.ok(!missing.cookies.some((c) => c.name.includes('madoguchi_my')), 'no cookie change');
      assert.deepEqual(await row(mine.number), before, 'the booking is unchanged');
      assert.equal((await get(`/my/reservations/${mine.number}`, mine.cookie)).statusCode, 200, 'the session still works');
      // with its own token the same form goes through (so the refusals above were about the token)
      const ok = await post(f.path(mine.number), { ...f.fields, _csrf: mine.csrf }, mine.cookie);
      assert.equal(ok.statusCode, 303, ok.body);
    });

  it("refuses the number + phone log-in without a token and with another browser's token, opening nothing", async () => {
    const mine = await openedBooking();
    const browser = await citizenFormSession(app.server);
    const otherBrowser = await citizenFormSession(app.server);
    const fields = { number: mine.number, phone: mine.phone };
    for (const refused of [
      await post('/my/login', fields, browser.cookie),
      await post('/my/login', { ...fields, _csrf: otherBrowser.csrf }, browser.cookie),
    ]) {
      assert.equal(refused.statusCode, 403);
      assert.ok(!refused.cookies.some((c) => c.name.includes('madoguchi_my')), 'no session opened');
    }
    assert.equal((await post('/my/login', { ...fields, _csrf: browser.csrf }, browser.cookie)).statusCode, 303);
  });

  it("refuses the link request without a token and with another browser's token, queueing no mail", async () => {
    const browser = await citizenFormSession(app.server);
    const otherBrowser = await citizenFormSession(app.server);
    const jobs = async () =>
      (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'reservations.my-page-link'`)).rows[0]!.n;
    const before = await jobs();
    assert.equal((await post('/my/email', { email: 'csrf@example.jp' }, browser.cookie)).statusCode, 403);
    assert.equal((await post('/my/email', { email: 'csrf@example.jp', _csrf: otherBrowser.csrf }, browser.cookie)).statusCode, 403);
    assert.equal(await jobs(), before);
    assert.equal((await post('/my/email', { email: 'csrf@example.jp', _csrf: browser.csrf }, browser.cookie)).statusCode, 200);
    assert.equal(await jobs(), before + 1);
  });

  it("refuses to spend a mailed link without a token and with another browser's token; the link still works after", async () => {
    const token = crypto.randomBytes(24).toString('base64url');
    const now = clock.now();
    await app.ctx.db.query('INSERT INTO rsv_email_links (token_hash, email_index, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      hashToken(token),
      emailIndexOf(app.ctx, 'link@example.jp'),
      now,
      new Date(now.getTime() + 600_000),
    ]);
    const browser = await citizenFormSession(app.server);
    const otherBrowser = await citizenFormSession(app.server);
    const landing = await get(`/my/e/${token}`, browser.cookie);
    assert.equal(landing.statusCode, 200);
    assert.equal((await post(`/my/e/${token}`, {}, browser.cookie)).statusCode, 403);
    assert.equal((await post(`/my/e/${token}`, { _csrf: otherBrowser.csrf }, browser.cookie)).statusCode, 403);
    const used = await app.ctx.db.query<{ used_at: Date | null }>('SELECT used_at FROM rsv_email_links WHERE token_hash = $1', [
      hashToken(token),
    ]);
    assert.equal(used.rows[0]!.used_at, null, 'not spent');
    const opened = await post(`/my/e/${token}`, { _csrf: csrfOf(landing.body, `/my/e/${token}`) }, browser.cookie);
    assert.equal(opened.statusCode, 303);
  });

  it('escapes <script>, quotes and apostrophes in names, answers, service names and places on every My Page screen', async () => {
    const b = await openedBooking({ serviceId: evilSvc.id, name: `花子${EVIL}`, note: `メモ${EVIL}` });
    const pages = {
      list: await get('/my', b.cookie),
      view: await get(`/my/reservations/${b.number}`, b.cookie),
      edit: await get(`/my/reservations/${b.number}/edit`, b.cookie),
      cancel: await get(`/my/reservations/${b.number}/cancel`, b.cookie),
      change: await get(`/my/reservations/${b.number}/change`, b.cookie),
      english: await get(`/my/reservations/${b.number}?lang=en`, b.cookie),
      // a refused change of details shows everything typed again
      refused: await post(
        `/my/reservations/${b.number}/edit`,
        { _csrf: b.csrf, name: `再${EVIL}`, phone: 'abc', f_topic: 'other', f_note: `再メモ${EVIL}` },
        b.cookie,
      ),
    };
    for (const [name, page] of Object.entries(pages)) {
      assert.ok([200, 422].includes(page.statusCode), `${name}: ${page.statusCode}`);
      assert.ok(!page.body.includes('<script>alert(1)</script>'), `${name} has the script unescaped`);
      assert.ok(!page.body.includes(`</script>"'`), `${name} has the quotes unescaped`);
    }
    const escaped = escapeHtml(EVIL);
    assert.ok(pages.list.body.includes(`窓口${escaped}`), 'list: service name');
    for (const text of [`花子${escaped}`, `メモ${escaped}`, `窓口${escaped}`, `庁舎${escaped}`])
      assert.ok(pages.view.body.includes(text), `view: ${text}`);
    assert.ok(pages.english.body.includes(`Counter${escaped}`), 'English view: service name');
    assert.ok(pages.edit.body.includes(`value="花子${escaped}"`), 'edit: the name in its input');
    assert.ok(pages.edit.body.includes(`メモ${escaped}`), 'edit: the answer in its textarea');
    assert.ok(pages.cancel.body.includes(`窓口${escaped}`), 'cancel: service name');
    assert.equal(pages.refused.statusCode, 422);
    assert.ok(
      pages.refused.body.includes(`value="再${escaped}"`) && pages.refused.body.includes(`再メモ${escaped}`),
      'refused edit: typed values kept, escaped',
    );
  });
});
