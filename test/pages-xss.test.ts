/**
 * Escaping over every declared GET page (listDeclaredPages): text people type — booking names and
 * answers, service name/description/place, staff display names, department names, the card office's
 * contact texts — is seeded with `<script>alert("x")</script>'"&` through the operations that store
 * it, then every GET page is opened (parameters filled from those records) by a system administrator,
 * the department's administrator, an anonymous visitor, the booking's My Page session and a card
 * booking-site session. No HTML answer may contain the payload unescaped; the pages that show these
 * fields must show the escaped text (so the walk really reaches them).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { listDeclaredPages, type DeclaredPage } from '../src/http/page-route.js';
import { ManualClock } from '../src/platform/clock.js';
import { escapeHtml } from '../src/web/html.js';
import { decryptPersonal } from '../src/modules/card-issuance/internal/card-personal.js';
import { setCardContact } from '../src/modules/card-issuance/internal/card-contact-settings.js';
import { getCardSettings } from '../src/modules/card-issuance/internal/card-settings.js';
import { exportBundle } from '../src/modules/card-issuance/internal/export-bundle.js';
import { importBundle } from '../src/modules/card-issuance/internet/import-bundle.js';
import { insertAccount } from '../src/modules/staff/accounts.js';
import { ensureDepartment } from '../src/modules/staff/test-support.js';
import { makeService, TOPIC_FIELD } from '../src/modules/reservations/testing.js';
import { citizenFormSession, withCookies } from '../src/web/citizen/testing.js';
import { facilityClient, insertTestFacility, insertTestFacilityUser } from '../src/modules/facility-claims/testing.js';
import { startTestApp, type TestApp } from './helpers.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const PAYLOAD = `<script>alert("x")</script>'"&`;
const RAW = '<script>alert(';
/** What a page shows of the payload, escaped. */
const ESCAPED = escapeHtml('<script>alert("x")</script>');
const NOTE = {
  key: 'note',
  labelJa: 'メモ',
  labelEn: 'Note',
  type: 'textarea' as const,
  required: false,
  classification: 'personal' as const,
  maxLength: 500,
};
const sys = { type: 'system' as const, id: 'test', label: 'test' };
const DAY = '2026-12-01';

/** Pages that show one of the seeded fields, when declared: the escaped payload must be on them. */
const SHOWS_PAYLOAD = [
  'GET /', // service names
  'GET /services/:id',
  'GET /my/reservations/:number', // booking name, answers, service
  'GET /my/reservations/:number/edit',
  'GET /staff/reservations/:id',
  'GET /staff/reservation-services',
  'GET /staff/reservation-services/:id',
  'GET /staff/accounts',
  'GET /staff/accounts/:id',
  'GET /staff/departments',
  'GET /card/booking', // the office's contact texts
  'GET /facility', // the facility's name
  'GET /facility/staff', // roster names typed by the facility
  'GET /facility/staff/:id',
  'GET /staff/facilities', // the facility's name, for the city
  'GET /staff/facilities/:id',
];

const cookiesOf = (r: LightMyRequestResponse) =>
  r.cookies
    .filter((c) => c.value)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');

