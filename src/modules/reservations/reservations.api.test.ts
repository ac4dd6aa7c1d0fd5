import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import { allJobs } from '../../bootstrap.js';
import { makeService, person } from './testing.js';
import { Admission } from './admission.js';
import { useAdmission } from './admission-instance.js';
import { citizenFormSession } from '../../web/citizen/testing.js';

// Monday 30 Nov 2026, 09:00 Tokyo
const clock = new ManualClock('2026-11-30T09:00:00+09:00');

describe('reservations API', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  const post = (payload: object, headers: Record<string, string> = {}) =>
    app.server.inject({ method: 'POST', url: '/api/v1/reservations', payload, headers });
  const book = (start: string, i?: number, extra: object = {}) =>
    post({ serviceId: svc.id, start, ...person(i), fields: { topic: 'other' }, ...extra });

  before(async () => {
    app = await startTestApp({ clock });
    svc = await makeService(app.ctx, { capacity: 2 });
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  it('lists services with their fields', async () => {
    const r = await app.server.inject({ method: 'GET', url: '/api/v1/services' });
    assert.equal(r.statusCode, 200);
    const s = r.json().find((x: { id: string }) => x.id === svc.id);
    assert.equal(s.durationMinutes, 30);
    assert.deepEqual(
      s.fields.map((f: { key: string }) => f.key),
      ['name', 'phone', 'email', 'topic'],
    );
    assert.equal(s.fields[3].type, 'choice');
    assert.equal(s.fields[3].options[0].value, 'working_conditions');
  });

  it('answers availability in +09:00, cacheable, only bookable slots', async () => {
    const r = await app.server.inject({ method: 'GET', url: `/api/v1/services/${svc.id}/availability?from=2026-11-30&to=2026-12-01` });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['cache-control']), /^public, max-age=[0-3]$/);
    assert.match(String(r.headers.etag), /^"[\w-]{27}"$/);
    const slots = r.json();
    // today: 09:00 is past, 09:30 is within the 60-minute cut-off; 10:00 onwards
    assert.equal(slots[0].start, '2026-11-30T10:00:00+09:00');
    assert.equal(slots[0].end, '2026-11-30T10:30:00+09:00');
    assert.equal(slots[0].remaining, 2);
    assert.equal(slots.length, 4 + 6);
    const bad = await app.server.inject({ method: 'GET', url: `/api/v1/services/${svc.id}/availability?from=2026-13-01&to=2026-12-01` });
    assert.equal(bad.statusCode, 422);
  });

  it('books, then shows the booking only with the token', async () => {
    const r = await book('2026-12-01T09:00:00+09:00');
    assert.equal(r.statusCode, 201, r.body);
    const b = r.json();
    assert.match(b.reservationNumber, /^[2-9A-HJKMNP-Z]{8}$/);
    assert.equal(b.start, '2026-12-01T09:00:00+09:00');
    assert.equal(b.end, '2026-12-01T09:30:00+09:00');
    const get = (n: string, token: string) =>
      app.server.inject({ method: 'GET', url: `/api/v1/reservations/${n}`, headers: { authorization: `Bearer ${token}` } });
    const ok = await get(b.reservationNumber, b.accessToken);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().status, 'booked');
    assert.equal(ok.json().fields.topic, 'other');
    const wrongToken = await get(b.reservationNumber, 'A'.repeat(22));
    const wrongNumber = await get('ZZZZ2222', b.accessToken);
    assert.equal(wrongToken.statusCode, 404);
    assert.equal(wrongNumber.statusCode, 404);
    assert.equal(wrongToken.json().detail, wrongNumber.json().detail);
    // stored encrypted: the name is not in the row
    const row = await app.ctx.db.query<Record<string, string>>('SELECT * FROM rsv_reservations WHERE reservation_number = $1', [
      b.reservationNumber,
    ]);
    assert.ok(!JSON.stringify(row.rows[0]).includes('試験'));
    assert.ok(!JSON.stringify(row.rows[0]).includes(b.accessToken));
  });

  it('refuses bad input with field-level messages and writes nothing', async () => {
    const before = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rsv_reservations');
    const r = await post({
      serviceId: svc.id,
      start: '2026-12-01T09:30:00+09:00',
      name: '',
      phone: '12345',
      email: 'x@',
      fields: { topic: 'nope', extra: 'x' },
    });
    assert.equal(r.statusCode, 422);
    const fields = r
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    assert.deepEqual(fields, ['email', 'fields.extra', 'fields.topic', 'name', 'phone']);
    assert.match(r.json().errors.find((e: { field: string }) => e.field === 'phone').message, /電話番号/);
    for (const [start, why] of [
      ['2026-11-30T08:30:00+09:00', 'past'],
      ['2026-11-30T09:30:00+09:00', 'too late'],
      ['2026-12-05T09:00:00+09:00', 'Saturday'],
      ['2026-12-29T09:00:00+09:00', 'year-end'],
      ['2027-01-11T09:00:00+09:00', 'holiday, outside window'],
      ['2026-12-01T09:10:00+09:00', 'not a slot start'],
      ['2026-12-01 09:00', 'no offset'],
    ] as const) {
      const x = await book(start);
      assert.equal(x.statusCode, 422, `${why}: ${x.body}`);
      assert.equal(x.json().errors[0].field, 'start', why);
    }
    const after = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rsv_reservations');
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
  });

  it('answers 409 when the slot is full', async () => {
    assert.equal((await book('2026-12-01T10:00:00+09:00')).statusCode, 201);
    assert.equal((await book('2026-12-01T10:00:00+09:00')).statusCode, 201);
    const full = await book('2026-12-01T10:00:00+09:00');
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().code, 'slot_full');
  });

  it('creates one booking for a retried submit with the same Idempotency-Key', postgresRace, async () => {
    const payload = { serviceId: svc.id, start: '2026-12-01T10:30:00+09:00', ...person(7), fields: { topic: 'other' } };
    const results = await Promise.all([1, 2, 3].map(() => post(payload, { 'idempotency-key': 'retry-key-0001' })));
    const numbers = new Set(results.map((r) => r.json().reservationNumber));
    assert.equal(numbers.size, 1);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 201]);
    const rows = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rsv_reservations WHERE starts_at = '2026-12-01T10:30:00+09:00'`,
    );
    assert.equal(rows.rows[0]!.n, 1);
    const other = await post({ ...payload, name: '別人' }, { 'idempotency-key': 'retry-key-0001' });
    assert.equal(other.statusCode, 422);
  });

  it('never exceeds capacity under a burst of concurrent bookings', postgresRace, async () => {
    const start = '2026-12-02T11:00:00+09:00';
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => book(start, 100 + i)));
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 201).length, 2);
    assert.equal(codes.filter((c) => c === 409).length, 58);
    const slot = await app.ctx.db.query<{ booked: number; capacity: number }>(
      `SELECT booked, capacity FROM rsv_slots WHERE service_id = $1 AND starts_at = $2`,
      [svc.id, new Date(start)],
    );
    assert.deepEqual(slot.rows[0], { booked: 2, capacity: 2 });
  });

  it('changes the time, frees the old seat, and cancels', async () => {
    const b = (await book('2026-12-03T09:00:00+09:00')).json();
    const auth = { authorization: `Bearer ${b.accessToken}` };
    const moved = await app.server.inject({
      method: 'PATCH',
      url: `/api/v1/reservations/${b.reservationNumber}`,
      headers: auth,
      payload: { start: '2026-12-03T09:30:00+09:00', fields: { topic: 'working_conditions' } },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().start, '2026-12-03T09:30:00+09:00');
    const seats = async (t: string) =>
      (
        await app.ctx.db.query<{ booked: number }>('SELECT booked FROM rsv_slots WHERE service_id = $1 AND starts_at = $2', [
          svc.id,
          new Date(t),
        ])
      ).rows[0]?.booked;
    assert.equal(await seats('2026-12-03T09:00:00+09:00'), 0);
    assert.equal(await seats('2026-12-03T09:30:00+09:00'), 1);
    const got = await app.server.inject({ method: 'GET', url: `/api/v1/reservations/${b.reservationNumber}`, headers: auth });
    assert.equal(got.json().fields.topic, 'working_conditions');
    const del = await app.server.inject({ method: 'DELETE', url: `/api/v1/reservations/${b.reservationNumber}`, headers: auth });
    assert.equal(del.statusCode, 204);
    assert.equal(await seats('2026-12-03T09:30:00+09:00'), 0);
    const again = await app.server.inject({ method: 'DELETE', url: `/api/v1/reservations/${b.reservationNumber}`, headers: auth });
    assert.equal(again.statusCode, 409);
  });

  it('moves into a full slot is refused and leaves the booking where it was', async () => {
    const a = (await book('2026-12-03T11:00:00+09:00')).json();
    await book('2026-12-03T11:30:00+09:00');
    await book('2026-12-03T11:30:00+09:00');
    const r = await app.server.inject({
      method: 'PATCH',
      url: `/api/v1/reservations/${a.reservationNumber}`,
      headers: { authorization: `Bearer ${a.accessToken}` },
      payload: { start: '2026-12-03T11:30:00+09:00' },
    });
    assert.equal(r.statusCode, 409);
    const g = await app.server.inject({
      method: 'GET',
      url: `/api/v1/reservations/${a.reservationNumber}`,
      headers: { authorization: `Bearer ${a.accessToken}` },
    });
    assert.equal(g.json().start, '2026-12-03T11:00:00+09:00');
  });

  it('sends the confirmation at once and the reminder the day before at 10:00, with no name or phone', async () => {
    const standin = await smtpStandin();
    const b = (await book('2026-12-04T09:00:00+09:00', 900, { email: 'notice@example.jp' })).json();
    const worker = new JobWorker(app.ctx, allJobs());
    await worker.drain();
    const mine = () => standin.messages.filter((m) => m.to.includes('notice@example.jp'));
    assert.equal(mine().length, 1);
    const mail = mine()[0]!;
    assert.match(mail.subject, /予約完了/);
    assert.ok(mail.text.includes(`${b.reservationNumber.slice(0, 4)}-${b.reservationNumber.slice(4)}`));
    assert.ok(mail.text.includes('2026年12月4日（金） 09:00'));
    assert.ok(mail.text.includes('本庁舎1階'));
    assert.ok(!mail.text.includes('試験') && !mail.text.includes('090-5550'));
    assert.match(mail.messageId, /^<notice-\d+-[a-z0-9]+\.[A-Za-z0-9]+@localhost>$/);
    assert.equal(mail.attachments[0]?.contentType, 'image/png');
    clock.set('2026-12-03T09:59:00+09:00');
    await worker.drain();
    assert.equal(mine().length, 1);
    clock.set('2026-12-03T10:00:00+09:00');
    await worker.drain();
    assert.equal(mine().length, 2);
    assert.match(mine()[1]!.subject, /リマインド/);
    clock.set('2026-11-30T09:00:00+09:00');
  });

  it('throttles number guessing', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const r = await app.server.inject({
        method: 'GET',
        url: '/api/v1/reservations/ABCD2345',
        headers: { authorization: `Bearer ${'B'.repeat(22)}` },
        remoteAddress: '10.9.9.9',
      });
      last = r.statusCode;
    }
    assert.equal(last, 429);
  });

  it('erases personal data after the retention period, keeping the count', async () => {
    const { anonymiseExpired } = await import('./retention.js');
    const n = await app.ctx.db.transaction((tx) => anonymiseExpired(app.ctx, tx, new Date('2027-01-10T00:00:00+09:00')));
    assert.ok(n >= 5);
    const left = await app.ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rsv_reservations WHERE name_enc IS NOT NULL AND starts_at < $1',
      [new Date('2026-12-10T00:00:00+09:00')],
    );
    assert.equal(left.rows[0]!.n, 0);
    const audit = await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reservation.anonymise'`);
    assert.ok(audit.rows[0]!.n >= 1);
  });

  it('degrades to 503 + Retry-After (JSON and a Japanese page) when the process is saturated', async () => {
    const previous = useAdmission(app.ctx, new Admission(0, 0, 10));
    try {
      const api = await book('2026-12-07T09:00:00+09:00');
      assert.equal(api.statusCode, 503);
      assert.ok(Number(api.headers['retry-after']) >= 1);
      assert.equal(api.json().code, 'service_busy');
      // refused when the request arrives: a body that would be a 400 is never read
      const unread = await app.server.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        headers: { 'content-type': 'application/json' },
        payload: '{"serviceId": ',
      });
      assert.equal(unread.statusCode, 503, unread.body);
      assert.ok(Number(unread.headers['retry-after']) >= 1);
      const form = await citizenFormSession(app.server);
      const page = await app.server.inject({
        method: 'POST',
        url: `/services/${svc.id}/book/confirm`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: form.cookie },
        payload: new URLSearchParams({
          _csrf: form.csrf,
          start: '2026-12-07T09:00:00+09:00',
          name: '試験',
          phone: '09055501111',
          f_topic: 'other',
        }).toString(),
      });
      assert.equal(page.statusCode, 503);
      assert.ok(page.headers['retry-after']);
      assert.match(page.body, /混み合っています/);
      const rows = await app.ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM rsv_reservations WHERE starts_at = '2026-12-07T09:00:00+09:00'`,
      );
      assert.equal(rows.rows[0]!.n, 0);
      // places free, but the process lagging (its event loop late): refused at once, before the body is read
      useAdmission(app.ctx, new Admission(8, 100, 1500, () => true));
      const lagging = await app.server.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        headers: { 'content-type': 'application/json' },
        payload: '{',
      });
      assert.equal(lagging.statusCode, 503, lagging.body);
    } finally {
      useAdmission(app.ctx, previous);
    }
  });
});
