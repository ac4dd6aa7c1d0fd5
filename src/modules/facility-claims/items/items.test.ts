/**
 * Application items against a real database: the API (set with validation, history, in effect by date,
 * the session's facility only, CSRF and session required, audited) and the page (a form per item, refused
 * input kept with its messages, warnings from the roster).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { snapshotDb, type DbSnapshot } from '../../../../test/db-snapshot.js';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { facilityClient, type FacilityClient, insertTestFacility, insertTestFacilityUser } from '../testing.js';
import { itemsInEffect } from './items-in-effect.js';

const clock = new ManualClock('2026-05-10T10:00:00+09:00');

describe('facility application items', () => {
  let app: TestApp;
  let snap: DbSnapshot;
  let a: FacilityClient;
  let b: FacilityClient;
  let facilityA: string;

  before(async () => {
    app = await startTestApp({ clock });
    const fa = await insertTestFacility(app.ctx, { code: 'ITEM-A' });
    const fb = await insertTestFacility(app.ctx, { code: 'ITEM-B' });
    facilityA = fa.id;
    a = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: fa.id }));
    b = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: fb.id }));
    snap = await snapshotDb(app.ctx.db);
  });
  beforeEach(() => snap.restore());
  after(() => app?.close());

  async function form(client: FacilityClient, url: string, fields: Record<string, string>, csrf = client.csrf) {
    const r = await app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
    return { status: r.statusCode, body: r.body, location: r.headers.location };
  }

  it('sets items by the API, keeps the history by date, and answers only for the session’s facility', async () => {
    const put = await a.call('PUT', '/api/v1/facility/items/2026/team-hoiku', {
      claimed: true,
      effectiveFrom: '2026-04-01',
      value: { staff: 1 },
    });
    assert.equal(put.status, 200, put.body);
    assert.deepEqual(
      { code: put.json.code, claimed: put.json.claimed, effectiveFrom: put.json.effectiveFrom, value: put.json.value },
      { code: 'team-hoiku', claimed: true, effectiveFrom: '2026-04-01', value: { staff: 1 } },
    );
    assert.equal(
      (await a.call('PUT', '/api/v1/facility/items/2026/team-hoiku', { claimed: true, effectiveFrom: '2026-10-01', value: { staff: 2 } }))
        .status,
      200,
    );
    // the same date again replaces that date's row
    assert.equal(
      (await a.call('PUT', '/api/v1/facility/items/2026/team-hoiku', { claimed: true, effectiveFrom: '2026-10-01', value: { staff: 3 } }))
        .status,
      200,
    );

    const list = await a.call('GET', '/api/v1/facility/items/2026');
    assert.equal(list.status, 200);
    assert.equal(list.json.asOf, '2026-05-10');
    const team = list.json.items.find((i: { code: string }) => i.code === 'team-hoiku');
    assert.deepEqual(team.inEffect, { code: 'team-hoiku', claimed: true, effectiveFrom: '2026-04-01', value: { staff: 1 } });
    assert.deepEqual(
      team.history.map((h: { effectiveFrom: string; value: unknown }) => [h.effectiveFrom, h.value]),
      [
        ['2026-10-01', { staff: 3 }],
        ['2026-04-01', { staff: 1 }],
      ],
    );
    assert.equal(list.json.items.length, 14);

    // in effect by date, for the claims part
    assert.deepEqual(
      (await itemsInEffect(app.ctx.db, facilityA, 2026, '2026-09-30')).map((i) => i.value),
      [{ staff: 1 }],
    );
    assert.deepEqual(
      (await itemsInEffect(app.ctx.db, facilityA, 2026, '2027-01-01')).map((i) => i.value),
      [{ staff: 3 }],
    );
    assert.deepEqual(await itemsInEffect(app.ctx.db, facilityA, 2026, '2026-03-31'), []);

    // another facility's user sees none of it, and cannot reach it by any id
    const other = await b.call('GET', '/api/v1/facility/items/2026');
    assert.equal(other.status, 200);
    assert.ok(other.json.items.every((i: { history: unknown[] }) => i.history.length === 0));

    const audit = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'facility.items.update' AND record_id = $1 AND actor_type = 'facility'`,
      [facilityA],
    );
    assert.equal(audit.rows[0]?.n, 3);
  });

  it('refuses a date outside the fiscal year and a bad value with field messages, and writes nothing', async () => {
    const r = await a.call('PUT', '/api/v1/facility/items/2026/shogu', {
      claimed: true,
      effectiveFrom: '2027-04-01',
      value: { kubun3: { personsA: -1, personsB: 'x' } },
    });
    assert.equal(r.status, 422);
    const fields = Object.fromEntries(r.json.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    assert.deepEqual(Object.keys(fields).sort(), ['effectiveFrom', 'value.kubun3.personsA', 'value.kubun3.personsB']);
    const ja = await a.call('PUT', '/api/v1/facility/items/2026/eiyo-kanri', { claimed: true, effectiveFrom: '2026-13-01', value: {} });
    assert.equal(ja.status, 422);
    const n = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_items');
    assert.equal(n.rows[0]?.n, 0);
    assert.equal(
      (await a.call('PUT', '/api/v1/facility/items/2026/no-such-item', { claimed: true, effectiveFrom: '2026-04-01' })).status,
      404,
    );
  });

  it('needs the session and, to write, its CSRF token', async () => {
    const noCsrf = await a.call(
      'PUT',
      '/api/v1/facility/items/2026/chinshaku',
      { claimed: true, effectiveFrom: '2026-04-01' },
      { csrf: false },
    );
    assert.equal(noCsrf.status, 403);
    const anon = await app.server.inject({ method: 'GET', url: '/api/v1/facility/items/2026' });
    assert.equal(anon.statusCode, 401);
    const page = await app.server.inject({ method: 'GET', url: '/facility/items', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 303);
    const forged = await form(a, '/facility/items/2026/chinshaku', { claimed: 'yes', effectiveFrom: '2026-04-01' }, 'not-the-token');
    assert.equal(forged.status, 403);
  });

  it('the page shows a form per item; a refused form keeps what was typed beside its messages; a saved one shows in the history', async () => {
    const page = await a.call('GET', '/facility/items?fy=2026');
    assert.equal(page.status, 200);
    assert.match(page.body, /申請事項（加算・減算）2026年度/);
    assert.equal(page.body.match(/<form method="post" action="\/facility\/items\/2026\//g)?.length, 14);

    const bad = await form(a, '/facility/items/2026/team-hoiku', {
      claimed: 'yes',
      'value.staff': '<b>2.5</b>',
      effectiveFrom: '2026-04-01',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /&lt;b&gt;2.5&lt;\/b&gt;/);
    assert.doesNotMatch(bad.body, /<b>2.5<\/b>/);
    assert.match(bad.body, /href="#field-team-hoiku-value-staff"/);
    assert.match(
      bad.body,
      /id="field-team-hoiku-value-staff"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-team-hoiku-value-staff"/,
    );

    const outside = await form(a, '/facility/items/2026/team-hoiku', { claimed: 'yes', 'value.staff': '2', effectiveFrom: '2026-03-31' });
    assert.equal(outside.status, 422);
    assert.match(outside.body, /2026-04-01から2027-03-31までの日付を入力してください。/);
    assert.match(outside.body, /value="2026-03-31"/);

    const ok = await form(a, '/facility/items/2026/team-hoiku', { claimed: 'yes', 'value.staff': '２', effectiveFrom: '2026-04-01' });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/facility/items?fy=2026&saved=team-hoiku#item-team-hoiku');
    const after = await a.call('GET', ok.location as string);
    assert.match(after.body, /「チーム保育推進加算」を保存しました。/);
    assert.match(after.body, /請求中（2026-04-01から）/);
    const stored = await itemsInEffect(app.ctx.db, facilityA, 2026, '2026-05-10');
    assert.deepEqual(
      stored.map((i) => [i.code, i.value]),
      [['team-hoiku', { staff: 2 }]],
    );
  });

  it('warns about a claimed item the roster does not meet (no chief on an empty roster)', async () => {
    await a.call('PUT', '/api/v1/facility/items/2026/shukan-senin', { claimed: true, effectiveFrom: '2026-04-01' });
    const page = await a.call('GET', '/facility/items?fy=2026');
    assert.match(page.body, /職員名簿に主任保育士・主幹保育教諭がいません/);
    // not claimed: no warning
    await a.call('PUT', '/api/v1/facility/items/2026/shukan-senin', { claimed: false, effectiveFrom: '2026-05-01' });
    const later = await a.call('GET', '/facility/items?fy=2026');
    assert.doesNotMatch(later.body, /職員名簿に主任保育士・主幹保育教諭がいません/);
  });
});