describe('escaping of user input on every declared GET page', () => {
  let app: TestApp;
  let pages: readonly DeclaredPage[] = [];
  const ids: Record<string, string> = {};
  const sessions: Record<string, string[]> = {};

  const get = (url: string, cookie = '') => app.server.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });
  const staffCookie = async (loginId: string) => {
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId, password: 'demo-password-2026' },
    });
    assert.equal(r.statusCode, 200, `${loginId}: ${r.body}`);
    return cookiesOf(r);
  };

  before(async () => {
    app = await startTestApp({ demo: true, clock });
    pages = listDeclaredPages(app.server);
    const shimin = await ensureDepartment(app, 'shimin');
    // a department, a service of the card office's department and an account, each named with the payload
    ids.department = await ensureDepartment(app, 'xss', `課${PAYLOAD}`);
    const svc = await makeService(app.ctx, {
      departmentId: shimin,
      name: `窓口${PAYLOAD}`,
      nameEn: `Counter${PAYLOAD}`,
      description: `説明${PAYLOAD}`,
      place: `庁舎${PAYLOAD}`,
      capacity: 50,
      fields: [TOPIC_FIELD, NOTE],
    });
    ids.service = svc.id;
    const { account } = await insertAccount(
      app.ctx,
      {
        loginId: 'xss-person',
        displayName: `職員${PAYLOAD}`,
        departmentId: shimin,
        role: 'staff',
        password: 'violet harbour lantern 42',
        createdBy: null,
      },
      { actor: { type: 'system', id: null, label: 'test' }, clientIp: null, requestId: null },
    );
    ids.account = account.id;
    // a booking with the payload in the name and a free-text answer, made through the citizen API
    const phone = '090-7200-1000';
    const booked = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: {
        serviceId: svc.id,
        start: `${DAY}T09:00:00+09:00`,
        name: `氏名${PAYLOAD}`,
        phone,
        email: 'xss@example.jp',
        fields: { topic: 'other', note: `メモ${PAYLOAD}` },
      },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    ids.number = booked.json().reservationNumber as string;
    ids.reservation = (
      await app.ctx.db.query<{ id: string }>('SELECT id::text AS id FROM rsv_reservations WHERE reservation_number = $1', [ids.number])
    ).rows[0]!.id;
    const form = await citizenFormSession(app.server);
    const login = await app.server.inject({
      method: 'POST',
      url: '/my/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: form.cookie },
      payload: new URLSearchParams({ _csrf: form.csrf, number: ids.number, phone }).toString(),
    });
    assert.equal(login.statusCode, 303, login.body);
    // the card office's contact texts, then its cards handed to the booking site (as the bundle upload does)
    await setCardContact(
      app.ctx.db,
      shimin,
      { contactOffice: `窓口${PAYLOAD}`, contactPhone: '0000-00-0000', contactHours: `平日${PAYLOAD}` },
      clock.now(),
    );
    const settings = await getCardSettings(app.ctx.db, shimin);
    assert.ok(settings, 'the demo has a card office');
    await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    const card = (
      await app.ctx.db.query<{ control_no: string; personal_enc: string }>(
        'SELECT c.control_no, c.personal_enc FROM card_int_cards c JOIN card_net_cards n ON n.reservation_id = c.control_no ORDER BY 1 LIMIT 1',
      )
    ).rows[0]!;
    ids.card = card.control_no;
    const password = decryptPersonal(app.ctx.crypto, card.personal_enc).birthDate.replace(/^\d{4}-(\d\d)-(\d\d)$/, '$1$2');
    const cardLogin = await app.server.inject({
      method: 'POST',
      url: '/api/v1/card/session',
      payload: { reservationId: card.control_no, password },
    });
    assert.equal(cardLogin.statusCode, 200, cardLogin.body);

    sessions.staff = [await staffCookie('demo-admin'), await staffCookie('demo-shimin')];
    sessions.public = [form.cookie];
    sessions['my-page'] = [withCookies(form.cookie, login)];
    sessions['card-site'] = [cookiesOf(cardLogin)];
    // a childcare facility named with the payload, its user, and a roster entry typed through the facility API
    const facility = await insertTestFacility(app.ctx, { name: `保育園${PAYLOAD}` });
    ids.facility = facility.id;
    const facilityUser = await insertTestFacilityUser(app.ctx, { facilityId: facility.id });
    const portal = await facilityClient(app, facilityUser);
    const member = await portal.call('POST', '/api/v1/facility/staff', {
      name: `職員${PAYLOAD}`,
      birthDate: '1990-05-01',
      address: `住所${PAYLOAD}`,
      hiredOn: '2020-04-01',
      role: 'nursery-teacher',
      employment: 'full-time',
      qualification: 'hoikushi',
      qualificationNumber: '12-345678',
    });
    assert.equal(member.status, 201, member.body);
    ids.fcStaff = member.json.id as string;
    sessions.facility = [portal.cookie];
    sessions.staff.push(await staffCookie('demo-hoiku'));
    // This app has no LINE channel, so a LINE page is visited without a LINE session (it shows its sign-in
    // answer); the LINE bookings list with a session is rendered by src/modules/line/liff.test.ts.
    sessions.line = [form.cookie];
  });
  after(() => app?.close());

  const urlsOf = (page: DeclaredPage): string[] => {
    const path = page.url.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'number') return ids.number!;
      if (name === 'date' || name === 'day') return DAY;
      if (name === 'code') return 'honcho';
      if (page.url.startsWith('/staff/reservations/')) return ids.reservation!;
      if (page.url.includes('services/')) return ids.service!;
      if (page.url.startsWith('/staff/accounts/')) return ids.account!;
      if (page.url.startsWith('/staff/departments/')) return ids.department!;
      if (page.url.startsWith('/staff/card/cards/')) return ids.card!;
      if (page.url.startsWith('/facility/staff/')) return ids.fcStaff!;
      if (page.url.startsWith('/staff/facilities/') && name === 'id') return ids.facility!;
      return crypto.randomUUID();
    });
    // the same page with the day and the period of the booking, for lists and day views
    return [path, `${path}?date=${DAY}&day=${DAY}&from=2026-11-30&to=2026-12-31&service=${ids.service}&serviceId=${ids.service}`];
  };

  it('never shows the payload unescaped; shows it escaped where the field is shown', async () => {
    const gets = pages.filter((p) => p.method === 'GET');
    assert.ok(gets.length > 10);
    const unescaped: string[] = [];
    const unreachable: string[] = [];
    const showing = new Set<string>();
    for (const page of gets) {
      const cookies = sessions[page.auth];
      assert.ok(cookies, `this test knows how to open a visitor of guard '${page.auth}'`);
      let reached = false;
      for (const cookie of cookies)
        for (const url of urlsOf(page)) {
          const r = await get(url, cookie);
          if (!String(r.headers['content-type'] ?? '').startsWith('text/html')) {
            reached ||= r.statusCode === 200;
            continue;
          }
          if (r.body.includes(RAW)) unescaped.push(`${url} (${r.statusCode})`);
          if (r.statusCode === 200) reached = true;
          if (r.body.includes(ESCAPED)) showing.add(`${page.method} ${page.url}`);
        }
      if (!reached) unreachable.push(`${page.method} ${page.url}`);
    }
    if (unreachable.length) console.log(`pages not reached with 200 (not checked for the escaped text): ${unreachable.join(', ')}`);
    assert.deepEqual(unescaped, [], 'pages with the payload unescaped');
    const declared = new Set(gets.map((p) => `${p.method} ${p.url}`));
    const missing = SHOWS_PAYLOAD.filter((k) => declared.has(k) && !showing.has(k));
    assert.deepEqual(missing, [], 'pages that should show a seeded field escaped');
    assert.ok(showing.size >= 3, `the walk reaches pages showing the seeded text (${[...showing].join(', ')})`);
  });
});
