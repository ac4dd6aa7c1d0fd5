import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { decryptPersonal } from './internal/card-personal.js';
import { exportBundle } from './internal/export-bundle.js';
import { resolveCardOffice } from './internal/card-settings.js';
import { importBundle } from './internet/import-bundle.js';

describe('card issuance zones and the citizen pages', () => {
  it('an internal-zone process serves no booking site; an internet-zone process serves no internal pages', async () => {
    const internal = await startTestApp({ env: { MADOGUCHI_CARD_ZONE: 'internal' } });
    try {
      assert.equal((await internal.server.inject({ method: 'GET', url: '/card' })).statusCode, 404);
      assert.equal(
        (
          await internal.server.inject({
            method: 'POST',
            url: '/api/v1/card/session',
            payload: { reservationId: 'ABC123456', password: '0101' },
          })
        ).statusCode,
        404,
      );
      assert.notEqual((await internal.server.inject({ method: 'GET', url: '/staff/card' })).statusCode, 404);
    } finally {
      await internal.close();
    }
    const internet = await startTestApp({ env: { MADOGUCHI_CARD_ZONE: 'internet' } });
    try {
      assert.equal((await internet.server.inject({ method: 'GET', url: '/staff/card' })).statusCode, 404);
      assert.equal((await internet.server.inject({ method: 'GET', url: '/card' })).statusCode, 200);
    } finally {
      await internet.close();
    }
  });

  describe('demo (zone both)', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ demo: true });
    });
    after(() => app.close());

    it('seeds 60 synthetic cards and two pickup places; a citizen logs in with the form and sees free times', async () => {
      const n = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_int_cards');
      assert.equal(n.rows[0]!.n, 60);
      const settings = await resolveCardOffice(app.ctx.db, 'shimin');
      const bundle = await exportBundle(app.ctx, { settings, actor: { type: 'system' } });
      await importBundle(app.ctx, { text: bundle.text, actor: { type: 'system' } });
      const card = (
        await app.ctx.db.query<{ personal_enc: string }>("SELECT personal_enc FROM card_int_cards WHERE control_no = 'DMO000001'")
      ).rows[0]!;
      const b = decryptPersonal(app.ctx.crypto, card.personal_enc).birthDate;
      // the log-in form's CSRF token belongs to the anonymous form cookie set with the form
      const form = await app.server.inject({ method: 'GET', url: '/card' });
      const pre = /madoguchi_form=[^;]+/.exec(String(form.headers['set-cookie']))?.[0] ?? '';
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const login = await app.server.inject({
        method: 'POST',
        url: '/card/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: pre },
        payload: `_csrf=${csrf}&reservationId=DMO-000001&password=${b.slice(5, 7)}${b.slice(8, 10)}`,
      });
      assert.equal(login.statusCode, 303, login.body);
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const page = await app.server.inject({ method: 'GET', url: '/card/booking', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /受取日時の予約/);
      assert.match(page.body, /href="\/card\/booking\?location=honcho"/);
      // the pickup place's month calendar (the reservation engine's ◎/△/× marks) links to bookable days
      const cal = await app.server.inject({ method: 'GET', url: '/card/booking?location=honcho', headers: { cookie } });
      assert.match(cal.body, /<table class="calendar">/);
      // near a month's end the first bookable day may be in the next month
      const next = /href="(\/card\/booking\?location=honcho&amp;month=\d{4}-\d{2})"/.exec(cal.body)?.[1];
      const cal2 = next ? await app.server.inject({ method: 'GET', url: next.replace(/&amp;/g, '&'), headers: { cookie } }) : undefined;
      const linkRe = /href="(\/card\/booking\?location=honcho&amp;date=\d{4}-\d{2}-\d{2})#step-time"/;
      const day = linkRe.exec(cal.body)?.[1] ?? linkRe.exec(cal2?.body ?? '')?.[1];
      assert.ok(day, 'a bookable day in the calendar');
      const times = await app.server.inject({ method: 'GET', url: day.replace(/&amp;/g, '&'), headers: { cookie } });
      assert.match(times.body, /<input type="radio" id="slot" name="start" value="[^"]+"/);
      assert.match(times.body, /残り6人/);
      const wrong = await app.server.inject({
        method: 'POST',
        url: '/card/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: pre },
        payload: `_csrf=${csrf}&reservationId=DMO-000002&password=1399`,
      });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /ログインIDまたはパスワードが正しくありません/);
    });
  });
});
