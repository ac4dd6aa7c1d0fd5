/**
 * English name and description of a service: staff enter them on the settings form (a refused
 * submission keeps everything typed and says which field), English pages show them; the demo's
 * services come with English texts and field labels without a hand-written 「（任意）」.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { logInClient, makeStaff, type Client } from '../staff/test-support.js';
import { seedReservationsDemo } from './demo-seed.js';
import { listServices } from './services.repository.js';
import { makeDepartment, makeService } from './testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('English texts of a service', () => {
  let app: TestApp;
  let admin: Client;
  let svc: { id: string };

  before(async () => {
    app = await startTestApp({ clock });
  });
  after(async () => app.close());

  it('seeds the demo services with English names and descriptions and labels without （任意）', async () => {
    await seedReservationsDemo(app.ctx);
    const services = (await listServices(app.ctx.db, { activeOnly: true })).filter((s) => s.kind !== 'card_pickup');
    assert.equal(services.length, 4);
    for (const s of services) {
      assert.ok(s.nameEn, `${s.name} has an English name`);
      assert.ok(s.descriptionEn && /^[\x20-\x7e]+$/.test(s.descriptionEn), `${s.name} has an English description`);
      for (const f of s.fields) {
        assert.doesNotMatch(f.labelJa, /（任意）$/, f.labelJa);
        assert.doesNotMatch(f.labelEn, /\(optional\)$/i, f.labelEn);
      }
    }
    const page = await app.server.inject({ url: '/?lang=en', headers: { accept: 'text/html' } });
    assert.ok(page.body.includes('A counsellor listens to your worries'), 'English home page shows the English description');
  });

  it('saves the English name and description from the staff settings form and shows them on English pages', async () => {
    const dept = await makeDepartment(app.ctx, 'endept');
    svc = await makeService(app.ctx, { departmentId: dept, name: '転入届', nameEn: null, description: '転入の届出です。' });
    await makeStaff(app, { loginId: 'en-admin', dept: 'endept', role: 'dept-admin' });
    admin = await logInClient(app, 'en-admin');
    const edit = await app.server.inject({
      url: `/staff/reservation-services/${svc.id}`,
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    assert.match(edit.body, /<label for="s-nameEn">名称（英語）<span class="optional">任意<\/span><\/label>/);
    assert.match(edit.body, /<label for="s-descriptionEn">説明（英語）<span class="optional">任意<\/span><\/label>/);
    const res = await save({ nameEn: 'Moving in', descriptionEn: 'Report a move into the city.' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const en = await app.server.inject({ url: `/services/${svc.id}?lang=en`, headers: { accept: 'text/html' } });
    assert.ok(en.body.includes('Moving in') && en.body.includes('Report a move into the city.'));
    const ja = await app.server.inject({ url: `/services/${svc.id}`, headers: { accept: 'text/html' } });
    assert.ok(ja.body.includes('転入の届出です。') && !ja.body.includes('Report a move into the city.'));
  });

  it('refuses an over-long English description next to the field and keeps everything typed', async () => {
    const res = await save({ name: '転入届（変更案）', nameEn: 'Moving in (draft)', descriptionEn: 'x'.repeat(2001), capacity: 'abc' });
    assert.equal(res.statusCode, 422);
    assert.match(
      res.body,
      /<p class="field-error" id="s-descriptionEn-error">(<span class="visually-hidden">[^<]*<\/span>)?英語の説明は2000文字以内で入力してください。<\/p>\s*<textarea id="s-descriptionEn" name="descriptionEn" aria-invalid="true" aria-describedby="s-descriptionEn-hint s-descriptionEn-error"/,
    );
    assert.match(
      res.body,
      /id="s-capacity-error">(<span class="visually-hidden">[^<]*<\/span>)?1〜1000の整数で入力してください。<\/p>\s*<input id="s-capacity" name="capacity" type="number" value="abc"/,
    );
    assert.ok(res.body.includes('value="転入届（変更案）"'), 'typed name kept');
    assert.ok(res.body.includes('value="Moving in (draft)"'), 'typed English name kept');
    assert.ok(res.body.includes('value="abc"'), 'typed capacity kept');
    assert.ok(res.body.includes('x'.repeat(2001)), 'typed description kept');
    const stored = await app.ctx.db.query<{ name: string; description_en: string }>(
      'SELECT name, description_en FROM rsv_services WHERE id = $1',
      [svc.id],
    );
    assert.deepEqual(stored.rows[0], { name: '転入届', description_en: 'Report a move into the city.' });
  });

  const save = (o: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url: `/staff/reservation-services/${svc.id}/settings`,
      headers: { cookie: admin.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin.csrf,
        kind: 'counter',
        name: '転入届',
        description: '転入の届出です。',
        place: '本庁舎1階',
        durationMinutes: '30',
        capacity: '2',
        opensDaysAhead: '30',
        bookUntilMinutes: '60',
        changeUntilMinutes: '60',
        closedOnNationalHolidays: '1',
        closedYearEnd: '1',
        remindersEnabled: '1',
        reminderDaysBefore: '1',
        reminderTime: '10:00',
        retentionDays: '30',
        isActive: '1',
        ...o,
      }).toString(),
    });
});
