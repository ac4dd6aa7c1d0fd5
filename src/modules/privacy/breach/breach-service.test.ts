/**
 * A breach report for a reservation service and for a staff account that opened two of its bookings, on
 * the demo data, hand-checked: the demo's 給付金の申請サポート (福祉総務課) holds bookings of five synthetic
 * people, three of whom gave an e-mail address and all a phone number; a new staff account of that
 * department opens two bookings of two different people through the real detail page, and its report finds
 * exactly those 2 people and 2 records; a window ending before today finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { addDays, jstDate } from '../../../platform/japan-time.js';
import { personalDataRegisters } from '../../index.js';
import { logInClient, makeStaff } from '../../staff/test-support.js';
import { computeBreachImpact } from './compute-breach-impact.js';

describe('breach report: a reservation service and a staff account (demo data)', () => {
  let app: TestApp;
  let service: string;
  let today: string;
  let bookings: { id: string; phone_index: string }[];
  const report = (scope: string, from: string, to: string) =>
    computeBreachImpact(app.ctx.db, personalDataRegisters(), { from, to, scope }, app.ctx.clock.now());

  before(async () => {
    app = await startTestApp({ demo: true });
    today = jstDate(app.ctx.clock.now());
    service = (await app.ctx.db.query<{ id: string }>("SELECT id FROM rsv_services WHERE name = '給付金の申請サポート'")).rows[0]!.id;
    bookings = (
      await app.ctx.db.query<{ id: string; phone_index: string }>(
        `SELECT DISTINCT ON (phone_index) id, phone_index FROM rsv_reservations
          WHERE service_id = $1 AND anonymised_at IS NULL ORDER BY phone_index, created_at LIMIT 2`,
        [service],
      )
    ).rows;
    assert.equal(bookings.length, 2);
    await makeStaff(app, { loginId: 'rsv-viewer', dept: 'fukushi' });
    const viewer = await logInClient(app, 'rsv-viewer');
    for (const b of bookings) {
      const r = await app.server.inject({
        method: 'GET',
        url: `/staff/reservations/${b.id}`,
        headers: { cookie: viewer.cookie, accept: 'text/html' },
      });
      assert.equal(r.statusCode, 200);
    }
  });
  after(() => app?.close());

  it('the service: its five people, every booking, three reachable by e-mail and all by phone', async () => {
    const held = (
      await app.ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM rsv_reservations WHERE service_id = $1 AND anonymised_at IS NULL',
        [service],
      )
    ).rows[0]!.n;
    const r = await report(`service:${service}`, addDays(today, -30), addDays(today, 30));
    assert.equal(r.people, 5);
    assert.equal(r.records, held);
    assert.equal(r.notifiable?.email, 3);
    assert.equal(r.notifiable?.phone, 5);
    const keys = r.items.map((i) => i.key);
    for (const k of ['reservations.name', 'reservations.phone', 'reservations.email']) assert.ok(keys.includes(k), k);
    for (const k of ['reservations.name', 'reservations.phone', 'reservations.email'])
      assert.equal(r.items.find((i) => i.key === k)?.encrypted, true, `${k} is encrypted at rest`);
  });

  it('the staff account: exactly the two bookings it opened, and nothing before today', async () => {
    const r = await report('staff:rsv-viewer', today, today);
    assert.deepEqual([r.people, r.records], [2, 2]);
    const before = await report('staff:rsv-viewer', addDays(today, -7), addDays(today, -1));
    assert.deepEqual([before.people, before.records], [0, 0]);
  });
});
