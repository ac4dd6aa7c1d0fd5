/**
 * "Notify only" for a temporary closure: the bookings stay, the people booked are told by e-mail or
 * LINE that the counter is closed (staff's message, My Page link, whom to ask), after a confirmation
 * step, audited, and never twice for the same closure. Also: a LINE cancellation shows the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { allJobs } from '../../bootstrap.js';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { newUserId } from '../../line-standin/standin-state.js';
import { startLineStandin, type LineStandin } from '../../line-standin/standin.js';
import { ManualClock } from '../../platform/clock.js';
import { JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { bookSlot } from './book-slot.js';
import { displayNumber } from './reservation-number.js';
import { makeDepartment, makeService, person } from './testing.js';

const SECRET = 'closure-line-channel-secret-0123456789';
const TOKEN = 'closure-line-access-token';
const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('telling the bookings of a closure day, without cancelling them', () => {
  let app: TestApp;
  let standin: LineStandin;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let svc: { id: string; departmentId: string };
  let admin: Client;

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
        LINE_LIFF_ID: '1650000001-ClOsE',
        LINE_API_BASE_URL: s.url,
        LINE_API_DATA_BASE_URL: s.url,
      },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    worker = new JobWorker(app.ctx, allJobs());
    const dept = await makeDepartment(app.ctx, 'notifydept');
    svc = await makeService(app.ctx, { departmentId: dept, capacity: 5, name: '転入届' });
    await makeStaff(app, { loginId: 'notify-admin', dept: 'notifydept', role: 'dept-admin' });
    admin = await logInClient(app, 'notify-admin');
  });
  after(async () => {
    await app.close();
    await closeStandin();
    await stopSmtpStandin();
  });

  const form = (url: string, body: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: admin.csrf, ...body }).toString(),
    });
  const get = (url: string) => app.server.inject({ url, headers: { cookie: admin.cookie, accept: 'text/html' } });
  const befriend = async () => {
    const userId = newUserId();
    await standin.act(userId, { type: 'follow' });
    await worker.drain();
    return userId;
  };
  const pushesTo = (userId: string) => standin.sentTo(userId).filter((r) => r.via === 'push' && r.delivered);
  const statusOf = async (id: string) =>
    (await app.ctx.db.query<{ status: string }>('SELECT status FROM rsv_reservations WHERE id = $1', [id])).rows[0]!.status;
  const audits = async (action: string) =>
    (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

  it('sends the closure notice by e-mail and LINE after a confirmation, keeps the bookings, and never twice', async () => {
    const mailbox = await smtpStandin();
    const userId = await befriend();
    const byMail = await bookSlot(app.ctx, {
      serviceId: svc.id,
      start: new Date('2026-12-04T09:00:00+09:00'),
      contact: { ...person(), email: 'closed-day@example.jp', fields: { topic: 'other' } },
      channel: 'web',
    });
    const byLine = await bookSlot(app.ctx, {
      serviceId: svc.id,
      start: new Date('2026-12-04T09:30:00+09:00'),
      contact: { ...person(), email: null, fields: { topic: 'other' } },
      channel: 'line',
      lineUserId: userId,
    });
    const noChannel = await bookSlot(app.ctx, {
      serviceId: svc.id,
      start: new Date('2026-12-04T10:00:00+09:00'),
      contact: { ...person(), email: null, fields: { topic: 'other' } },
      channel: 'web',
    });
    await worker.drain();
    const mailsBefore = mailbox.messages.length;
    const pushesBefore = pushesTo(userId).length;

    const added = await form(`/staff/reservation-services/${svc.id}/exceptions`, { day: '2026-12-04', kind: 'closed', note: '停電' });
    assert.equal(added.headers.location, `/staff/reservation-services/${svc.id}/closures/2026-12-04`);
    const list = await get(String(added.headers.location));
    assert.match(list.body, /予約は残して、休業をお知らせする/);
    assert.match(list.body, /まだお知らせしていない 2 件/);

    const message = '停電のため、12月4日は窓口を開けられません。';
    const review = await form(`/staff/reservation-services/${svc.id}/closures/2026-12-04/notify`, { message });
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /この 2 件にお知らせを送る/);
    assert.ok(review.body.includes(message));
    assert.match(review.body, /ほかの 1 件には連絡先がないため送れません/);
    await worker.drain();
    assert.equal(mailbox.messages.length, mailsBefore, 'the review step sends nothing');
    assert.equal(await audits('reservation_service.closure_notify'), 0);

    const sent = await form(`/staff/reservation-services/${svc.id}/closures/2026-12-04/notify`, { message, confirm: '1' });
    assert.equal(sent.statusCode, 303);
    assert.match((await get(String(sent.headers.location))).body, /2 件に休業のお知らせを送りました。/);
    await worker.drain();

    const mails = mailbox.messages.slice(mailsBefore).filter((m) => m.to.includes('closed-day@example.jp'));
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.match(mail.subject, /【臨時休業】/);
    assert.ok(mail.text.includes(`お知らせ: ${message}`), mail.text);
    assert.ok(mail.text.includes(displayNumber(byMail.reservationNumber)));
    assert.match(mail.text, /ご予約はまだ取り消されていません/);
    assert.match(mail.text, /予約の変更・取消（マイページ）: http\S+\/my\/r\//);
    assert.match(mail.text, /お問い合わせ: notifydept 課/);

    const pushes = pushesTo(userId).slice(pushesBefore);
    assert.equal(pushes.length, 1);
    const flex = JSON.stringify(pushes[0]!.messages[0]);
    assert.ok(flex.includes('臨時休業'), flex);
    assert.ok(flex.includes(message));
    assert.ok(flex.includes(displayNumber(byLine.reservationNumber)));
    assert.ok(flex.includes('/my/r/'), 'the My Page link to change or cancel');

    for (const b of [byMail, byLine, noChannel]) assert.equal(await statusOf(b.reservationId), 'booked');
    assert.equal(await audits('reservation.closure_notice'), 2);
    assert.equal(await audits('reservation_service.closure_notify'), 1);
    assert.match((await get(`/staff/reservation-services/${svc.id}/closures/2026-12-04`)).body, /休業のお知らせ済み/);

    // a second confirmation (double click, another clerk) sends nothing again
    const again = await form(`/staff/reservation-services/${svc.id}/closures/2026-12-04/notify`, { message, confirm: '1' });
    assert.match(
      (await get(String(again.headers.location))).body,
      /0 件に休業のお知らせを送りました。（2 件はお知らせ済みのため送っていません。）/,
    );
    await worker.drain();
    assert.equal(mailbox.messages.slice(mailsBefore).filter((m) => m.to.includes('closed-day@example.jp')).length, 1);
    assert.equal(pushesTo(userId).slice(pushesBefore).length, 1);
    assert.equal(await audits('reservation.closure_notice'), 2);
  });

  it('refuses to notify for a day that is not closed', async () => {
    await bookSlot(app.ctx, {
      serviceId: svc.id,
      start: new Date('2026-12-07T09:00:00+09:00'),
      contact: { ...person(), fields: { topic: 'other' } },
      channel: 'web',
    });
    const refused = await form(`/staff/reservation-services/${svc.id}/closures/2026-12-07/notify`, { message: 'x', confirm: '1' });
    assert.equal(refused.statusCode, 409);
  });

  it('shows the reason staff gave in the LINE cancellation notice', async () => {
    const userId = await befriend();
    const b = await bookSlot(app.ctx, {
      serviceId: svc.id,
      start: new Date('2026-12-08T09:00:00+09:00'),
      contact: { ...person(), email: null, fields: { topic: 'other' } },
      channel: 'line',
      lineUserId: userId,
    });
    await worker.drain();
    const before = pushesTo(userId).length;
    const res = await form(`/staff/reservations/${b.reservationId}/cancel`, { reason: '担当者の急病のため', confirm: '1' });
    assert.ok(res.statusCode < 400, `${res.statusCode} ${res.body.slice(0, 300)}`);
    assert.equal(await statusOf(b.reservationId), 'cancelled');
    await worker.drain();
    const cancel = pushesTo(userId)
      .slice(before)
      .map((p) => JSON.stringify(p.messages[0]))
      .find((m) => m.includes('取り消しました'));
    assert.ok(cancel, 'a cancellation push');
    assert.ok(cancel.includes('取消の理由') && cancel.includes('担当者の急病のため'), cancel);
  });
});
