/**
 * Cross-process availability on PostgreSQL: a seat change committed by any connection (another web
 * process) reaches this process's cache through LISTEN/NOTIFY and refreshes that service's month; a
 * listener whose connection is killed reconnects and hears changes again. PGlite is one process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { serverUrl, startTestApp, type TestApp } from '../../../test/helpers.js';
import { availabilityOf } from './availability.js';
import { listenForAvailability, type AvailabilityListener } from './availability-listener.js';
import { addDays, jstDate } from '../../platform/japan-time.js';
import { makeService, person } from './testing.js';

const until = async (what: string, ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('availability across processes (LISTEN/NOTIFY)', { skip: !serverUrl && 'needs DATABASE_URL (PostgreSQL)' }, () => {
  let app: TestApp;
  let other: pg.Client;
  let listener: AvailabilityListener;
  let svc: { id: string };
  const heard: string[] = [];
  const dropped: string[] = [];

  before(async () => {
    app = await startTestApp();
    svc = await makeService(app.ctx, { capacity: 3 });
    const cache = availabilityOf(app.ctx);
    const original = cache.invalidateMonth.bind(cache);
    cache.invalidateMonth = (serviceId, month) => {
      heard.push(`${serviceId} ${month}`);
      original(serviceId, month);
    };
    const dropService = cache.invalidateService.bind(cache);
    cache.invalidateService = (serviceId) => {
      dropped.push(serviceId);
      dropService(serviceId);
    };
    const clear = cache.clear.bind(cache);
    cache.clear = () => {
      dropped.push('*');
      clear();
    };
    listener = listenForAvailability(app.ctx);
    other = new pg.Client({ connectionString: app.databaseUrl });
    await other.connect();
    await until('the listener', () => listener.isListening());
  });
  after(async () => {
    await listener?.close();
    await other?.end();
    await app?.close();
  });

  const changeSeat = (start: string) =>
    other.query(
      `INSERT INTO rsv_slots (service_id, starts_at, ends_at, capacity, booked) VALUES ($1, $2, $2::timestamptz + interval '30 minutes', 3, 1)
       ON CONFLICT (service_id, starts_at) DO UPDATE SET booked = rsv_slots.booked + 1`,
      [svc.id, start],
    );

  it("hears another connection's committed seat change, with the service and its Japan month", async () => {
    heard.length = 0;
    // 2026-12-31 23:30 in Tokyo is still December there (14:30 UTC)
    await changeSeat('2026-12-31T23:30:00+09:00');
    await until('the notification', () => heard.includes(`${svc.id} 2026-12`));
  });

  it("announces a booking once, from the web process after its commit: the booking's own transaction stays silent", async () => {
    // migration 0060: rsv_book/rsv_change/rsv_cancel run with the trigger silent (a NOTIFY in their transaction
    // would serialise their commits); each carries the setting, which a CREATE OR REPLACE would drop
    const { rows } = await other.query<{ proname: string; proconfig: string[] | null }>(
      "SELECT proname, proconfig FROM pg_proc WHERE proname IN ('rsv_book', 'rsv_change', 'rsv_cancel') ORDER BY proname",
    );
    assert.deepEqual(
      rows.map((r) => `${r.proname} ${r.proconfig?.join(',')}`),
      ['rsv_book madoguchi.announce=caller', 'rsv_cancel madoguchi.announce=caller', 'rsv_change madoguchi.announce=caller'],
    );
    const got: string[] = [];
    const tap = new pg.Client({ connectionString: app.databaseUrl });
    await tap.connect();
    tap.on('notification', (n) => got.push(n.payload ?? ''));
    await tap.query('LISTEN rsv_availability');
    try {
      const from = addDays(jstDate(new Date()), 2);
      const slots = (
        await app.server.inject({ url: `/api/v1/services/${svc.id}/availability?from=${from}&to=${addDays(from, 30)}` })
      ).json();
      const slot = slots[0] as { start: string };
      const booked = await app.server.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        payload: { serviceId: svc.id, start: slot.start, ...person(), fields: { topic: 'other' } },
      });
      assert.equal(booked.statusCode, 201, booked.body);
      const month = `${svc.id} ${slot.start.slice(0, 7)}`;
      await until('the announcement', () => got.includes(month));
      // a marker committed after it by another connection: whatever the booking announced has arrived before it
      await changeSeat('2027-08-05T10:00:00+09:00');
      await until('the marker', () => got.includes(`${svc.id} 2027-08`));
      assert.equal(got.filter((g) => g === month).length, 1, got.join(', '));
    } finally {
      await tap.end();
    }
  });

  it('hears nothing of a change that was rolled back', async () => {
    heard.length = 0;
    await other.query('BEGIN');
    await changeSeat('2027-01-05T10:00:00+09:00');
    await other.query('ROLLBACK');
    await changeSeat('2027-02-05T10:00:00+09:00'); // a committed one after it, as a marker
    await until('the marker', () => heard.includes(`${svc.id} 2027-02`));
    assert.ok(!heard.includes(`${svc.id} 2027-01`), heard.join(', '));
  });

  it("hears another connection's change of a service's settings, schedule and calendar, and drops that service", async () => {
    dropped.length = 0;
    await other.query('UPDATE rsv_services SET capacity = 4 WHERE id = $1', [svc.id]);
    await until('the settings change', () => dropped.includes(svc.id));
    dropped.length = 0;
    await other.query(`INSERT INTO rsv_calendar_exceptions (service_id, day, kind, note) VALUES ($1, '2027-01-04', 'closed', 'test')`, [
      svc.id,
    ]);
    await until('the service closure', () => dropped.includes(svc.id));
    dropped.length = 0;
    await other.query(`INSERT INTO rsv_calendar_exceptions (service_id, day, kind, note) VALUES (NULL, '2027-01-05', 'closed', 'test')`);
    await until('the city-wide closure', () => dropped.includes('*'));
  });

  it('keeps a month past the 3 s TTL while it listens: announcements, not expiry, refresh it', async () => {
    const cache = availabilityOf(app.ctx);
    // the app's own listener hears everything too: let both deliver what came before (in order, per connection)
    heard.length = 0;
    await changeSeat('2027-05-06T10:00:00+09:00');
    await until('both listeners', () => heard.filter((h) => h === `${svc.id} 2027-05`).length === 2);
    const first = cache.month(app.ctx.db, svc.id, '2027-04');
    await first;
    await new Promise((r) => setTimeout(r, 3_500));
    assert.equal(cache.month(app.ctx.db, svc.id, '2027-04'), first, 'the same computation, not a new one');
    await changeSeat('2027-04-05T10:00:00+09:00');
    await until('the notification', () => heard.includes(`${svc.id} 2027-04`));
    await new Promise((r) => setTimeout(r, 600)); // the refresh interval
    assert.notEqual(cache.month(app.ctx.db, svc.id, '2027-04'), first, 'recomputed after the announcement');
  });

  it('counts as listening only while its probes come back: a connection that hears nothing falls back to the 3 s TTL', async () => {
    let deaf = false;
    const probed = listenForAvailability(app.ctx, {
      probeEveryMs: 200,
      probeWithinMs: 300,
      // a lost probe is what a connection hears when it hears nothing (a pooler in transaction mode, say)
      sendProbe: (channel, payload) => (deaf ? Promise.resolve() : app.ctx.db.query('SELECT pg_notify($1, $2)', [channel, payload])),
    });
    try {
      await until('the probed listener', () => probed.isListening());
      deaf = true;
      await until('the listener to stop trusting its connection', () => !probed.isListening(), 5000);
      deaf = false;
      await until('the listener to trust a new connection', () => probed.isListening());
    } finally {
      await probed.close();
    }
  });

  it('reconnects after its connection is killed, and hears changes again', async () => {
    await other.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'madoguchi availability listener' AND datname = current_database()",
    );
    await until('the listener to notice', () => !listener.isListening(), 5000).catch(() => undefined);
    await until('the listener to reconnect', () => listener.isListening());
    heard.length = 0;
    await changeSeat('2027-03-05T10:00:00+09:00');
    await until('the notification after reconnecting', () => heard.includes(`${svc.id} 2027-03`));
  });
});
