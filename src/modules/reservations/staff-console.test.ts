import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { allJobs } from '../../bootstrap.js';
import { ManualClock } from '../../platform/clock.js';
import { JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { anonymiseExpired } from './retention.js';
import { makeDepartment, makeService, person } from './testing.js';

// Tuesday 1 December 2026, 09:00 in Japan
const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('reservations staff console', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  let staff: Client;

  before(async () => {
    app = await startTestApp({ clock });
    const dept = await makeDepartment(app.ctx, 'conslo');
    svc = await makeService(app.ctx, { departmentId: dept, capacity: 3, opensDaysAhead: 30 });
    await makeStaff(app, { loginId: 'cons-staff', dept: 'conslo' });
    staff = await logInClient(app, 'cons-staff');
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const book = async (start: string, extra: object = {}) => {
    const r = await staff.call('POST', '/api/v1/staff/reservations', {
      serviceId: svc.id,
      start,
      ...person(),
      fields: { topic: 'other' },
      overrideWindow: true,
      ...extra,
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json as { id: string; reservationNumber: string };
  };
  const form = (url: string, body: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: staff.csrf, ...body }).toString(),
    });
  const get = (url: string) => app.server.inject({ url, headers: { cookie: staff.cookie, accept: 'text/html' } });
  const statusOf = async (id: string) =>
    (await app.ctx.db.query<{ status: string }>('SELECT status FROM rsv_reservations WHERE id = $1', [id])).rows[0]!.status;
  const back = '/staff/reservations?date=2026-12-01';

  it('keeps a failed check-in on the day view, with readable status names and the number kept', async () => {
    const b = await book('2026-12-01T10:00:00+09:00');
    assert.equal((await staff.call('DELETE', `/api/v1/staff/reservations/${b.id}`)).status, 204);
    const typed = b.reservationNumber.toLowerCase();
    const res = await form('/staff/reservations/check-in', { number: typed, back });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /<h1 class="page-title">予約（日別）<\/h1>/);
    assert.match(res.body, /取り消された予約です。受付できません。/);
    const alert = /<div class="notice notice--error" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
    assert.match(alert, /取り消された予約/);
    assert.doesNotMatch(alert, /cancelled|arrived/);
    assert.match(res.body, new RegExp(`id="checkin-number" name="number"[^>]* value="${typed}"[^>]* aria-invalid="true"`));
    assert.match(res.body, /2026年12月1日（火）の予約/);
    const unknown = await form('/staff/reservations/check-in', { number: 'ZZZZ-ZZZZ', back });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /予約番号 ZZZZ-ZZZZ の予約は見つかりません。/);
    assert.match(unknown.body, /value="ZZZZ-ZZZZ"/);
  });

  it('names statuses in Japanese when a change is refused', async () => {
    const b = await book('2026-12-01T10:30:00+09:00');
    await staff.call('POST', `/api/v1/staff/reservations/${b.id}/status`, { status: 'done' });
    const bad = await staff.call('POST', `/api/v1/staff/reservations/${b.id}/status`, { status: 'no_show' });
    assert.equal(bad.status, 409);
    assert.ok(
      JSON.stringify(bad.json).includes('状態を「対応完了」から「無断キャンセル」に変えることはできません。'),
      JSON.stringify(bad.json),
    );
  });

  it('refuses to check in a booking for another day, which stays cancellable', async () => {
    const b = await book('2026-12-16T10:00:00+09:00');
    const res = await form('/staff/reservations/check-in', { number: b.reservationNumber, back });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /2026年12月16日（水） 10:00〜10:30のご予約です。受付は予約の当日だけできます。/);
    assert.equal(await statusOf(b.id), 'booked');
    const api = await staff.call('POST', '/api/v1/staff/reservations/check-in', { number: b.reservationNumber });
    assert.equal(api.status, 409);
    assert.equal(await statusOf(b.id), 'booked');
  });

  it('says when a booking was checked in when its number is checked in again', async () => {
    const b = await book('2026-12-01T11:00:00+09:00');
    const first = await form('/staff/reservations/check-in', { number: b.reservationNumber, back });
    assert.equal(first.statusCode, 303);
    clock.advance(20 * 60_000);
    try {
      const again = await form('/staff/reservations/check-in', { number: b.reservationNumber, back });
      assert.equal(again.statusCode, 303);
      const page = await get(String(again.headers.location));
      assert.match(
        page.body,
        new RegExp(
          `予約番号 ${b.reservationNumber.slice(0, 4)}-${b.reservationNumber.slice(4)} は 09:00 に受付済です（変更していません）。`,
        ),
      );
    } finally {
      clock.set('2026-12-01T09:00:00+09:00');
    }
    const h = await app.ctx.db.query("SELECT 1 FROM rsv_status_history WHERE reservation_id = $1 AND status = 'arrived'", [b.id]);
    assert.equal(h.rows.length, 1);
  });

  it('refuses a return address with CR/LF or another host with 422, not 500', async () => {
    const b = await book('2026-12-02T09:00:00+09:00');
    for (const bad of [
      '/staff/reservations\r\nX-Evil: 1',
      '/staff/reservations?date=2026-12-01%0d%0a\n',
      '//evil.example/staff/reservations',
      '/staff/reservations/..\\..',
      '/staff/reservationsX',
      'https://evil.example/',
    ]) {
      const s = await form(`/staff/reservations/${b.id}/status`, { status: 'arrived', back: bad });
      assert.equal(s.statusCode, 422, `status ${JSON.stringify(bad)}`);
      const c = await form('/staff/reservations/check-in', { number: b.reservationNumber, back: bad });
      assert.equal(c.statusCode, 422, `check-in ${JSON.stringify(bad)}`);
    }
    assert.equal(await statusOf(b.id), 'booked');
    const ok = await form(`/staff/reservations/${b.id}/status`, {
      status: 'no_show',
      back: '/staff/reservations/list?from=2026-12-01&to=2026-12-14',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/staff/reservations/list?from=2026-12-01&to=2026-12-14');
  });

  it('cancels on behalf only after a confirmation, keeping the reason in the history and on the detail', async () => {
    const standin = await smtpStandin();
    const b = await book('2026-12-03T09:00:00+09:00', { email: 'cancel-reason@example.jp' });
    const detail = await get(`/staff/reservations/${b.id}`);
    assert.match(detail.body, new RegExp(`<a class="button button--danger" href="/staff/reservations/${b.id}/cancel">`));
    assert.doesNotMatch(detail.body, new RegExp(`<form method="post" action="/staff/reservations/${b.id}/cancel">`));
    const confirm = await get(`/staff/reservations/${b.id}/cancel`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /この予約を取り消しますか/);
    assert.match(confirm.body, /取消のお知らせを送ります/);
    assert.equal(await statusOf(b.id), 'booked', 'opening the confirmation changes nothing');
    const tooLong = await form(`/staff/reservations/${b.id}/cancel`, { reason: `長い${'あ'.repeat(500)}` });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /理由は500文字以内で入力してください。/);
    assert.match(tooLong.body, /長いあああ/);
    assert.equal(await statusOf(b.id), 'booked');
    const done = await form(`/staff/reservations/${b.id}/cancel`, { reason: '担当職員の急病のため' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/staff/reservations/${b.id}?cancelled=1`);
    assert.equal(await statusOf(b.id), 'cancelled');
    const h = await app.ctx.db.query<{ reason: string | null }>(
      "SELECT reason FROM rsv_status_history WHERE reservation_id = $1 AND status = 'cancelled'",
      [b.id],
    );
    assert.equal(h.rows[0]!.reason, '担当職員の急病のため');
    const after = await get(`/staff/reservations/${b.id}?cancelled=1`);
    assert.match(after.body, /予約を取り消しました。/);
    assert.match(after.body, /<td>担当職員の急病のため<\/td>/);
    await new JobWorker(app.ctx, allJobs()).drain();
    const mail = standin.messages.filter((m) => m.to.includes('cancel-reason@example.jp')).find((m) => /予約取消/.test(m.subject));
    assert.ok(mail, 'a cancellation notice was sent');
    assert.ok(mail.text.includes('取消の理由: 担当職員の急病のため'), mail.text);
    // the reason is personal data: erased with the booking's other personal data
    await app.ctx.db.transaction((tx) => anonymiseExpired(app.ctx, tx, new Date('2027-03-01T00:00:00+09:00')));
    const erased = await app.ctx.db.query<{ reason: string | null }>(
      "SELECT reason FROM rsv_status_history WHERE reservation_id = $1 AND status = 'cancelled'",
      [b.id],
    );
    assert.equal(erased.rows[0]!.reason, null);
  });

  it("names a phone booking's channel once on the staff detail", async () => {
    const b = await book('2026-12-03T09:30:00+09:00');
    const detail = await get(`/staff/reservations/${b.id}`);
    assert.match(detail.body, /電話（職員入力）/);
    assert.doesNotMatch(detail.body, /（職員入力）（職員入力）/);
  });
});
