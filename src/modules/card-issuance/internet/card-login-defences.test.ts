/**
 * Booking-site defences (issue 9, items 5–8): bundle import scoped to the actor's department,
 * throttles that never refuse a whole address, escalating per-id locks with a staff-only cap,
 * the site-wide circuit breaker, and CSRF on the log-in and log-out forms.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { exportBundle } from '../internal/export-bundle.js';
import { importIssuanceList } from '../internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../internal/synthetic-list.js';
import { decryptPersonal } from '../internal/card-personal.js';
import { openCardOffice } from '../testing.js';
import { logInClient, makeStaff } from '../../staff/test-support.js';
import { FAILURE_CAP, guessBudget, LOCK_MINUTES } from './verify-credential.js';
import { unlockCardLogin } from './unlock-login.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const BOUNDARY = '----card-defences-boundary';
const multipart = (fields: Record<string, string>, file: string) =>
  Buffer.from(
    Object.entries(fields)
      .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bundle.json"\r\nContent-Type: application/json\r\n\r\n${file}\r\n--${BOUNDARY}--\r\n`,
  );

describe('card booking site: log-in defences and bundle scoping', () => {
  let app: TestApp;
  let bundle = '';
  let deptId = '';
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const count = async (sql: string, params: unknown[] = []) => Number((await app.ctx.db.query<{ n: number }>(sql, params)).rows[0]?.n);
  const birthday = async (id: string) => {
    const r = await app.ctx.db.query<{ personal_enc: string }>('SELECT personal_enc FROM card_int_cards WHERE control_no = $1', [id]);
    const b = decryptPersonal(app.ctx.crypto, r.rows[0]!.personal_enc).birthDate;
    return b.slice(5, 7) + b.slice(8, 10);
  };
  const wrongFor = async (id: string) => ((await birthday(id)) === '0101' ? '0102' : '0101');
  const shipping = async (id: string) =>
    (await app.ctx.db.query<{ s: string }>('SELECT shipping_no AS s FROM card_net_cards WHERE reservation_id = $1', [id])).rows[0]!.s;
  const login = (reservationId: string, password: string, ip: string, shippingNo?: string) =>
    app.server.inject({
      method: 'POST',
      url: '/api/v1/card/session',
      payload: { reservationId, password, ...(shippingNo ? { shippingNo } : {}) },
      remoteAddress: ip,
    });

  before(async () => {
    app = await startTestApp({ clock });
    const settings = await openCardOffice(app.ctx);
    deptId = settings.departmentId;
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 40, seed: 21, idPrefix: 'DEF' }), 'utf-8');
    assert.equal(
      (
        await importIssuanceList(app.ctx, {
          settings,
          fileName: 'd.csv',
          open: () => Readable.from([bytes]),
          encoding: 'utf-8',
          actor: sys,
        })
      ).ok,
      true,
    );
    bundle = (await exportBundle(app.ctx, { settings, actor: sys })).text;
  });
  after(() => app.close());

  it("refuses another department's staff with 404 and writes nothing; the owner's import still works", async () => {
    await makeStaff(app, { loginId: 'def-other', dept: 'fukushi' });
    await makeStaff(app, { loginId: 'def-shimin', dept: 'shimin' });
    const post = async (loginId: string) => {
      const c = await logInClient(app, loginId);
      return app.server.inject({
        method: 'POST',
        url: '/staff/card-site/bundle',
        payload: multipart({ _csrf: c.csrf }, bundle),
        headers: { cookie: c.cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
    };
    const outsider = await post('def-other');
    assert.equal(outsider.statusCode, 404, outsider.body);
    assert.equal(await count('SELECT count(*)::int AS n FROM card_net_bundle_imports'), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM card_net_cards'), 0);
    assert.equal(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'card.bundle.import'"), 0);
    const owner = await post('def-shimin');
    assert.equal(owner.statusCode, 200, owner.body);
    assert.match(owner.body, /取り込みました/);
    assert.equal(await count('SELECT count(*)::int AS n FROM card_net_cards WHERE department_id = $1', [deptId]), 40);
  });

  it('after a spray from one address, a real holder with the right password from the same address gets in', async () => {
    const ip = '192.0.2.50';
    for (let i = 1; i <= 15; i++) {
      const id = `DEF0000${String(i).padStart(2, '0')}`;
      assert.equal((await login(id, await wrongFor(id), ip)).statusCode, 401);
    }
    assert.equal(
      await count("SELECT count(*)::int AS n FROM security_events WHERE kind = 'card.login.spraying' AND client_ip = $1", [ip]),
      1,
    );
    const ok = await login('DEF000016', await birthday('DEF000016'), ip);
    assert.equal(ok.statusCode, 200, ok.body);
    // successful log-ins never count: many from one address (a shared NAT) all get in
    for (let i = 0; i < 35; i++) assert.equal((await login('DEF000017', await birthday('DEF000017'), ip)).statusCode, 200);
  });

  it('throttles an id from one address after 3 failures, while the right password from another address gets in', async () => {
    const id = 'DEF000018';
    for (let i = 0; i < 3; i++) assert.equal((await login(id, await wrongFor(id), '198.51.100.9')).statusCode, 401);
    assert.equal((await login(id, await birthday(id), '198.51.100.9')).statusCode, 429);
    assert.equal((await login(id, await birthday(id), '198.51.100.10')).statusCode, 200);
  });

  it('escalates per-id locks (30 min, 2 h, 8 h) and, at the failure cap, keeps the id locked until staff unlock it', async () => {
    const id = 'DEF000019';
    const right = await birthday(id);
    let ip = 0;
    const fail = async () => (await login(id, await wrongFor(id), `203.0.113.${++ip}`)).statusCode;
    const lockedFor = async () => {
      const r = await login(id, right, `203.0.113.${++ip}`);
      assert.equal(r.statusCode, 423, r.body);
      return Number(r.headers['retry-after']);
    };
    for (const minutes of LOCK_MINUTES.slice(0, 3)) {
      for (let i = 0; i < 5; i++) assert.equal(await fail(), 401);
      assert.equal(await lockedFor(), minutes * 60, `lock of ${minutes} minutes`);
      clock.advance(minutes * 60_000 + 1000);
    }
    for (let i = 0; i < 5; i++) assert.equal(await fail(), 401);
    // FAILURE_CAP (20) failures: no expiry any more, the holder is told to call the city
    clock.advance(7 * 86_400_000);
    const r = await login(id, right, '203.0.113.200');
    assert.equal(r.statusCode, 423);
    assert.match(r.body, /お電話ください/);
    assert.equal(
      await count("SELECT count(*)::int AS n FROM security_events WHERE kind = 'card.login.id_locked_for_staff' AND subject = $1", [id]),
      1,
    );
    const staff = { type: 'staff' as const, id: 'test-staff' };
    assert.equal(
      await unlockCardLogin(app.ctx, { reservationId: id, shippingNo: 'S000000000', departmentId: deptId, actor: staff }),
      'no_match',
    );
    assert.equal(
      await unlockCardLogin(app.ctx, { reservationId: id, shippingNo: await shipping(id), departmentId: deptId, actor: staff }),
      'unlocked',
    );
    assert.equal((await login(id, right, '203.0.113.201')).statusCode, 200);
    assert.equal(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'card.login.unlock' AND record_id = $1", [id]), 1);
  });

  it('limits the guess budget per id: at most 20 guesses in a day and in total (≤ 5.5 % of 366 birthdays, was ~66 % in 24 h)', () => {
    assert.equal(guessBudget(24), FAILURE_CAP);
    assert.equal(guessBudget(24 * 365), FAILURE_CAP);
    assert.equal(guessBudget(1), 10);
    assert.ok(guessBudget(24) / 366 < 0.055);
    // the old rule: 5 guesses per 30 minutes, for ever
    assert.ok(1 - (1 - 5 / 366) ** 48 > 0.48 && Math.min(1, (48 * 5) / 366) > 0.65);
  });

  it('trips the site-wide breaker when failures spread over many ids, raises an alert, then asks for the shipping number', async () => {
    await app.ctx.db.query('UPDATE card_net_login_settings SET failed_ids_limit = 5, window_seconds = 600, trip_minutes = 60');
    for (let i = 21; i <= 26; i++) {
      const id = `DEF0000${i}`;
      assert.equal((await login(id, await wrongFor(id), `100.64.0.${i}`)).statusCode, 401);
    }
    assert.equal(
      await count("SELECT count(*)::int AS n FROM security_events WHERE kind = 'card.login.breaker_tripped' AND severity = 'alert'"),
      1,
    );
    const id = 'DEF000030';
    const withoutShipping = await login(id, await birthday(id), '100.64.1.1');
    assert.equal(withoutShipping.statusCode, 428, withoutShipping.body);
    assert.equal(
      await count('SELECT count(*)::int AS n FROM card_net_login_guard WHERE id_key = $1', [id]),
      0,
      'the password was not even tried',
    );
    assert.equal((await login(id, await birthday(id), '100.64.1.1', 'S999999999')).statusCode, 401);
    assert.equal((await login(id, await birthday(id), '100.64.1.2', await shipping(id))).statusCode, 200);
    const page = await app.server.inject({ method: 'GET', url: '/card' });
    assert.match(page.body, /name="shippingNo"/);
    clock.advance(61 * 60_000);
    assert.equal((await login('DEF000031', await birthday('DEF000031'), '100.64.1.3')).statusCode, 200, 'the password alone works again');
  });

  it('refuses the log-in and log-out forms without their CSRF token', async () => {
    const id = 'DEF000032';
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
    const noToken = await app.server.inject({
      method: 'POST',
      url: '/card/login',
      headers: form,
      payload: `reservationId=${id}&password=${await birthday(id)}`,
    });
    assert.equal(noToken.statusCode, 403);
    assert.doesNotMatch(String(noToken.headers['set-cookie'] ?? ''), /madoguchi_card=/);
    assert.match(noToken.body, new RegExp(`value="${id}"`), 'the typed id is kept');
    const page = await app.server.inject({ method: 'GET', url: '/card' });
    const pre = /madoguchi_form=[^;]+/.exec(String(page.headers['set-cookie']))![0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const forged = await app.server.inject({
      method: 'POST',
      url: '/card/login',
      headers: { ...form, cookie: pre },
      payload: `_csrf=${csrf}x&reservationId=${id}&password=${await birthday(id)}`,
    });
    assert.equal(forged.statusCode, 403);
    const ok = await app.server.inject({
      method: 'POST',
      url: '/card/login',
      headers: { ...form, cookie: pre },
      payload: `_csrf=${csrf}&reservationId=${id}&password=${await birthday(id)}`,
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const session = /madoguchi_card=[^;]+/.exec(String(ok.headers['set-cookie']))![0];
    const out = await app.server.inject({ method: 'POST', url: '/card/logout', headers: { ...form, cookie: session }, payload: '' });
    assert.equal(out.statusCode, 403);
    assert.equal(
      (await app.server.inject({ method: 'GET', url: '/card/booking', headers: { cookie: session } })).statusCode,
      200,
      'still logged in',
    );
  });
});
