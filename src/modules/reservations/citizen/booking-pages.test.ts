/**
 * The citizen booking screens as declared pages: what each declares, escaping of everything typed
 * on every step that shows it, refusals (unknown service, malformed day), the form token and
 * idempotency key of the book step, and the booking's language.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { listDeclaredPages } from '../../../http/page-route.js';
import { ManualClock } from '../../../platform/clock.js';
import { citizenFormSession, withCookies } from '../../../web/citizen/testing.js';
import { makeService } from '../testing.js';

// Monday 30 Nov 2026, 09:00 Tokyo
const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const EVIL = `<script>alert(1)</script>"'`;
const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;';
const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('citizen booking screens', () => {
  let app: TestApp;
  let svc: { id: string };

  before(async () => {
    app = await startTestApp({ clock });
    svc = await makeService(app.ctx, { name: '予約画面テスト', capacity: 3 });
  });
  after(() => app.close());

  const post = (url: string, fields: Record<string, string>, cookie = '') =>
    app.server.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });
  const get = (url: string, cookie = '') => app.server.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });
  const reservationsAt = async (start: string) =>
    (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rsv_reservations WHERE starts_at = $1', [start])).rows[0]!.n;

  it('declares every booking screen public; only the book step changes anything and it needs the form token', () => {
    const pages = listDeclaredPages(app.server).filter((p) => p.url === '/' || p.url.startsWith('/services/'));
    const rule = (method: string, url: string) => {
      const p = pages.find((x) => x.method === method && x.url === url);
      assert.ok(p, `${method} ${url} is declared`);
      assert.equal(p.auth, 'public');
      return typeof p.csrf === 'object' ? 'exempt' : p.csrf;
    };
    assert.equal(rule('GET', '/'), 'none');
    assert.equal(rule('GET', '/services/:id'), 'none');
    assert.equal(rule('GET', '/services/:id/days/:date'), 'none');
    assert.equal(rule('GET', '/services/:id/book'), 'none');
    assert.equal(rule('POST', '/services/:id/book'), 'exempt');
    assert.equal(rule('POST', '/services/:id/times'), 'exempt');
    assert.equal(rule('POST', '/services/:id/book/confirm'), 'form');
  });

  it('escapes what was typed on the check page, the refused form and "choose another time", keeping every answer', async () => {
    const start = '2026-12-02T09:30:00+09:00';
    const check = await post(`/services/${svc.id}/book`, { start, name: EVIL, phone: '090-5550-7777', email: '', f_topic: 'other' });
    assert.equal(check.statusCode, 200, check.body);
    assert.ok(!check.body.includes('<script>alert'), 'nothing typed is markup');
    assert.ok(check.body.includes(`<dd>${EVIL_ESCAPED}</dd>`), 'the name is shown, escaped');
    assert.ok(check.body.includes(`name="name" value="${EVIL_ESCAPED}"`), 'and carried, escaped, to the book step');

    const refused = await post(`/services/${svc.id}/book`, { start, name: EVIL, phone: 'not a phone', email: '', f_topic: EVIL });
    assert.equal(refused.statusCode, 422);
    assert.ok(!refused.body.includes('<script>alert'));
    assert.match(refused.body, new RegExp(`<input[^>]* name="name"[^>]* value="${literally(EVIL_ESCAPED)}"`), 'the typed name is kept');
    assert.match(
      refused.body,
      /<input[^>]* id="in-phone"[^>]* value="not a phone"[^>]* aria-invalid="true"/,
      'the refused phone is kept and marked',
    );
    assert.match(refused.body, /<a href="#in-phone">電話番号: /, 'the error summary links to the field');

    const other = await post(`/services/${svc.id}/times`, { date: '2026-12-03', name: EVIL, phone: '090-5550-7777', f_topic: EVIL });
    assert.equal(other.statusCode, 200);
    assert.ok(!other.body.includes('<script>alert'));
    assert.ok(other.body.includes(`name="f_topic" value="${EVIL_ESCAPED}"`));
    assert.ok(other.body.includes('2026年12月3日'), 'the day asked for');
  });

  it('answers an unknown or inactive service and a day that is not a date with 404, and a malformed month with this month', async () => {
    const inactive = await makeService(app.ctx, { isActive: false });
    for (const url of [
      `/services/${crypto.randomUUID()}`,
      '/services/not-an-id',
      `/services/${inactive.id}`,
      `/services/${svc.id}/days/2026-02-30`,
      `/services/${svc.id}/days/tomorrow`,
    ])
      assert.equal((await get(url)).statusCode, 404, url);
    const month = await get(`/services/${svc.id}?month=2026-13`);
    assert.equal(month.statusCode, 200);
    assert.match(month.body, /<caption>2026年11月<\/caption>/);
    const next = await get(`/services/${svc.id}?month=2026-12`);
    assert.match(next.body, /<caption>2026年12月<\/caption>/);
    assert.match(next.body, /<a href="\/services\/[^"]+\/days\/2026-12-01" aria-label="2026年12月1日（火） 空きあり">/);
  });

  it('books once for a repeated submission, in the language of the page, and refuses the step without the form token', async () => {
    const start = '2026-12-04T10:00:00+09:00';
    const fields = { start, name: 'Hanako Mihon', phone: '090-5550-8888', email: '', f_topic: 'other' };
    const form = await citizenFormSession(app.server);
    const cookie = `${form.cookie}; lang=en`;
    const check = await post(`/services/${svc.id}/book`, fields, cookie);
    assert.match(check.body, /<html lang="en">/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
    assert.equal((await post(`/services/${svc.id}/book/confirm`, { ...fields, idempotencyKey: key }, cookie)).statusCode, 403);
    assert.equal(await reservationsAt(start), 0);
    const first = await post(
      `/services/${svc.id}/book/confirm`,
      { ...fields, idempotencyKey: key, _csrf: csrf },
      withCookies(cookie, check),
    );
    const again = await post(
      `/services/${svc.id}/book/confirm`,
      { ...fields, idempotencyKey: key, _csrf: csrf },
      withCookies(cookie, check),
    );
    assert.equal(first.statusCode, 303, first.body);
    assert.equal(again.headers.location, first.headers.location);
    assert.match(String(first.headers.location), /^\/my\/reservations\/[2-9A-Z]{8}\?done=1$/);
    assert.equal(await reservationsAt(start), 1);
    const lang = await app.ctx.db.query<{ lang: string }>('SELECT lang FROM rsv_reservations WHERE starts_at = $1', [start]);
    assert.equal(lang.rows[0]!.lang, 'en');
  });
});
