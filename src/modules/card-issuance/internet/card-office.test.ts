/**
 * The office as the booking site knows it: the contact and the password policy travel in the signed
 * bundle's manifest (optional, so older bundles still import), are kept per department, and show on
 * the booking pages and in the keypad the log-in form asks phones for.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { exportBundle } from '../internal/export-bundle.js';
import { importIssuanceList } from '../internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../internal/synthetic-list.js';
import { decryptPersonal } from '../internal/card-personal.js';
import { setCardContact } from '../internal/card-contact-settings.js';
import { ExchangeFileError, readExchangeFile, writeExchangeFile } from '../shared/exchange-file.js';
import { internalSigningKey, trustedByInternet } from '../shared/zone-keys.js';
import { openCardOffice } from '../testing.js';
import { importBundle } from './import-bundle.js';
import { upsertLocation } from './locations.js';
import { contactLine, keypadFor } from './card-office.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const CONTACT = { contactOffice: '市民課 マイナンバーカード窓口', contactPhone: '0123-45-6789', contactHours: '平日 8:30〜17:15' };

describe('card booking site: the office from the bundle (contact and password policy)', () => {
  let app: TestApp;
  let deptId = '';
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const office = async () =>
    (
      await app.ctx.db.query(
        'SELECT contact_office, contact_phone, contact_hours, login_policy FROM card_net_offices WHERE department_id = $1',
        [deptId],
      )
    ).rows[0];
  const passwordInput = async () =>
    /<input id="pw"[^>]*>/.exec((await app.server.inject({ method: 'GET', url: '/card', headers: { accept: 'text/html' } })).body)![0];
  const importCards = async (prefix: string, policy: 'birthday' | 'random') => {
    const settings = await openCardOffice(app.ctx, { passwordPolicy: policy, now: clock.now() });
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 3, seed: prefix.length, idPrefix: prefix }), 'utf-8');
    assert.equal(
      (
        await importIssuanceList(app.ctx, {
          settings,
          fileName: `${prefix}.csv`,
          open: () => Readable.from([bytes]),
          encoding: 'utf-8',
          actor: sys,
        })
      ).ok,
      true,
    );
    return settings;
  };

  before(async () => {
    app = await startTestApp({ clock });
    deptId = (await importCards('OFB', 'birthday')).departmentId;
    await upsertLocation(
      app.ctx.db,
      {
        departmentId: deptId,
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

  it('follows the site setting for the keypad while no bundle has named a password policy', async () => {
    assert.match(await passwordInput(), /inputmode="numeric"/);
    await app.ctx.db.query("UPDATE card_net_login_settings SET login_keypad = 'text'");
    assert.doesNotMatch(await passwordInput(), /inputmode/);
    await app.ctx.db.query("UPDATE card_net_login_settings SET login_keypad = 'numeric'");
  });

  it('carries the contact and the password policy in the signed manifest, keeps them per department and shows the contact after log-in', async () => {
    const settings = await openCardOffice(app.ctx, { now: clock.now() });
    await setCardContact(app.ctx.db, deptId, CONTACT, clock.now());
    const { text } = await exportBundle(app.ctx, { settings, actor: sys });
    assert.deepEqual(readExchangeFile(text, 'card-bundle', trustedByInternet(app.ctx)).manifest.office, {
      ...CONTACT,
      passwordPolicy: 'birthday',
    });
    await importBundle(app.ctx, { text, actor: sys });
    assert.deepEqual(await office(), {
      contact_office: CONTACT.contactOffice,
      contact_phone: CONTACT.contactPhone,
      contact_hours: CONTACT.contactHours,
      login_policy: 'birthday',
    });
    // the site setting says text now, but the office's birthday passwords decide
    await app.ctx.db.query("UPDATE card_net_login_settings SET login_keypad = 'text'");
    assert.match(await passwordInput(), /inputmode="numeric"/);
    const b = decryptPersonal(
      app.ctx.crypto,
      (await app.ctx.db.query<{ personal_enc: string }>("SELECT personal_enc FROM card_int_cards WHERE control_no = 'OFB000001'")).rows[0]!
        .personal_enc,
    ).birthDate;
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/card/session',
      payload: { reservationId: 'OFB000001', password: b.slice(5, 7) + b.slice(8, 10) },
    });
    assert.equal(login.statusCode, 200, login.body);
    const page = await app.server.inject({
      method: 'GET',
      url: '/card/booking?location=honcho&date=2026-11-26',
      headers: { accept: 'text/html', cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    assert.match(
      page.body,
      /<h2 id="contact-h">お問い合わせ<\/h2><p class="office-contact">市民課 マイナンバーカード窓口　電話 0123-45-6789　受付時間 平日 8:30〜17:15<\/p>/,
    );
    assert.match(page.body, /id="mp0"[^>]*inputmode="numeric"/, "family members' passwords follow the office's policy");
    await app.ctx.db.query("UPDATE card_net_login_settings SET login_keypad = 'numeric'");
  });

  it('asks for the full keyboard once the office has cards with random passwords, whatever the site setting', async () => {
    const settings = await importCards('OFR', 'random');
    const { text } = await exportBundle(app.ctx, { settings, actor: sys });
    assert.equal(readExchangeFile(text, 'card-bundle', trustedByInternet(app.ctx)).manifest.office?.passwordPolicy, 'random');
    await importBundle(app.ctx, { text, actor: sys });
    assert.equal((await office())?.login_policy, 'random');
    assert.doesNotMatch(await passwordInput(), /inputmode/);
  });

  it('imports a bundle written before the office field and keeps what the site knew of the office', async () => {
    const cards = (
      await app.ctx.db.query<{ id: string; v: string; s: string }>(
        'SELECT reservation_id AS id, verifier AS v, shipping_no AS s FROM card_net_cards WHERE is_active ORDER BY 1',
      )
    ).rows;
    const old = writeExchangeFile(
      {
        kind: 'card-bundle',
        fileId: crypto.randomUUID(),
        sequence: 1000,
        createdAt: clock.now().toISOString(),
        department: 'shimin',
        parts: { cards },
      },
      internalSigningKey(app.ctx),
    );
    assert.equal(JSON.parse(old.text).manifest.office, undefined);
    const before = await office();
    const r = await importBundle(app.ctx, { text: old.text, actor: sys });
    assert.equal(r.cards, cards.length);
    assert.deepEqual(await office(), before);
  });

  it('refuses a bundle whose office was changed after signing, and changes nothing', async () => {
    const settings = await openCardOffice(app.ctx, { passwordPolicy: 'random', now: clock.now() });
    const { text } = await exportBundle(app.ctx, { settings, actor: sys });
    const doc = JSON.parse(text) as { manifest: { office: { contactPhone: string; sequence?: number } } };
    doc.manifest.office.contactPhone = '0999-99-9999';
    const before = await office();
    await assert.rejects(
      importBundle(app.ctx, { text: JSON.stringify(doc), actor: sys }),
      (e) => e instanceof ExchangeFileError && e.code === 'bad_signature',
    );
    assert.deepEqual(await office(), before);
  });

  it('writes the contact line as the letter does and leaves it out when the office filled in nothing', () => {
    assert.equal(contactLine(CONTACT, 'ja'), 'お問い合わせ: 市民課 マイナンバーカード窓口　電話 0123-45-6789　受付時間 平日 8:30〜17:15');
    assert.equal(contactLine({ contactOffice: '', contactPhone: '0123-45-6789', contactHours: '' }, 'en'), 'Contact: Tel. 0123-45-6789');
    assert.equal(contactLine({ contactOffice: '', contactPhone: '', contactHours: '' }, 'ja'), '');
    assert.equal(keypadFor(['birthday']), 'numeric');
    assert.equal(keypadFor(['birthday', 'random']), 'text');
  });
});
