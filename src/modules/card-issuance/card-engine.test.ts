/**
 * The card booking site on the shared reservation engine: the pickup location's schedule, national
 * holidays, city-wide closures, extra openings, booking window and seats are the engine's; the
 * counter-reservation API never offers or books a pickup location.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { AppError } from '../../http/errors.js';
import { addPickupException, monthCalendar } from '../reservations/index.js';
import { openCardOffice } from './testing.js';
import { exportBundle } from './internal/export-bundle.js';
import { importIssuanceList } from './internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from './internal/synthetic-list.js';
import { importBundle } from './internet/import-bundle.js';
import { bookCardSlot, cancelCardBooking } from './internet/card-bookings.js';
import { findLocation, upsertLocation, type LocationInput } from './internet/locations.js';
import { logInClient, makeStaff } from '../staff/test-support.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const citizen = { type: 'citizen' as const };
const at = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);
const code = (err: unknown) => (err instanceof AppError ? err.code : String(err));

describe('card booking site on the shared reservation engine', () => {
  let app: TestApp;
  let deptId: string;
  let base: LocationInput;
  // Tuesday 24 November 2026, 10:00 JST
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `ENG${String(from + i).padStart(6, '0')}`);

  before(async () => {
    app = await startTestApp({ clock });
    const settings = await openCardOffice(app.ctx);
    deptId = settings.departmentId;
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 40, seed: 3, idPrefix: 'ENG' }), 'shift_jis');
    const r = await importIssuanceList(app.ctx, { settings, fileName: 'e.csv', open: () => Readable.from([bytes]), actor: sys });
    assert.equal(r.ok, true);
    await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    base = {
      departmentId: deptId,
      code: 'honcho',
      name: '本庁舎',
      nameEn: 'City Hall',
      counters: 2,
      peoplePerCounter: 2,
      slotMinutes: 30,
      openTime: '09:00',
      closeTime: '11:00',
      weekdays: [1, 2, 3, 4, 5],
      opensDaysAhead: 60,
      bookUntilMinutes: 1440,
      isActive: true,
    };
    await app.ctx.db.transaction((tx) => upsertLocation(tx, base, clock.now()));
  });
  after(() => app.close());

  it('follows the engine calendar: weekends, national holidays, year-end, city-wide closures and extra openings', async () => {
    const loc = (await findLocation(app.ctx.db, 'honcho', null))!;
    const refused = async (start: Date) =>
      code(
        await bookCardSlot(app.ctx, { location: 'honcho', start, reservationIds: ids(1, 1), actor: citizen }).then(
          () => 'booked',
          (e: unknown) => e,
        ),
      );
    assert.equal(await refused(at('2026-11-28', '09:00')), 'validation_failed', 'Saturday');
    assert.equal(await refused(at('2027-01-11', '09:00')), 'validation_failed', '成人の日 (national holiday)');
    assert.equal(await refused(at('2026-12-29', '09:00')), 'validation_failed', 'year-end closure');
    assert.equal(await refused(at('2026-12-01', '09:10')), 'validation_failed', 'not a slot start');
    assert.equal(await refused(at('2026-12-01', '11:00')), 'validation_failed', 'after closing time');
    // a city-wide closure entered for counter reservations closes the pickup day too
    await app.ctx.db.query(
      `INSERT INTO rsv_calendar_exceptions (service_id, day, kind, note) VALUES (NULL, '2026-12-02', 'closed', 'system maintenance')`,
    );
    const { availabilityOf } = await import('../reservations/availability.js');
    availabilityOf(app.ctx).clear();
    assert.equal(await refused(at('2026-12-02', '09:00')), 'validation_failed', 'city-wide closure');
    // 休日開庁: a Saturday morning extra opening makes that Saturday bookable
    await app.ctx.db.transaction((tx) =>
      addPickupException(tx, loc.serviceId, { day: '2026-12-05', kind: 'open', start: '09:00', end: '10:00', note: '休日開庁' }),
    );
    const sat = await bookCardSlot(app.ctx, {
      location: 'honcho',
      start: at('2026-12-05', '09:30'),
      reservationIds: ids(2, 1),
      actor: citizen,
    });
    assert.equal(sat.start.toISOString(), at('2026-12-05', '09:30').toISOString());
    const cal = (await monthCalendar(app.ctx, loc.serviceId, '2026-12', clock.now()))!;
    const day = (d: string) => cal.days.find((x) => x.date === d)!;
    assert.equal(day('2026-12-05').bookable, true);
    assert.equal(day('2026-12-06').mark, '－');
    assert.equal(day('2026-12-02').status.reason, 'closure');
    assert.equal(day('2026-12-29').status.reason, 'year_end');
  });

  it('applies the booking window to citizens, lets staff book after it closes, never in the past', async () => {
    // bookings close 1,440 minutes before: tomorrow 09:00 is too late for a citizen
    await assert.rejects(
      bookCardSlot(app.ctx, { location: 'honcho', start: at('2026-11-25', '09:00'), reservationIds: ids(3, 1), actor: citizen }),
      (e: unknown) => e instanceof AppError && /受付は終了しました/.test(e.extra.fieldErrors?.[0]?.message.ja ?? ''),
    );
    const staffId = '00000000-0000-4000-8000-000000000001';
    const ok = await bookCardSlot(app.ctx, {
      location: 'honcho',
      start: at('2026-11-25', '09:00'),
      reservationIds: ids(3, 1),
      actor: sys,
      staffId,
    });
    assert.ok(ok.ref);
    await assert.rejects(
      bookCardSlot(app.ctx, { location: 'honcho', start: at('2026-11-24', '09:00'), reservationIds: ids(4, 1), actor: sys, staffId }),
      AppError,
    );
    // beyond opensDaysAhead (60 days)
    await assert.rejects(
      bookCardSlot(app.ctx, { location: 'honcho', start: at('2027-02-01', '09:00'), reservationIds: ids(4, 1), actor: citizen }),
      AppError,
    );
  });

  it('never exceeds capacity under concurrent household bookings (capacity counts people)', postgresRace, async () => {
    const start = at('2026-12-03', '10:00');
    // capacity 4; 10 concurrent attempts of 1–3 people for 20 distinct cards
    const parties = [3, 1, 2, 1, 3, 2, 1, 2, 3, 2];
    let next = 10;
    const attempts = parties.map((n) => {
      const members = ids(next, n);
      next += n;
      return bookCardSlot(app.ctx, { location: 'honcho', start, reservationIds: members, actor: citizen }).then(
        () => n,
        (e: unknown) => {
          assert.equal(code(e), 'slot_full');
          return 0;
        },
      );
    });
    const seats = (await Promise.all(attempts)).reduce((a, b) => a + b, 0);
    const row = (
      await app.ctx.db.query<{ capacity: number; booked: number }>('SELECT capacity, booked FROM card_net_slots WHERE starts_at = $1', [
        start,
      ])
    ).rows[0]!;
    assert.equal(row.capacity, 4);
    assert.equal(row.booked, seats);
    assert.ok(seats <= 4 && seats >= 3, `seats taken: ${seats}`);
    const active = await app.ctx.db.query<{ n: number }>(
      `SELECT COALESCE(sum(b.party_size), 0)::int AS n FROM card_net_bookings b JOIN card_net_slots s ON s.id = b.slot_id WHERE s.starts_at = $1 AND b.status = 'booked'`,
      [start],
    );
    assert.equal(active.rows[0]!.n, seats);
  });

  it('lowering the counters keeps existing bookings, reports them, and cancelling gives the seats back', async () => {
    const start = at('2026-12-04', '09:00');
    const b = await bookCardSlot(app.ctx, { location: 'honcho', start, reservationIds: ids(30, 3), actor: citizen });
    const r = await app.ctx.db.transaction((tx) => upsertLocation(tx, { ...base, counters: 1 }, clock.now()));
    assert.ok(r.overCapacity >= 1);
    const slot = async () =>
      (
        await app.ctx.db.query<{ capacity: number; booked: number }>('SELECT capacity, booked FROM card_net_slots WHERE starts_at = $1', [
          start,
        ])
      ).rows[0]!;
    assert.deepEqual(await slot(), { capacity: 3, booked: 3 });
    await assert.rejects(
      bookCardSlot(app.ctx, { location: 'honcho', start, reservationIds: ids(33, 1), actor: citizen }),
      (e: unknown) => code(e) === 'slot_full',
    );
    await cancelCardBooking(app.ctx, { bookingId: b.bookingId, of: { session: { reservationId: ids(30, 1)[0]! } }, actor: citizen });
    assert.equal((await slot()).booked, 0);
    await app.ctx.db.transaction((tx) => upsertLocation(tx, base, clock.now()));
  });

  it('the counter-reservation API neither lists, shows nor books a pickup location', async () => {
    const loc = (await findLocation(app.ctx.db, 'honcho', null))!;
    const list = await app.server.inject({ method: 'GET', url: '/api/v1/services' });
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(loc.serviceId));
    const avail = await app.server.inject({
      method: 'GET',
      url: `/api/v1/services/${loc.serviceId}/availability?from=2026-12-01&to=2026-12-01`,
    });
    assert.equal(avail.statusCode, 404);
    const page = await app.server.inject({ method: 'GET', url: `/services/${loc.serviceId}`, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    const book = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: { serviceId: loc.serviceId, start: '2026-12-07T09:00:00+09:00', name: 'テスト 太郎', phone: '0312345678' },
    });
    assert.equal(book.statusCode, 422, book.body);
    assert.equal((await app.ctx.db.query('SELECT 1 FROM rsv_reservations WHERE service_id = $1', [loc.serviceId])).rows.length, 0);
  });

  it('staff set up places, hours, counters and closures on the site page (validated, audited, department-scoped)', async () => {
    await makeStaff(app, { loginId: 'eng-shimin', dept: 'shimin' });
    await makeStaff(app, { loginId: 'eng-other', dept: 'engother' });
    const staff = await logInClient(app, 'eng-shimin');
    const outsider = await logInClient(app, 'eng-other');
    const form = {
      code: 'minami',
      name: '南支所',
      nameEn: '',
      counters: '2',
      peoplePerCounter: '3',
      slotMinutes: '20',
      openTime: '13:00',
      closeTime: '16:00',
      weekdays: ['2', '4'],
      opensDaysAhead: '45',
      bookUntilMinutes: '120',
      isActive: '1',
    };
    const bad = await staff.call('POST', '/staff/card-site/locations', { ...form, counters: 'many', openTime: '17:00', weekdays: [] });
    assert.equal(bad.status, 422);
    const badHtml = await app.server.inject({
      method: 'POST',
      url: '/staff/card-site/locations',
      payload: { ...form, counters: 'many', openTime: '17:00', weekdays: [] },
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, accept: 'text/html' },
    });
    assert.match(badHtml.body, /窓口数は0〜100の整数で入力してください/);
    assert.match(badHtml.body, /受付時間は HH:MM で/);
    assert.match(badHtml.body, /受付する曜日を1つ以上選んでください/);
    assert.match(badHtml.body, /value="many"/, 'the typed value is shown again');
    assert.equal(await findLocation(app.ctx.db, 'minami', null), undefined);

    assert.equal((await outsider.call('POST', '/staff/card-site/locations', form)).status, 404);
    const created = await staff.call('POST', '/staff/card-site/locations', form);
    assert.equal(created.status, 200);
    const loc = (await findLocation(app.ctx.db, 'minami', null))!;
    assert.deepEqual(
      [loc.weekdays, loc.openTime, loc.closeTime, loc.slotMinutes, loc.counters * loc.peoplePerCounter],
      [[2, 4], '13:00', '16:00', 20, 6],
    );
    const svc = (
      await app.ctx.db.query<{ kind: string; capacity: number }>('SELECT kind, capacity FROM rsv_services WHERE id = $1', [loc.serviceId])
    ).rows[0]!;
    assert.deepEqual(svc, { kind: 'card_pickup', capacity: 6 });
    const dup = await staff.call('POST', '/staff/card-site/locations', form);
    assert.equal(dup.status, 409, 'a code in use is refused');

    // Thursday 3 December: a closure, then removed
    assert.equal(
      (await outsider.call('POST', '/staff/card-site/locations/minami/exceptions', { day: '2026-12-03', kind: 'closed' })).status,
      404,
    );
    assert.equal(
      (await staff.call('POST', '/staff/card-site/locations/minami/exceptions', { day: '2026-12-03', kind: 'closed', note: '研修' }))
        .status,
      200,
    );
    const closed = (await monthCalendar(app.ctx, loc.serviceId, '2026-12', clock.now()))!.days.find((d) => d.date === '2026-12-03')!;
    assert.equal(closed.status.reason, 'closure');
    const ex = (await app.ctx.db.query<{ id: string }>('SELECT id FROM rsv_calendar_exceptions WHERE service_id = $1', [loc.serviceId]))
      .rows[0]!;
    assert.equal((await outsider.call('POST', `/staff/card-site/locations/minami/exceptions/${ex.id}/delete`, {})).status, 404);
    assert.equal((await staff.call('POST', `/staff/card-site/locations/minami/exceptions/${ex.id}/delete`, {})).status, 200);
    const open = (await monthCalendar(app.ctx, loc.serviceId, '2026-12', clock.now()))!.days.find((d) => d.date === '2026-12-03')!;
    assert.equal(open.status.open, true);

    // phone booking: date and start time, checked against the schedule
    const card = (
      await app.ctx.db.query<{ reservation_id: string; shipping_no: string }>(
        "SELECT reservation_id, shipping_no FROM card_net_cards WHERE reservation_id = 'ENG000039'",
      )
    ).rows[0]!;
    const phone = (time: string) =>
      app.server.inject({
        method: 'POST',
        url: '/staff/card-site/phone-booking',
        payload: { reservationId: 'eng-000039', shippingNo: card.shipping_no, location: 'minami', date: '2026-12-03', time },
        headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, accept: 'text/html' },
      });
    const wrong = await phone('13:10');
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /予約を受け付けていません/);
    const booked = await phone('13:20');
    assert.equal(booked.statusCode, 200, booked.body.slice(0, 300));
    assert.match(booked.body, /予約しました（C-/);
    const audits = await app.ctx.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action IN ('card.location.create', 'card.location.exception_add', 'card.location.exception_remove', 'card.booking.create')",
    );
    for (const a of ['card.location.create', 'card.location.exception_add', 'card.location.exception_remove', 'card.booking.create'])
      assert.ok(
        audits.rows.some((r) => r.action === a),
        a,
      );
  });
});
