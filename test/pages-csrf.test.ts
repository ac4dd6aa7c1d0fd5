/**
 * CSRF over every declared POST page (listDeclaredPages): with a valid visitor for the page's guard —
 * a demo administrator for staff pages, a fresh browser with its form cookie for public forms, an open
 * My Page session, an open card booking-site session — a POST without `_csrf` and a POST carrying
 * another visitor's token are refused with 403 and change nothing in the database. Pages declared
 * exempt carry their reason in the test name, and a POST without a token changes nothing there either.
 * Pages declared later are covered as soon as they are declared; a guard this test does not know
 * fails the test (so a new session kind gets its visitor here).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { listDeclaredPages, type DeclaredPage } from '../src/http/page-route.js';
import { ManualClock } from '../src/platform/clock.js';
import { decryptPersonal } from '../src/modules/card-issuance/internal/card-personal.js';
import { getCardSettings } from '../src/modules/card-issuance/internal/card-settings.js';
import { exportBundle } from '../src/modules/card-issuance/internal/export-bundle.js';
import { importBundle } from '../src/modules/card-issuance/internet/import-bundle.js';
import { makeService, TOPIC_FIELD } from '../src/modules/reservations/testing.js';
import { citizenFormSession, withCookies } from '../src/web/citizen/testing.js';
import { facilityClient, insertTestFacility, insertTestFacilityUser } from '../src/modules/facility-claims/testing.js';
import { startTestApp, type TestApp } from './helpers.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const sys = { type: 'system' as const, id: 'test', label: 'test' };

/** One visitor of a guard: the cookies of its browser and the token its forms carry. */
type Visitor = { cookie: string; csrf: string };

const tokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const cookiesOf = (r: LightMyRequestResponse) =>
  r.cookies
    .filter((c) => c.value)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');

