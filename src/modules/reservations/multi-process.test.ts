/**
 * Two separate server processes on one PostgreSQL database booking the last seats of a slot at
 * the same time (and moving bookings into it): exactly the free seats are taken, never more.
 * PostgreSQL only (PGlite is one process by design).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServerDatabase, serverUrl } from '../../../test/helpers.js';
import { openDb, type Db } from '../../platform/db.js';
import { migrate } from '../../platform/migrate.js';
import {
  benchService,
  bookingRequest,
  overbookedSlots,
  request,
  serverEnv,
  startServerProcess,
  type ServerProcess,
} from '../../../bench/support.js';
import { addDays, jstIso, jstDate, jstInstant } from '../../platform/japan-time.js';

describe('two server processes on PostgreSQL', { skip: !serverUrl && 'needs DATABASE_URL (PostgreSQL)' }, () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  let servers: ServerProcess[] = [];
  let serviceId: string;
  const day = addDays(jstDate(new Date()), 5);

  before(async () => {
    database = await createServerDatabase(serverUrl as string);
    db = await openDb({ url: database.url, poolSize: 4 });
    await migrate(db);
    serviceId = await db.transaction((tx) => benchService(tx, { capacity: 5, durationMinutes: 30, code: 'mproc' }));
    const env = serverEnv(database.url, 8);
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    await database?.drop();
  });

  it('gives the last seats to exactly as many requests as there are seats', async () => {
    const start = jstIso(jstInstant(day, '10:00'));
    // three of five seats are taken first
    for (let i = 0; i < 3; i++) assert.equal((await bookingRequest(servers[0]!.url, serviceId, start, i)).status, 201);
    const shots = await Promise.all(Array.from({ length: 400 }, (_, i) => bookingRequest(servers[i % 2]!.url, serviceId, start, 100 + i)));
    const won = shots.filter((s) => s.status === 201).length;
    assert.equal(won, 2, `statuses: ${[...new Set(shots.map((s) => s.status))].join(',')}`);
    // the others: full (409), or refused by admission (503 + Retry-After) when they would wait over 1.5 s for a place
    assert.equal(shots.filter((s) => s.status === 409 || s.status === 503).length, 398);
    assert.ok(shots.filter((s) => s.status === 409).length > 0, 'some were told the slot is full');
    const slot = await db.query<{ booked: number; capacity: number }>(
      'SELECT booked, capacity FROM rsv_slots WHERE service_id = $1 AND starts_at = $2',
      [serviceId, new Date(start)],
    );
    assert.deepEqual(slot.rows[0], { booked: 5, capacity: 5 });
    assert.equal(await overbookedSlots(db, serviceId), 0);
  });

  it('keeps capacity when twenty bookings race from both processes to move into a five-seat slot', async () => {
    const target = jstIso(jstInstant(day, '14:00'));
    const sources = ['11:00', '11:30', '12:00', '12:30'].map((t) => jstIso(jstInstant(day, t)));
    const tokens: { number: string; token: string }[] = [];
    for (const [i, s] of sources.entries())
      for (let k = 0; k < 5; k++) {
        const r = await fetch(`${servers[0]!.url}/api/v1/reservations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ serviceId, start: s, name: `移動 ${i}-${k}`, phone: `0905550${String(i * 10 + k).padStart(4, '0')}` }),
        });
        const b = (await r.json()) as { reservationNumber: string; accessToken: string };
        tokens.push({ number: b.reservationNumber, token: b.accessToken });
      }
    // 20 bookings race to move into a 5-seat slot (across both processes)
    const moves = tokens.map((t, i) =>
      request(`${servers[i % 2]!.url}/api/v1/reservations/${t.number}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
        body: JSON.stringify({ start: target }),
      }),
    );
    const results = await Promise.all(moves);
    assert.equal(results.filter((r) => r.status === 200).length, 5);
    assert.equal(results.filter((r) => r.status === 409).length, 15);
    assert.equal(await overbookedSlots(db, serviceId), 0);
    const total = await db.query<{ n: number }>(
      `SELECT COALESCE(sum(booked), 0)::int AS n FROM rsv_slots WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3`,
      [serviceId, jstInstant(day, '11:00'), jstInstant(day, '14:30')],
    );
    assert.equal(total.rows[0]!.n, 20);
  });
});
