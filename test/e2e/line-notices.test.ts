/**
 * Booking notices by LINE: a booking made through LINE gets its confirmation and, at the scheduled
 * time (controllable clock), its reminder as LINE pushes through the stand-in; a user who unfollowed
 * the account receives nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers.js';
import { allJobs } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/platform/clock.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { startLineStandin, type LineStandin } from '../../src/line-standin/standin.js';
import { newUserId } from '../../src/line-standin/standin-state.js';
import { bookSlot, displayNumber } from '../../src/modules/reservations/index.js';
import { formatWhen } from '../../src/platform/japan-time.js';
import { CORE_FIELDS, insertService } from '../../src/modules/reservations/manage-services.js';
import { logInClient, makeStaff } from '../../src/modules/staff/test-support.js';

const SECRET = 'notice-line-channel-secret-0123456789';
const TOKEN = 'notice-line-access-token';

describe('LINE notices of LINE bookings', () => {
  const clock = new ManualClock('2026-12-01T00:00:00Z'); // Tue 1 Dec 09:00 JST
  let app: TestApp;
  let standin: LineStandin;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let serviceId: string;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN, now: () => clock.now().getTime() });
    standin = s.standin;
    closeStandin = s.close;
    app = await startTestApp({
      listen: true,
      clock,
      env: {
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_LIFF_ID: '1650000001-NoTiCe',
        LINE_API_BASE_URL: s.url,
        LINE_API_DATA_BASE_URL: s.url,
      },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    worker = new JobWorker(app.ctx, allJobs());
    const d = await app.ctx.db.query<{ id: string }>(`INSERT INTO departments (code, name) VALUES ('line-notice', '市民課') RETURNING id`);
    serviceId = await app.ctx.db.transaction((tx) =>
      insertService(
        tx,
        d.rows[0]!.id,
        {
          kind: 'counter',
          name: '転入届',
          nameEn: 'Moving in',
          description: '',
          place: '本庁舎1階 市民課',
          durationMinutes: 30,
          capacity: 2,
          opensDaysAhead: 30,
          bookUntilMinutes: 60,
          changeUntilMinutes: 60,
          closedOnNationalHolidays: true,
          closedYearEnd: true,
          reminderDaysBefore: 1,
          reminderTime: '10:00',
          remindersEnabled: true,
          retentionDays: 30,
          isActive: true,
        },
        CORE_FIELDS,
        [{ weekday: 4, start: '09:00', end: '12:00' }],
      ),
    );
  });
  after(async () => {
    await app.close();
    await closeStandin();
  });

  async function befriend(): Promise<string> {
    const userId = newUserId();
    await standin.act(userId, { type: 'follow' });
    await worker.drain();
    return userId;
  }

  const book = (lineUserId: string, start: string, i: number) =>
    bookSlot(app.ctx, {
      serviceId,
      start: new Date(start),
      contact: { name: `試験 花子${i}`, phone: `090-5550-100${i}` },
      channel: 'line',
      lineUserId,
    });

  const pushesTo = (userId: string) => standin.sentTo(userId).filter((r) => r.via === 'push' && r.delivered);
  const flexText = (m: unknown) => JSON.stringify(m);

  it('pushes the confirmation at once and the reminder at its time, the day before at 10:00', async () => {
    const userId = await befriend();
    const booked = await book(userId, '2026-12-03T01:00:00Z', 1); // Thu 3 Dec 10:00 JST
    await worker.drain();
    const [confirmation] = pushesTo(userId);
    assert.ok(confirmation, 'confirmation pushed');
    assert.equal(confirmation.messages[0]!.type, 'flex');
    // number and time written as on the web and in mails: "ABCD-2345", formatWhen's "2026年12月3日（木）10:00〜10:30"
    assert.ok(flexText(confirmation.messages[0]).includes(displayNumber(booked.reservationNumber)));
    const body = confirmation.messages[0] as unknown as { altText: string; contents: { body: unknown } };
    assert.ok(!flexText([body.altText, body.contents.body]).includes(booked.reservationNumber), 'never the bare number');
    const when = formatWhen(new Date('2026-12-03T10:00:00+09:00'), new Date('2026-12-03T10:30:00+09:00'), 'ja');
    assert.match(when, /^2026年12月3日（木）\s?10:00〜10:30$/);
    assert.ok(flexText(confirmation.messages[0]).includes(when));
    assert.ok(flexText(confirmation.messages[0]).includes(app.ctx.config.line.contactText), 'says whom to ask');
    assert.ok(confirmation.retryKey);
    assert.ok(!flexText(confirmation.messages[0]).includes('試験 花子1'), 'no name in the LINE message');

    clock.set('2026-12-02T00:59:00Z'); // 09:59 JST the day before
    await worker.drain();
    assert.equal(pushesTo(userId).length, 1);
    clock.set('2026-12-02T01:00:00Z'); // 10:00 JST
    await worker.drain();
    const pushes = pushesTo(userId);
    assert.equal(pushes.length, 2);
    assert.match(flexText(pushes[1]!.messages[0]), /近づいています/);
    clock.set('2026-12-01T00:00:00Z');
  });

  it('sends nothing by LINE to a user who unfollowed', async () => {
    const userId = await befriend();
    await standin.act(userId, { type: 'unfollow' });
    await worker.drain();
    await book(userId, '2026-12-03T01:30:00Z', 2);
    await worker.drain();
    clock.set('2026-12-02T01:00:00Z');
    await worker.drain();
    assert.equal(standin.sentTo(userId).filter((r) => r.via === 'push').length, 0);
    clock.set('2026-12-01T00:00:00Z');
  });

  it('lists on My Page inside LINE only the bookings of the verified LINE user', async () => {
    const owner = await befriend();
    const other = await befriend();
    const mine = await book(owner, '2026-12-03T02:00:00Z', 3);
    const signIn = async (userId: string) => {
      const token = standin.state.issueIdToken(userId, '1650000001', Math.floor(clock.now().getTime() / 1000));
      const res = await app.server.inject({ method: 'POST', url: '/line/liff/session', payload: { idToken: token, to: '/line/my' } });
      assert.equal(res.statusCode, 200);
      return res.cookies.find((c) => c.name === 'madoguchi_line')!.value;
    };
    const page = await app.server.inject({ method: 'GET', url: '/line/my', cookies: { madoguchi_line: await signIn(owner) } });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(displayNumber(mine.reservationNumber)));
    const otherPage = await app.server.inject({ method: 'GET', url: '/line/my', cookies: { madoguchi_line: await signIn(other) } });
    assert.equal(otherPage.statusCode, 200);
    assert.ok(!otherPage.body.includes(displayNumber(mine.reservationNumber)));
    assert.ok(!otherPage.body.includes(mine.reservationNumber));
    const anonymous = await app.server.inject({ method: 'GET', url: '/line/my' });
    assert.equal(anonymous.statusCode, 401);
    assert.ok(!anonymous.body.includes(mine.reservationNumber));
  });

  it('lets staff of the booking department send a one-off LINE message, audited without its text', async () => {
    await makeStaff(app, { loginId: 'line-shimin', dept: 'line-notice' });
    await makeStaff(app, { loginId: 'line-other', dept: 'line-other-dept' });
    const userId = await befriend();
    const booked = await book(userId, '2026-12-03T02:30:00Z', 4);
    const text = '本日の受付は2番窓口です。';
    const outsider = await logInClient(app, 'line-other');
    assert.equal((await outsider.call('POST', `/api/v1/staff/reservations/${booked.reservationId}/line-message`, { text })).status, 404);
    const staff = await logInClient(app, 'line-shimin');
    const res = await staff.call('POST', `/api/v1/staff/reservations/${booked.reservationId}/line-message`, { text });
    assert.equal(res.status, 200);
    const sent = standin.sentTo(userId).filter((r) => r.via === 'push' && JSON.stringify(r.messages).includes(text));
    assert.equal(sent.length, 1);
    const audit = await app.ctx.db.query<{ detail: unknown }>(
      `SELECT detail FROM audit_log WHERE action = 'line.staff_message' AND record_id = $1`,
      [booked.reservationId],
    );
    assert.equal(audit.rows.length, 1);
    assert.ok(!JSON.stringify(audit.rows[0]!.detail).includes(text));
    // The same from the booking's detail page, as a plain HTML form.
    const detail = await app.server.inject({
      url: `/staff/reservations/${booked.reservationId}`,
      headers: { cookie: staff.cookie, accept: 'text/html' },
    });
    assert.match(detail.body, /LINEでメッセージを送る/);
    const formText = '窓口が変更になりました。';
    const posted = await app.server.inject({
      method: 'POST',
      url: `/staff/reservations/${booked.reservationId}/line-message`,
      headers: { cookie: staff.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: staff.csrf, text: formText }).toString(),
    });
    assert.equal(posted.statusCode, 303);
    assert.equal(standin.sentTo(userId).filter((r) => r.via === 'push' && JSON.stringify(r.messages).includes(formText)).length, 1);
    const noCsrf = await app.server.inject({
      method: 'POST',
      url: `/staff/reservations/${booked.reservationId}/line-message`,
      headers: { cookie: staff.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ text: formText }).toString(),
    });
    assert.equal(noCsrf.statusCode, 403);
    await standin.act(userId, { type: 'unfollow' });
    await worker.drain();
    assert.equal((await staff.call('POST', `/api/v1/staff/reservations/${booked.reservationId}/line-message`, { text })).status, 409);
  });

  it('binds a booking made from inside LINE (verified LIFF session) to that LINE user and confirms it by LINE', async () => {
    const userId = await befriend();
    const token = standin.state.issueIdToken(userId, '1650000001', Math.floor(clock.now().getTime() / 1000));
    const session = await app.server.inject({ method: 'POST', url: '/line/liff/session', payload: { idToken: token, to: '/' } });
    const cookie = session.cookies.find((c) => c.name === 'madoguchi_line')!.value;
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      cookies: { madoguchi_line: cookie },
      payload: { serviceId, start: '2026-12-03T11:00:00+09:00', name: '試験 次郎', phone: '090-5550-2001' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const row = await app.ctx.db.query<{ channel: string; line_user_id: string | null }>(
      'SELECT channel, line_user_id FROM rsv_reservations WHERE reservation_number = $1',
      [res.json().reservationNumber],
    );
    assert.deepEqual(row.rows[0], { channel: 'line', line_user_id: userId });
    await worker.drain();
    assert.ok(pushesTo(userId).some((p) => flexText(p.messages[0]).includes(displayNumber(res.json().reservationNumber))));

    // a forged cookie naming this user is not believed: an ordinary web booking
    const forged = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      cookies: { madoguchi_line: `${userId}.9999999999.${'A'.repeat(43)}` },
      payload: { serviceId, start: '2026-12-03T11:30:00+09:00', name: '試験 三郎', phone: '090-5550-2002' },
    });
    assert.equal(forged.statusCode, 201, forged.body);
    const row2 = await app.ctx.db.query<{ channel: string; line_user_id: string | null }>(
      'SELECT channel, line_user_id FROM rsv_reservations WHERE reservation_number = $1',
      [forged.json().reservationNumber],
    );
    assert.deepEqual(row2.rows[0], { channel: 'web', line_user_id: null });
  });
});
