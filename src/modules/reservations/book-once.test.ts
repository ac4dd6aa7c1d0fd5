/**
 * A citizen's booking is one statement (rsv_book, migration 0056), and so is a cancellation; a move is
 * a read and one write. Counted at the Db: every statement and every transaction the operation sends
 * once the service's settings and rules are cached. Also: a full slot, an idempotent replay and a
 * conflicting replay answer as before, and write nothing.
 */
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { AppError } from '../../http/errors.js';
import { ManualClock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { availabilityOf } from './availability.js';
import { bookSlot, type BookSlotInput } from './book-slot.js';
import { cancelReservation } from './cancel-reservation.js';
import { changeReservation } from './change-reservation.js';
import { makeService, person } from './testing.js';

// Monday 30 Nov 2026, 09:00 Tokyo
const clock = new ManualClock('2026-11-30T09:00:00+09:00');

/**
 * Counts what `fn` sends to the database through `db` (its own async context only: the availability
 * listener's probes, sent through the same pool on a timer, are not the booking's).
 */
async function counted<T>(db: Db, fn: () => Promise<T>): Promise<{ statements: number; transactions: number; result: T | AppError }> {
  const { query, transaction } = db;
  const mine = new AsyncLocalStorage<true>();
  let statements = 0;
  let transactions = 0;
  db.query = (sql, params) => {
    if (mine.getStore()) statements++;
    return query(sql, params);
  };
  db.transaction = (f, o) => {
    if (!mine.getStore()) return transaction(f, o);
    transactions++;
    const countedTx = (tx: Queryable): Queryable => ({
      ...tx,
      query: (sql, params) => {
        statements++;
        return tx.query(sql, params);
      },
    });
    return transaction((tx) => f(countedTx(tx)), o);
  };
  try {
    const result = await mine.run(true, fn).catch((err: unknown) => {
      if (err instanceof AppError) return err;
      throw err;
    });
    return { statements, transactions, result };
  } finally {
    db.query = query;
    db.transaction = transaction;
  }
}

describe('a booking in one round trip', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  const start = new Date('2026-12-01T10:00:00+09:00');
  const input = (i: number, key?: string): BookSlotInput => ({
    serviceId: svc.id,
    start,
    contact: { ...person(i), fields: { topic: 'other' } },
    channel: 'web',
    idempotency: key ? { scope: 'api', key } : undefined,
  });
  const count = async (sql: string, params: unknown[] = []) =>
    (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n;

  before(async () => {
    app = await startTestApp({ clock });
    // PostgreSQL: the availability listener empties the cache once it hears, and drops a service when its
    // settings are announced (migration 0059): wait for both before warming the cache
    const until = async (what: string, ok: () => boolean) => {
      const end = Date.now() + 15_000;
      while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      assert.ok(ok(), what);
    };
    const cache = availabilityOf(app.ctx);
    const dropped = new Set<string>();
    const dropService = cache.invalidateService.bind(cache);
    cache.invalidateService = (id) => {
      dropped.add(id);
      dropService(id);
    };
    if (app.databaseUrl) await until('the availability listener hears announcements', () => cache.isAnnounced());
    svc = await makeService(app.ctx, { capacity: 1 });
    if (app.databaseUrl) await until('the new service announced', () => dropped.has(svc.id));
    // the service's settings and the month's rules are cached from here on (as in a rush)
    await bookSlot(app.ctx, { ...input(1), start: new Date('2026-12-01T09:00:00+09:00') });
  });
  after(async () => {
    await app.close();
  });

  it('books with one statement and no transaction, the notice and reminder jobs included', async () => {
    const r = await counted(app.ctx.db, () => bookSlot(app.ctx, input(2, 'once-key-0001')));
    assert.deepEqual([r.statements, r.transactions], [1, 0]);
    assert.ok(!(r.result instanceof AppError));
    assert.equal(r.result.replayed, false);
    assert.equal(r.result.start, '2026-12-01T10:00:00+09:00');
    const jobs = await app.ctx.db.query<{ kind: string; dedupe_key: string; run_at: Date }>(
      `SELECT payload->>'kind' AS kind, dedupe_key, run_at FROM jobs WHERE payload->>'reservationId' = $1 ORDER BY run_at`,
      [r.result.reservationId],
    );
    assert.deepEqual(
      jobs.rows.map((j) => [j.kind, j.dedupe_key, j.run_at.toISOString()]),
      [
        ['confirmation', `confirmation:${r.result.reservationId}`, '2026-11-30T00:00:00.000Z'],
        ['reminder', `reminder:${r.result.reservationId}:2026-12-01T10:00:00+09:00`, '2026-11-30T01:00:00.000Z'],
      ],
    );
    // no 'booked' history row: the booking row says it
    assert.equal(await count('rsv_status_history WHERE reservation_id = $1', [r.result.reservationId]), 0);
  });

  it('answers a retry with the same key with the first answer, in one statement, writing nothing', async () => {
    const first = await bookSlot(app.ctx, { ...input(3, 'once-key-0002'), start: new Date('2026-12-01T10:30:00+09:00') });
    const before = await count('rsv_reservations');
    const r = await counted(app.ctx.db, () =>
      bookSlot(app.ctx, { ...input(3, 'once-key-0002'), start: new Date('2026-12-01T10:30:00+09:00') }),
    );
    assert.deepEqual([r.statements, r.transactions], [1, 0]);
    assert.ok(!(r.result instanceof AppError));
    assert.deepEqual(r.result, { ...first, replayed: true });
    assert.equal(await count('rsv_reservations'), before);
  });

  it('refuses the same key with another body (422 on Idempotency-Key) and a full slot (409), writing nothing', async () => {
    const before = [await count('rsv_reservations'), await count('jobs')];
    const other = await counted(app.ctx.db, () =>
      bookSlot(app.ctx, { ...input(4, 'once-key-0002'), start: new Date('2026-12-01T10:30:00+09:00') }),
    );
    assert.ok(other.result instanceof AppError);
    assert.equal(other.result.status, 422);
    assert.equal(other.statements, 1);
    const full = await counted(app.ctx.db, () => bookSlot(app.ctx, input(5, 'once-key-0003')));
    assert.ok(full.result instanceof AppError);
    assert.deepEqual([full.result.status, full.result.code, full.statements], [409, 'slot_full', 1]);
    assert.deepEqual([await count('rsv_reservations'), await count('jobs')], before);
    // the failed attempt left no key behind: the same key books once a seat is free elsewhere
    const elsewhere = await bookSlot(app.ctx, { ...input(5, 'once-key-0003'), start: new Date('2026-12-01T11:00:00+09:00') });
    assert.equal(elsewhere.replayed, false);
    const seats = await app.ctx.db.query<{ booked: number; capacity: number }>(
      'SELECT booked, capacity FROM rsv_slots WHERE service_id = $1 AND starts_at = $2',
      [svc.id, start],
    );
    assert.deepEqual(seats.rows[0], { booked: 1, capacity: 1 });
  });

  it('moves with a read and one write, and cancels with one statement', async () => {
    const b = await bookSlot(app.ctx, { ...input(6), start: new Date('2026-12-02T09:00:00+09:00') });
    const moved = await counted(app.ctx.db, () =>
      changeReservation(app.ctx, { reservationId: b.reservationId, start: new Date('2026-12-02T09:30:00+09:00') }),
    );
    assert.deepEqual([moved.statements, moved.transactions], [2, 0]);
    assert.ok(!(moved.result instanceof AppError));
    assert.equal(moved.result.start, '2026-12-02T09:30:00+09:00');
    const cancelled = await counted(app.ctx.db, () => cancelReservation(app.ctx, { reservationId: b.reservationId }));
    assert.deepEqual([cancelled.statements, cancelled.transactions], [1, 0]);
    const seats = await app.ctx.db.query<{ t: string; booked: number }>(
      `SELECT to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') AS t, booked FROM rsv_slots WHERE service_id = $1
       AND starts_at >= '2026-12-02T00:00:00+09:00' AND starts_at < '2026-12-03T00:00:00+09:00' ORDER BY starts_at`,
      [svc.id],
    );
    assert.deepEqual(
      seats.rows.map((s) => [s.t, s.booked]),
      [
        ['00:00', 0],
        ['00:30', 0],
      ],
    );
    const jobs = await app.ctx.db.query<{ kind: string; starts: string; dedupe_key: string | null }>(
      `SELECT payload->>'kind' AS kind, payload->>'startsAt' AS starts, dedupe_key FROM jobs WHERE payload->>'reservationId' = $1
       AND payload->>'kind' IN ('change', 'cancel') ORDER BY id`,
      [b.reservationId],
    );
    assert.deepEqual(
      jobs.rows.map((j) => [j.kind, j.starts, j.dedupe_key]),
      [
        ['change', '2026-12-02T09:30:00+09:00', null],
        ['cancel', '2026-12-02T09:30:00+09:00', `cancel:${b.reservationId}`],
      ],
    );
    const again = await counted(app.ctx.db, () => cancelReservation(app.ctx, { reservationId: b.reservationId }));
    assert.ok(again.result instanceof AppError);
    assert.equal(again.result.status, 409);
  });
});
