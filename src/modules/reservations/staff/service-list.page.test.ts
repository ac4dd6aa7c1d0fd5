/**
 * The new-service form (予約窓口の設定): a refused submission names every refused field next to it and
 * keeps everything typed; the operation refuses the same settings for any caller; an accepted one is
 * created with a first schedule and audited; staff who are not administrators get no form and no way in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { AppError } from '../../../http/errors.js';
import { ManualClock } from '../../../platform/clock.js';
import { makeStaff, logInClient, type Client } from '../../staff/test-support.js';
import { createService } from '../manage-services.js';
import { makeDepartment } from '../testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('new-service form', () => {
  let app: TestApp;
  let admin: Client;
  let clerk: Client;
  let dept: string;

  before(async () => {
    app = await startTestApp({ clock });
    dept = await makeDepartment(app.ctx, 'newsvc');
    await makeStaff(app, { loginId: 'ns-admin', dept: 'newsvc', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'ns-clerk', dept: 'newsvc', role: 'staff' });
    admin = await logInClient(app, 'ns-admin');
    clerk = await logInClient(app, 'ns-clerk');
  });
  after(async () => app.close());

  const post = (who: Client, o: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url: '/staff/reservation-services',
      headers: { cookie: who.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: who.csrf,
        departmentId: dept,
        kind: 'consultation',
        name: '住まいの相談',
        nameEn: '',
        description: '住まいの相談です。',
        place: '2階',
        durationMinutes: '30',
        capacity: '1',
        opensDaysAhead: '60',
        bookUntilMinutes: '60',
        changeUntilMinutes: '60',
        closedYearEnd: '1',
        reminderDaysBefore: '1',
        reminderTime: '10:00',
        retentionDays: '90',
        isActive: '1',
        ...o,
      }).toString(),
    });
  const count = async () =>
    Number((await app.ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM rsv_services WHERE department_id = $1', [dept])).rows[0]?.n);

  it('shows every refused field with its own message next to it and keeps everything typed', async () => {
    const res = await post(admin, { name: '', durationMinutes: '3', capacity: 'many', reminderTime: '25:00', place: '<script>x</script>' });
    assert.equal(res.statusCode, 422);
    const fieldError = (id: string, text: string) =>
      new RegExp(
        `<p class="field-error" id="s-${id}-error">(<span class="visually-hidden">[^<]*</span>)?${text}</p>\\s*<input id="s-${id}" name="${id}"[^>]* aria-invalid="true"`,
      );
    assert.match(res.body, fieldError('name', '名称を入力してください。'));
    assert.match(res.body, fieldError('durationMinutes', '5〜480の整数で入力してください。'));
    assert.match(res.body, fieldError('capacity', '1〜1000の整数で入力してください。'));
    assert.match(res.body, fieldError('reminderTime', 'HH:MM で入力してください。'));
    assert.match(res.body, /class="notice notice--error error-summary"[\s\S]*href="#s-name"[\s\S]*href="#s-durationMinutes"/);
    assert.ok(!/id="s-place-error"/.test(res.body), 'an accepted field shows no error');
    assert.ok(
      res.body.includes('value="many"') && res.body.includes('value="25:00"') && res.body.includes('value="3"'),
      'typed numbers and time kept',
    );
    assert.ok(res.body.includes('value="&lt;script&gt;x&lt;/script&gt;"') && !res.body.includes('<script>x'), 'typed place kept, escaped');
    assert.match(res.body, /<option value="consultation" selected>/, 'typed kind kept');
    assert.match(res.body, /id="s-remindersEnabled" name="remindersEnabled" value="1">/, 'an unticked box stays unticked');
    assert.match(res.body, /id="s-closedYearEnd" name="closedYearEnd" value="1" checked>/);
    assert.equal(await count(), 0);
  });

  it('in English, the messages are English', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/staff/reservation-services?lang=en',
      headers: {
        cookie: `${admin.cookie}; lang=en`,
        accept: 'text/html',
        'accept-language': 'en',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: admin.csrf, departmentId: dept, name: 'x', capacity: '0' }).toString(),
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Enter a whole number 1–1000\./);
  });

  it('creates the service with full-width digits read as numbers, and audits it', async () => {
    const res = await post(admin, { capacity: '２' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.match(String(res.headers.location), /^\/staff\/reservation-services\/[0-9a-f-]{36}\?saved=1$/);
    const row = (
      await app.ctx.db.query<{ capacity: number; kind: string; reminders_enabled: boolean }>(
        'SELECT capacity, kind, reminders_enabled FROM rsv_services WHERE department_id = $1',
        [dept],
      )
    ).rows[0];
    assert.deepEqual(row, { capacity: 2, kind: 'consultation', reminders_enabled: false });
    const audits = await app.ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'reservation_service.create' AND department_id = $1", [
      dept,
    ]);
    assert.equal(audits.rows.length, 1);
  });

  it('refuses the same settings when the operation is called directly (the form schema is the operation schema)', async () => {
    const actor = { memberships: [{ departmentId: dept, departmentName: 'newsvc 課', role: 'dept-admin' }] } as unknown as Parameters<
      typeof createService
    >[1];
    const base = {
      kind: 'counter' as const,
      name: 'x',
      description: '',
      place: '',
      durationMinutes: 30,
      opensDaysAhead: 60,
      bookUntilMinutes: 60,
      changeUntilMinutes: 60,
    };
    const settings = {
      ...base,
      capacity: 0,
      closedOnNationalHolidays: true,
      closedYearEnd: true,
      reminderDaysBefore: 1,
      reminderTime: '10:00',
      remindersEnabled: true,
      retentionDays: 90,
      isActive: true,
    };
    await assert.rejects(
      createService(app.ctx, actor, dept, settings, [], [], { actor: { type: 'system' } } as never),
      (err: unknown) => err instanceof AppError && err.status === 422 && err.extra.fieldErrors?.[0]?.field === 'capacity',
    );
  });

  it('gives staff who are not administrators neither the form nor the POST', async () => {
    const list = await app.server.inject({ url: '/staff/reservation-services', headers: { cookie: clerk.cookie, accept: 'text/html' } });
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes('action="/staff/reservation-services"'), 'no new-service form');
    const before = await count();
    const res = await post(clerk, {});
    assert.equal(res.statusCode, 404);
    assert.equal(await count(), before);
  });
});
