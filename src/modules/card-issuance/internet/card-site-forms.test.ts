/**
 * The booking site's citizen forms refuse a request without their CSRF token or with another
 * session's (403, nothing changed), and cancelCardBooking itself refuses a booking that is not the
 * session's card's — whoever calls it.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { AppError } from '../../../http/errors.js';
import { ManualClock } from '../../../platform/clock.js';
import { exportBundle } from '../internal/export-bundle.js';
import { importIssuanceList } from '../internal/import-issuance-list.js';
import { decryptPersonal } from '../internal/card-personal.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../internal/synthetic-list.js';
import { openCardOffice } from '../testing.js';
import { bookCardSlot, cancelCardBooking } from './card-bookings.js';
import { importBundle } from './import-bundle.js';
import { upsertLocation } from './locations.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
type Session = { cookie: string; csrf: string };

describe('card booking site: CSRF on every citizen form, and cancelling only what is the session’s', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const start = new Date('2026-11-26T09:00:00+09:00');
  const count = async (sql: string, params: unknown[] = []) => Number((await app.ctx.db.query<{ n: number }>(sql, params)).rows[0]?.n);
  const birthday = async (id: string) => {
    const r = await app.ctx.db.query<{ personal_enc: string }>('SELECT personal_enc FROM card_int_cards WHERE control_no = $1', [id]);
    const b = decryptPersonal(app.ctx.crypto, r.rows[0]!.personal_enc).birthDate;
    return b.slice(5, 7) + b.slice(8, 10);
  };
  const logIn = async (id: string): Promise<Session> => {
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/card/session',
      payload: { reservationId: id, password: await birthday(id) },
    });
    assert.equal(r.statusCode, 200, r.body);
    return { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: r.json().csrfToken };
  };
  const post = (url: string, s: Session | undefined, fields: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { ...form, ...(s ? { cookie: s.cookie } : {}) },
      payload: new URLSearchParams(fields).toString(),
    });
  const bookingsOf = (id: string) =>
    count('SELECT count(*)::int AS n FROM card_net_booking_members WHERE reservation_id = $1 AND is_active', [id]);
  const sessions = () => count('SELECT count(*)::int AS n FROM card_net_sessions');

  before(async () => {
    app = await startTestApp({ clock });
    const settings = await openCardOffice(app.ctx);
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 6, seed: 9, idPrefix: 'CSF' }), 'utf-8');
    assert.equal(
      (
        await importIssuanceList(app.ctx, {
          settings,
          fileName: 'c.csv',
          open: () => Readable.from([bytes]),
          encoding: 'utf-8',
          actor: sys,
        })
      ).ok,
      true,
    );
    await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    await upsertLocation(
      app.ctx.db,
      {
        departmentId: settings.departmentId,
        code: 'honcho',
        name: '本庁舎',
        nameEn: 'City Hall',
        counters: 2,
        peoplePerCounter: 2,
        slotMinutes: 30,
        openTime: '09:00',
        closeTime: '10:00',
        weekdays: [1, 2, 3, 4, 5],
        opensDaysAhead: 30,
        bookUntilMinutes: 60,
        isActive: true,
      },
      clock.now(),
    );
  });
  after(() => app.close());

  it('refuses the log-in form without the form token or with another browser’s, and logs no one in', async () => {
    const id = 'CSF000001';
    const before = await sessions();
    const page = await app.server.inject({ method: 'GET', url: '/card' });
    const cookie = /madoguchi_form=[^;]+/.exec(String(page.headers['set-cookie']))![0];
    const other = await app.server.inject({ method: 'GET', url: '/card' });
    const othersToken = /name="_csrf" value="([^"]+)"/.exec(other.body)![1]!;
    const fields = { reservationId: id, password: await birthday(id) };
    for (const [what, headers, token] of [
      ['no token', {}, undefined],
      ['another browser’s token', { cookie }, othersToken],
    ] as const) {
      const r = await app.server.inject({
        method: 'POST',
        url: '/card/login',
        headers: { ...form, ...headers },
        payload: new URLSearchParams({ ...fields, ...(token ? { _csrf: token } : {}) }).toString(),
      });
      assert.equal(r.statusCode, 403, what);
      assert.doesNotMatch(String(r.headers['set-cookie'] ?? ''), /madoguchi_card=/, what);
    }
    assert.equal(await sessions(), before, 'no session was started');
  });

  it('refuses booking, cancelling and logging out without the session’s token or with another session’s, and changes nothing', async () => {
    const mine = await logIn('CSF000002');
    const theirs = await logIn('CSF000003');
    const booking = { location: 'honcho', date: '2026-11-26', start: start.toISOString() };
    for (const token of [undefined, theirs.csrf]) {
      const r = await post('/card/booking', mine, { ...booking, ...(token ? { _csrf: token } : {}) });
      assert.equal(r.statusCode, 403);
    }
    assert.equal(await bookingsOf('CSF000002'), 0, 'nothing booked');
    const ok = await post('/card/booking', mine, { ...booking, _csrf: mine.csrf });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(await bookingsOf('CSF000002'), 1);
    const bookingId = (
      await app.ctx.db.query<{ booking_id: string }>('SELECT booking_id FROM card_net_booking_members WHERE reservation_id = $1', [
        'CSF000002',
      ])
    ).rows[0]!.booking_id;
    for (const token of [undefined, theirs.csrf]) {
      const r = await post('/card/booking/cancel', mine, { bookingId, ...(token ? { _csrf: token } : {}) });
      assert.equal(r.statusCode, 403);
    }
    assert.equal(await bookingsOf('CSF000002'), 1, 'still booked');
    const sessionsBefore = await sessions();
    for (const token of [undefined, theirs.csrf]) {
      const r = await post('/card/logout', mine, token ? { _csrf: token } : {});
      assert.equal(r.statusCode, 403);
    }
    assert.equal(await sessions(), sessionsBefore, 'still logged in');
    const cancel = await post('/card/booking/cancel', mine, { bookingId, _csrf: mine.csrf });
    assert.equal(cancel.statusCode, 303);
    assert.equal(await bookingsOf('CSF000002'), 0, 'cancelled with the right token');
  });

  it('cancelCardBooking refuses another session’s booking with 404 and leaves it booked', async () => {
    const b = await bookCardSlot(app.ctx, { location: 'honcho', start, reservationIds: ['CSF000004'], actor: { type: 'citizen' } });
    const other = { session: { reservationId: 'CSF000005' } };
    await assert.rejects(
      cancelCardBooking(app.ctx, { bookingId: b.bookingId, of: other, actor: { type: 'citizen', id: 'CSF000005' } }),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
    await assert.rejects(
      cancelCardBooking(app.ctx, { bookingId: b.bookingId, of: { departmentId: '00000000-0000-4000-8000-000000000000' }, actor: sys }),
      (e: unknown) => e instanceof AppError && e.status === 404,
      'nor staff of another department',
    );
    assert.equal(await bookingsOf('CSF000004'), 1, 'still booked');
    assert.equal(
      await cancelCardBooking(app.ctx, {
        bookingId: b.bookingId,
        of: { session: { reservationId: 'CSF000004' } },
        actor: { type: 'citizen', id: 'CSF000004' },
      }),
      true,
    );
    assert.equal(await bookingsOf('CSF000004'), 0);
  });
});