describe('CSRF on every declared POST page', () => {
  let app: TestApp;
  let pages: readonly DeclaredPage[] = [];
  let serviceId = '';
  let slot = 0;
  const ids: Record<string, string> = {};

  const get = (url: string, cookie = '') => app.server.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });
  const post = (url: string, fields: Record<string, string>, cookie: string) =>
    app.server.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });

  /** Every row of every table, hashed per table: what a refused request must leave as it was. */
  async function databaseState(): Promise<Map<string, string>> {
    const tables = await app.ctx.db.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const state = new Map<string, string>();
    for (const { t } of tables.rows) {
      const r = await app.ctx.db.query<{ h: string }>(
        `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`,
      );
      state.set(t, r.rows[0]!.h);
    }
    return state;
  }
  const changedTables = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((t) => a.get(t) !== b.get(t));

  const visitors: Record<string, () => Promise<Visitor>> = {
    async staff() {
      const r = await app.server.inject({
        method: 'POST',
        url: '/api/v1/staff/session',
        payload: { loginId: 'demo-admin', password: 'demo-password-2026' },
      });
      assert.equal(r.statusCode, 200, r.body);
      return { cookie: cookiesOf(r), csrf: r.json().csrfToken as string };
    },
    public: () => citizenFormSession(app.server),
    async 'my-page'() {
      const i = slot++;
      const phone = `090-7100-${String(1000 + i)}`;
      const booked = await app.server.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        payload: {
          serviceId,
          start: '2026-12-01T09:00:00+09:00',
          name: '試験 太郎',
          phone,
          email: `csrf${i}@example.jp`,
          fields: { topic: 'other' },
        },
      });
      assert.equal(booked.statusCode, 201, booked.body);
      const number = booked.json().reservationNumber as string;
      ids.number ??= number;
      const form = await citizenFormSession(app.server);
      const login = await post('/my/login', { _csrf: form.csrf, number, phone }, form.cookie);
      assert.equal(login.statusCode, 303, login.body);
      const cookie = withCookies(form.cookie, login);
      const csrf = tokenIn((await get('/my', cookie)).body);
      assert.ok(csrf, 'My Page shows its token');
      return { cookie, csrf };
    },
    async facility() {
      const f = await insertTestFacility(app.ctx);
      const user = await insertTestFacilityUser(app.ctx, { facilityId: f.id });
      const c = await facilityClient(app, user);
      return { cookie: c.cookie, csrf: c.csrf };
    },
    async 'card-site'() {
      const cards = await app.ctx.db.query<{ control_no: string; personal_enc: string }>(
        `SELECT c.control_no, c.personal_enc FROM card_int_cards c JOIN card_net_cards n ON n.reservation_id = c.control_no
          WHERE NOT EXISTS (SELECT 1 FROM card_net_sessions s WHERE s.reservation_id = c.control_no) ORDER BY 1 LIMIT 1`,
      );
      const card = cards.rows[0];
      assert.ok(card, 'a card on the booking site');
      const password = decryptPersonal(app.ctx.crypto, card.personal_enc).birthDate.replace(/^\d{4}-(\d\d)-(\d\d)$/, '$1$2');
      const r = await app.server.inject({
        method: 'POST',
        url: '/api/v1/card/session',
        payload: { reservationId: card.control_no, password },
      });
      assert.equal(r.statusCode, 200, r.body);
      const cookie = cookiesOf(r);
      const csrf = tokenIn((await get('/card/booking', cookie)).body);
      assert.ok(csrf, 'the booking page shows its token');
      return { cookie, csrf };
    },
  };

  /** A URL for a page, its parameters filled with records of the database where one is known. */
  const urlOf = (page: DeclaredPage) =>
    page.url.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'number') return ids.number ?? 'R0000000';
      if (name === 'date' || name === 'day') return '2026-12-01';
      if (name === 'code') return 'honcho';
      if (page.url.startsWith('/staff/reservations/')) return ids.reservation ?? crypto.randomUUID();
      if (page.url.includes('services/')) return serviceId;
      return crypto.randomUUID();
    });

  before(async () => {
    app = await startTestApp({ demo: true, clock });
    pages = listDeclaredPages(app.server);
    serviceId = (await makeService(app.ctx, { name: 'CSRF窓口', capacity: 50, fields: [TOPIC_FIELD] })).id;
    // the demo's card office hands its cards to the booking site (as the bundle upload does)
    const dept = await app.ctx.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'shimin'`);
    const settings = await getCardSettings(app.ctx.db, dept.rows[0]!.id);
    const onSite = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_net_cards');
    if (settings && onSite.rows[0]!.n === 0)
      await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    const r = await app.ctx.db.query<{ id: string }>('SELECT id::text AS id FROM rsv_reservations ORDER BY created_at LIMIT 1');
    if (r.rows[0]) ids.reservation = r.rows[0].id;
  });
  after(() => app?.close());

  it('has POST pages of every guard to walk', () => {
    const guards = new Set(pages.filter((p) => p.method === 'POST').map((p) => p.auth));
    for (const g of ['staff', 'public', 'my-page', 'card-site', 'facility']) assert.ok(guards.has(g), `a POST page of guard ${g}`);
    for (const g of guards) assert.ok(g in visitors, `this test knows how to open a visitor of guard '${g}'`);
  });

  it('declares a CSRF rule for every POST page', () => {
    assert.deepEqual(
      pages.filter((p) => p.method === 'POST' && p.csrf === 'none').map((p) => p.url),
      [],
    );
  });

  // The walk is built when the tests run (pages are known after before()), one test per page.
  it('refuses a POST without its token and with another visitor’s token (403), changing nothing, on every protected page', async (t) => {
    const walked = pages.filter((p) => p.method === 'POST' && typeof p.csrf !== 'object');
    assert.ok(walked.length > 10);
    for (const page of walked)
      await t.test(`${page.method} ${page.url} (${page.auth}, ${String(page.csrf)})`, async () => {
        const open = visitors[page.auth];
        assert.ok(open, `unknown guard ${page.auth}`);
        const mine = await open();
        const other = await open();
        assert.notEqual(mine.csrf, other.csrf, 'two visitors have different tokens');
        const url = urlOf(page);
        const before = await databaseState();
        const missing = await post(url, { name: 'csrf-probe' }, mine.cookie);
        assert.equal(missing.statusCode, 403, `without _csrf: ${missing.statusCode} ${missing.body.slice(0, 300)}`);
        const foreign = await post(url, { name: 'csrf-probe', _csrf: other.csrf }, mine.cookie);
        assert.equal(foreign.statusCode, 403, `with another visitor's token: ${foreign.statusCode} ${foreign.body.slice(0, 300)}`);
        assert.deepEqual(changedTables(before, await databaseState()), [], 'the refused POSTs changed nothing');
      });
  });

  it('exempt POST pages (reasons in the subtest names) change nothing when posted without a token', async (t) => {
    for (const page of pages.filter((p) => p.method === 'POST' && typeof p.csrf === 'object'))
      await t.test(`${page.method} ${page.url} is exempt: ${(page.csrf as { exempt: string }).exempt}`, async () => {
        const reason = (page.csrf as { exempt: string }).exempt;
        assert.ok(reason.trim().length > 10, 'the reason is written down');
        const open = visitors[page.auth];
        assert.ok(open, `unknown guard ${page.auth}`);
        const visitor = await open();
        const before = await databaseState();
        const r = await post(urlOf(page), { name: 'csrf-probe' }, visitor.cookie);
        assert.notEqual(r.statusCode, 403, 'an exempt page does not ask for a token');
        assert.ok(r.statusCode < 500, `${r.statusCode}`);
        assert.deepEqual(changedTables(before, await databaseState()), [], 'an exempt page changes nothing');
      });
  });
});
