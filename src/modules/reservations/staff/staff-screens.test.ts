/**
 * The staff reservation screens as declared pages: a phone booking takes the language of its notices
 * (the confirmation of an English one is in English), a refused phone booking keeps what was typed,
 * and the export's period is checked by the one schema the API uses (the screen shows the form again).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { allJobs } from '../../../bootstrap.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../../platform/mailer.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { makeDepartment, makeService } from '../testing.js';

// Tuesday 1 December 2026, 09:00 in Japan
const clock = new ManualClock('2026-12-01T09:00:00+09:00');
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe('staff reservation screens', () => {
  let app: TestApp;
  let svc: { id: string; departmentId: string };
  let staff: Client;

  before(async () => {
    app = await startTestApp({ clock });
    const dept = await makeDepartment(app.ctx, 'scrdept');
    await app.ctx.db.query(`UPDATE departments SET name_en = 'Screens Division' WHERE id = $1`, [dept]);
    svc = await makeService(app.ctx, { departmentId: dept, capacity: 2, opensDaysAhead: 30, place: 'City Hall, 1st floor' });
    await makeStaff(app, { loginId: 'scr-staff', dept: 'scrdept' });
    staff = await logInClient(app, 'scr-staff');
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const form = (url: string, body: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: staff.csrf, ...body }).toString(),
    });
  const get = (url: string) => app.server.inject({ url, headers: { cookie: staff.cookie, accept: 'text/html' } });
  const phoneBooking = (start: string, extra: Record<string, string>) =>
    form('/staff/reservations/new', {
      serviceId: svc.id,
      date: start.slice(0, 10),
      start,
      name: '電話 花子',
      phone: '03-5550-0101',
      f_topic: 'other',
      ...extra,
    });

  async function confirmationTo(email: string) {
    const standin = await smtpStandin();
    await new JobWorker(app.ctx, allJobs()).drain();
    return standin.messages.filter((m) => m.to.includes(email));
  }

  it('offers the language of the notices, Japanese first and chosen by default', async () => {
    const page = await get(`/staff/reservations/new?serviceId=${svc.id}&date=2026-12-02`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<legend>通知の言語/);
    assert.match(page.body, /name="noticeLang" value="ja" checked/);
    assert.match(page.body, /name="noticeLang" value="en"(?! checked)/);
  });

  it('writes the confirmation of a phone booking in English when English is chosen', async () => {
    const res = await phoneBooking('2026-12-02T10:00:00+09:00', { email: 'phone-en@example.jp', noticeLang: 'en' });
    assert.equal(res.statusCode, 303, res.body);
    assert.match(String(res.headers.location), /^\/staff\/reservations\/[0-9a-f-]{36}\?created=1$/);
    const id = String(res.headers.location).slice('/staff/reservations/'.length, -'?created=1'.length);
    const stored = await app.ctx.db.query<{ lang: string; channel: string }>('SELECT lang, channel FROM rsv_reservations WHERE id = $1', [
      id,
    ]);
    assert.deepEqual(stored.rows[0], { lang: 'en', channel: 'phone' });
    const mails = await confirmationTo('phone-en@example.jp');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /^Booking confirmed \(/);
    assert.ok(!JAPANESE.test(mails[0]!.subject), mails[0]!.subject);
    assert.ok(mails[0]!.text.includes('Service: Test counter'), mails[0]!.text);
  });

  it('keeps Japanese notices for a phone booking when nothing else is chosen', async () => {
    const res = await phoneBooking('2026-12-02T10:30:00+09:00', { email: 'phone-ja@example.jp' });
    assert.equal(res.statusCode, 303, res.body);
    const mails = await confirmationTo('phone-ja@example.jp');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /^【予約完了】/);
  });

  it('shows a refused phone booking again with every answer kept and the problem at its field', async () => {
    const res = await phoneBooking('2026-12-02T11:00:00+09:00', {
      name: '',
      phone: '03-5550-0199',
      email: 'kept@example.jp',
      noticeLang: 'en',
      overrideWindow: '1',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="notice notice--error error-summary"/);
    assert.match(res.body, /id="in-name"[^>]* aria-invalid="true"/);
    assert.match(res.body, /value="03-5550-0199"/);
    assert.match(res.body, /value="kept@example.jp"/);
    assert.match(res.body, /name="start" value="2026-12-02T11:00:00\+09:00" checked/);
    assert.match(res.body, /name="noticeLang" value="en" checked/);
    assert.match(res.body, /name="overrideWindow" value="1" checked/);
  });

  it('refuses an export period of more than a year with the same message on the screen and in the API', async () => {
    const screen = await get('/staff/reservations/export.csv?from=2026-12-01&to=2028-01-01&encoding=utf-8');
    assert.equal(screen.statusCode, 422);
    assert.match(String(screen.headers['content-type']), /^text\/html/);
    assert.match(screen.body, /期間を正しく指定してください（最長1年）。/);
    assert.match(screen.body, /id="f-to" name="to"[^>]* value="2028-01-01"[^>]* aria-invalid="true"/);
    assert.match(screen.body, /id="enc-sjis-2" name="encoding" value="utf-8" checked/);
    const check = await get('/staff/reservations/export/check?from=2026-12-01&to=2026-11-01');
    assert.equal(check.statusCode, 422);
    const api = await staff.call('GET', '/api/v1/staff/reservations/export?from=2026-12-01&to=2028-01-01');
    assert.equal(api.status, 422);
    assert.ok(JSON.stringify(api.json).includes('期間を正しく指定してください（最長1年）。'), JSON.stringify(api.json));
    const audits = await app.ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'reservation.export'");
    assert.equal(audits.rows.length, 0, 'nothing was exported');
  });
});
