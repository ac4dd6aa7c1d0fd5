import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { allJobs } from '../../bootstrap.js';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { makeDepartment, makeService, person } from './testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('temporary closure on a day with bookings', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  let admin: Client;
  let clerk: Client;

  before(async () => {
    app = await startTestApp({ clock });
    const dept = await makeDepartment(app.ctx, 'closdept');
    svc = await makeService(app.ctx, { departmentId: dept, capacity: 3 });
    await makeStaff(app, { loginId: 'clos-admin', dept: 'closdept', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'clos-clerk', dept: 'closdept' });
    admin = await logInClient(app, 'clos-admin');
    clerk = await logInClient(app, 'clos-clerk');
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const book = async (start: string, extra: object = {}) => {
    const r = await admin.call('POST', '/api/v1/staff/reservations', {
      serviceId: svc.id,
      start,
      ...person(),
      fields: { topic: 'other' },
      ...extra,
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json as { id: string; reservationNumber: string };
  };
  const form = (c: Client, url: string, body: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: c.csrf, ...body }).toString(),
    });
  const get = (c: Client, url: string) => app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const statusOf = async (id: string) =>
    (await app.ctx.db.query<{ status: string }>('SELECT status FROM rsv_reservations WHERE id = $1', [id])).rows[0]!.status;
  const audits = async (action: string) =>
    (await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

  it('lists the bookings a new closure hits and cancels them with a notice only after confirming', async () => {
    const standin = await smtpStandin();
    const withMail = await book('2026-12-04T09:00:00+09:00', { email: 'closure@example.jp' });
    const noChannel = await book('2026-12-04T10:00:00+09:00', { email: null, phone: '0312345678' });
    const otherDay = await book('2026-12-07T09:00:00+09:00');
    const added = await form(admin, `/staff/reservation-services/${svc.id}/exceptions`, {
      day: '2026-12-04',
      kind: 'closed',
      note: '停電のため臨時休業',
    });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `/staff/reservation-services/${svc.id}/closures/2026-12-04`);
    const list = await get(admin, String(added.headers.location));
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /臨時休業を保存しました。2026年12月4日（金）には予約が 2 件あります。/);
    for (const b of [withMail, noChannel])
      assert.ok(list.body.includes(`${b.reservationNumber.slice(0, 4)}-${b.reservationNumber.slice(4)}`));
    assert.ok(!list.body.includes(otherDay.reservationNumber.slice(4)));
    assert.match(list.body, /09:00〜09:30/);
    assert.match(list.body, /送れます/);
    assert.match(list.body, /送れません（電話でご連絡ください）<br>03-1234-5678/);
    assert.match(list.body, /停電のため臨時休業<\/textarea>/);
    assert.equal(await statusOf(withMail.id), 'booked', 'saving the closure cancels nothing');

    assert.equal(
      (await form(clerk, `/staff/reservation-services/${svc.id}/closures/2026-12-04`, { reason: 'x' })).statusCode,
      404,
      'not for a clerk',
    );
    const before = await audits('reservation.cancel');
    const done = await form(admin, `/staff/reservation-services/${svc.id}/closures/2026-12-04`, { reason: '停電のため臨時休業' });
    assert.equal(done.statusCode, 303);
    const after = await get(admin, String(done.headers.location));
    assert.match(after.body, /2 件を取り消しました（お知らせ 1 件）。/);
    assert.equal(await statusOf(withMail.id), 'cancelled');
    assert.equal(await statusOf(noChannel.id), 'cancelled');
    assert.equal(await statusOf(otherDay.id), 'booked');
    assert.equal(await audits('reservation.cancel'), before + 2);
    assert.equal(await audits('reservation_service.closure_cancel'), 1);
    await new JobWorker(app.ctx, allJobs()).drain();
    const mail = standin.messages.filter((m) => m.to.includes('closure@example.jp')).find((m) => /予約取消/.test(m.subject));
    assert.ok(mail?.text.includes('取消の理由: 停電のため臨時休業'), mail?.text);
  });

  it('saves a closure on a day without bookings as before, and refuses to cancel for a day that is not closed', async () => {
    const added = await form(admin, `/staff/reservation-services/${svc.id}/exceptions`, { day: '2026-12-08', kind: 'closed', note: '' });
    assert.equal(added.headers.location, `/staff/reservation-services/${svc.id}?saved=1`);
    const b = await book('2026-12-09T09:00:00+09:00');
    const refused = await form(admin, `/staff/reservation-services/${svc.id}/closures/2026-12-09`, { reason: '' });
    assert.equal(refused.statusCode, 409);
    assert.equal(await statusOf(b.id), 'booked');
  });
});
