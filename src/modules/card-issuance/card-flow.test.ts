import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { postgresRace, startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import type { CardSettings } from './internal/card-settings.js';
import { exportBundle } from './internal/export-bundle.js';
import { importBookings } from './internal/import-bookings.js';
import { importIssuanceList } from './internal/import-issuance-list.js';
import type { CsvEncoding } from '../../platform/csv/encoding.js';
import { encodeCsvText, syntheticIssuanceCsv } from './internal/synthetic-list.js';
import { decryptPersonal } from './internal/card-personal.js';
import { importBundle } from './internet/import-bundle.js';
import { bookCardSlot, cancelCardBooking } from './internet/card-bookings.js';
import { exportBookings } from './internet/export-bookings.js';
import { upsertLocation } from './internet/locations.js';
import { ExchangeFileError } from './shared/exchange-file.js';
import { openCardOffice } from './testing.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const HEADER = '製造管理番号,申請書ID,発送番号,氏名,フリガナ,生年月日,性別,郵便番号,住所';

describe('card issuance: import, bundle, log-in, household booking, reconciliation', () => {
  let app: TestApp;
  let settings: CardSettings;
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  const run = (bytes: Buffer, encoding?: CsvEncoding) =>
    importIssuanceList(app.ctx, { settings, fileName: 'x.csv', open: () => Readable.from([bytes]), encoding, actor: sys });
  const count = async (sql: string) => Number((await app.ctx.db.query<{ n: number }>(sql)).rows[0]?.n);

  before(async () => {
    app = await startTestApp({ clock });
    settings = await openCardOffice(app.ctx);
  });
  after(() => app.close());

  it('reports every bad line (dates, duplicates, kana, encoding) and imports nothing', async () => {
    const csv = [
      HEADER,
      'ABC123456,1,S1,テスト 太郎,テスト タロウ,1980-02-30,1,1000001,架空県1',
      'ABC123457,2,S2,テスト 花子,テスト ハナコ,19800101,2,1000001,架空県1',
      'ABC123457,3,S3,テスト 次郎,テスト ジロウ,1981-01-01,1,1000001,架空県1',
      'ABC12345,4,S4,テスト 三郎,tesuto,2999-01-01,x,12,',
    ].join('\n');
    const r = await run(Buffer.from(csv, 'utf8'), 'utf-8');
    assert.equal(r.ok, false);
    if (r.ok) return;
    const lines = r.errors.map((e) => e.line);
    assert.ok(lines.includes(2), 'impossible date on line 2');
    assert.ok(
      r.errors.some((e) => e.line === 4 && /重複/.test(e.message.ja)),
      'duplicate on line 4',
    );
    assert.ok(r.errors.filter((e) => e.line === 5).length >= 5, 'line 5 has many problems');
    assert.equal(await count('SELECT count(*)::int AS n FROM card_int_cards'), 0);
    // Shift_JIS bytes declared as UTF-8: replacement characters are reported as an encoding problem.
    const sj = iconv.encode(`${HEADER}\nABC123456,1,S1,テスト 太郎,テスト タロウ,1980-01-02,1,1000001,架空県1\n`, 'Shift_JIS');
    const e2 = await run(sj, 'utf-8');
    assert.equal(e2.ok, false);
    assert.match(JSON.stringify(e2), /見出し行に必要な列がありません|文字コード/);
    const e3 = await run(Buffer.from('製造管理番号,氏名\nABC123456,x\n'), 'utf-8');
    assert.equal(e3.ok, false);
    assert.match(JSON.stringify(e3), /申請書ID/);
    assert.equal(await count('SELECT count(*)::int AS n FROM card_int_imports'), 0);
  });

  let bundleText = '';
  it('imports a Shift_JIS list (encoding detected), refuses the same file again, keeps personal data encrypted', async () => {
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 40, seed: 3, idPrefix: 'ABC' }), 'shift_jis');
    const r = await run(bytes);
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.equal(r.rows, 40);
    assert.equal(r.encoding, 'shift_jis');
    const again = await run(bytes);
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.reason, 'already_imported');
    const row = (await app.ctx.db.query<{ personal_enc: string }>("SELECT personal_enc FROM card_int_cards WHERE control_no = 'ABC000001'"))
      .rows[0]!;
    assert.doesNotMatch(row.personal_enc, /テスト|見本/);
    assert.match(decryptPersonal(app.ctx.crypto, row.personal_enc).kana, /^[ァ-ヶー]+ [ァ-ヶー]+$/);
  });

  it('exports a signed bundle; the booking site refuses tampered, truncated, foreign and replayed files', async () => {
    const b = await exportBundle(app.ctx, { settings, actor: sys });
    assert.equal(b.cards, 40);
    assert.doesNotMatch(b.text, /テスト|タロウ|架空/);
    bundleText = b.text;
    const tampered = b.text.replace('"s":"S900000005"', '"s":"S800000005"');
    assert.notEqual(tampered, b.text);
    await assert.rejects(
      importBundle(app.ctx, { text: tampered, actor: sys }),
      (e: unknown) => e instanceof ExchangeFileError && e.code === 'part_mismatch',
    );
    await assert.rejects(
      importBundle(app.ctx, { text: b.text.slice(0, b.text.length - 200), actor: sys }),
      (e: unknown) => e instanceof ExchangeFileError && e.code === 'not_exchange_file',
    );
    const seqTampered = b.text.replace(/"sequence":1/, '"sequence":7');
    await assert.rejects(
      importBundle(app.ctx, { text: seqTampered, actor: sys }),
      (e: unknown) => e instanceof ExchangeFileError && e.code === 'bad_signature',
    );
    const foreign = JSON.parse(b.text) as { signature: { keyId: string } };
    foreign.signature.keyId = 'someone-else';
    await assert.rejects(
      importBundle(app.ctx, { text: JSON.stringify(foreign), actor: sys }),
      (e: unknown) => e instanceof ExchangeFileError && e.code === 'foreign_key',
    );
    assert.equal(await count('SELECT count(*)::int AS n FROM card_net_cards'), 0);
    const ok = await importBundle(app.ctx, { text: b.text, actor: sys });
    assert.equal(ok.cards, 40);
    await assert.rejects(
      importBundle(app.ctx, { text: b.text, actor: sys }),
      (e: unknown) => e instanceof ExchangeFileError && e.code === 'replayed',
    );
  });

  it('zone boundary: the internet-zone tables hold no name, address, birth date, sex or password', async () => {
    const cols = await app.ctx.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'card_net_%'`,
    );
    assert.ok(cols.rows.length > 20);
    // Pickup locations have public place names; every other column is checked.
    for (const c of cols.rows.filter((x) => !(x.table_name === 'card_net_locations' && /^name(_en)?$/.test(x.column_name))))
      assert.doesNotMatch(
        c.column_name,
        /name|kana|address|birth|sex|gender|postal|password|application|personal/i,
        `${c.table_name}.${c.column_name}`,
      );
    const names = (await app.ctx.db.query<{ personal_enc: string }>('SELECT personal_enc FROM card_int_cards')).rows.map((r) =>
      decryptPersonal(app.ctx.crypto, r.personal_enc),
    );
    const cards = await app.ctx.db.query<Record<string, unknown>>('SELECT * FROM card_net_cards');
    const dump = JSON.stringify(cards.rows);
    for (const p of names) {
      for (const v of [p.name, p.kana, p.address, p.birthDate, p.birthDate.replace(/-/g, ''), p.applicationId])
        assert.ok(!dump.includes(v), 'personal value leaked');
      assert.ok(!dump.includes(`"${p.birthDate.slice(5, 7)}${p.birthDate.slice(8, 10)}"`), 'plain password leaked');
    }
    assert.deepEqual(Object.keys(cards.rows[0]!).sort(), [
      'bundle_id',
      'department_id',
      'is_active',
      'reservation_id',
      'shipping_no',
      'updated_at',
      'verifier',
    ]);
  });

  const birthdayOf = async (id: string) => {
    const r = await app.ctx.db.query<{ personal_enc: string }>('SELECT personal_enc FROM card_int_cards WHERE control_no = $1', [id]);
    const b = decryptPersonal(app.ctx.crypto, r.rows[0]!.personal_enc).birthDate;
    return b.slice(5, 7) + b.slice(8, 10);
  };
  const login = (reservationId: string, password: string, ip = '203.0.113.5') =>
    app.server.inject({ method: 'POST', url: '/api/v1/card/session', payload: { reservationId, password }, remoteAddress: ip });

  it('log-in: 200 with the birthday (full-width, hyphenated id), 401 alike for wrong and unknown, lock after 5', async () => {
    const pw = await birthdayOf('ABC000002');
    const ok = await login('ａｂｃ－０００００２', pw);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(String(ok.headers['set-cookie']), /madoguchi_card=/);
    const wrong = await login('ABC000003', '9999', '203.0.113.6');
    const unknown = await login('ZZZ999999', '9999', '203.0.113.6');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(JSON.parse(wrong.body).detail, JSON.parse(unknown.body).detail);
    for (let i = 0; i < 4; i++) assert.equal((await login('ABC000003', '9999', `203.0.113.${30 + i}`)).statusCode, 401);
    const locked = await login('ABC000003', await birthdayOf('ABC000003'), '203.0.113.8');
    assert.equal(locked.statusCode, 423, 'locked even with the right password');
    for (let i = 0; i < 5; i++) await login('ZZZ999999', '9999', `203.0.113.${40 + i}`);
    assert.equal((await login('ZZZ999999', '9999', '203.0.113.10')).statusCode, 423, 'unknown ids lock the same way');
    const ev = await app.ctx.db.query<{ kind: string }>("SELECT kind FROM security_events WHERE kind = 'card.login.id_locked'");
    assert.ok(ev.rows.length >= 2);
  });

  it('counts concurrent wrong attempts exactly and never lets more than 5 through', postgresRace, async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login('ABC000004', '0000', `198.51.100.${i + 1}`)));
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 401).length, 5, codes.join(','));
    assert.equal(codes.filter((c) => c === 423).length, 7);
    const g = await app.ctx.db.query<{ attempts: number; locked_until: Date | null }>(
      "SELECT attempts, locked_until FROM card_net_login_guard WHERE id_key = 'ABC000004'",
    );
    assert.equal(g.rows[0]!.attempts, 5);
    assert.ok(g.rows[0]!.locked_until);
  });

  it('raises a spraying alert across many ids without refusing the address (a real holder behind it gets in)', async () => {
    const ip = '192.0.2.77';
    const codes: number[] = [];
    for (let i = 10; i < 23; i++)
      codes.push((await login(`ABC0000${i}`, (await birthdayOf(`ABC0000${i}`)) === '0101' ? '0102' : '0101', ip)).statusCode);
    assert.ok(
      codes.every((c) => c === 401),
      codes.join(','),
    );
    assert.equal((await login('ABC000023', await birthdayOf('ABC000023'), ip)).statusCode, 200, 'the right password from the same address');
    const ev = await app.ctx.db.query(
      "SELECT 1 FROM security_events WHERE kind = 'card.login.spraying' AND severity = 'alert' AND client_ip = $1",
      [ip],
    );
    assert.equal(ev.rows.length, 1);
  });

  it('books a household in one slot (capacity counts people), refuses overbooking, and reconciles inside', async () => {
    const deptId = settings.departmentId;
    await upsertLocation(
      app.ctx.db,
      {
        departmentId: deptId,
        code: 'honcho',
        name: '本庁舎',
        nameEn: 'City Hall',
        counters: 1,
        peoplePerCounter: 3,
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
    const at = (time: string) => ({ location: 'honcho', start: new Date(`2026-11-25T${time}:00+09:00`) });
    const citizen = { type: 'citizen' as const };
    const b1 = await bookCardSlot(app.ctx, {
      ...at('09:00'),
      reservationIds: ['ABC000030', 'ABC000031'],
      email: 'family@example.test',
      actor: citizen,
    });
    await assert.rejects(
      bookCardSlot(app.ctx, { ...at('09:00'), reservationIds: ['ABC000032', 'ABC000033'], actor: citizen }),
      /slot_full/,
    );
    await assert.rejects(bookCardSlot(app.ctx, { ...at('09:30'), reservationIds: ['ABC000031'], actor: citizen }), /already_booked/);
    const b2 = await bookCardSlot(app.ctx, { ...at('09:00'), reservationIds: ['ABC000032'], actor: citizen });
    assert.equal(
      Number(
        (await app.ctx.db.query<{ booked: number }>('SELECT booked FROM card_net_slots WHERE starts_at = $1', [at('09:00').start])).rows[0]!
          .booked,
      ),
      3,
    );
    await cancelCardBooking(app.ctx, { bookingId: b2.bookingId, of: { session: { reservationId: 'ABC000032' } }, actor: citizen });
    await bookCardSlot(app.ctx, { ...at('09:30'), reservationIds: ['ABC000033'], actor: citizen });
    const file = await exportBookings(app.ctx, { departmentCode: 'shimin', actor: sys });
    assert.equal(file.rows, 4);
    // A booking for a card the internal zone does not know is reported, not applied.
    const r = await importBookings(app.ctx, { settings, text: file.text, actor: sys });
    assert.equal(r.booked, 3);
    assert.equal(r.problems.length, 0);
    const booked = await app.ctx.db.query<{ control_no: string; booking_ref: string; booking_group: string[] }>(
      "SELECT control_no, booking_ref, booking_group FROM card_int_cards WHERE state = 'booked' ORDER BY control_no",
    );
    assert.deepEqual(
      booked.rows.map((x) => x.control_no),
      ['ABC000030', 'ABC000031', 'ABC000033'],
    );
    assert.equal(booked.rows[0]!.booking_ref, b1.ref);
    assert.deepEqual(booked.rows[0]!.booking_group, ['ABC000030', 'ABC000031']);
    await assert.rejects(
      importBookings(app.ctx, { settings, text: file.text, actor: sys }),
      (e: unknown) => e instanceof ExchangeFileError && e.code === 'replayed',
    );
    // Cancel on the site, export again: the cancellation travels and the card goes back to "letter sent".
    await cancelCardBooking(app.ctx, { bookingId: b1.bookingId, of: { session: { reservationId: 'ABC000030' } }, actor: citizen });
    const r2 = await importBookings(app.ctx, {
      settings,
      text: (await exportBookings(app.ctx, { departmentCode: 'shimin', actor: sys })).text,
      actor: sys,
    });
    assert.equal(r2.cancelled, 2);
    assert.equal(await count("SELECT count(*)::int AS n FROM card_int_cards WHERE state = 'booked'"), 1);
    // A bundle signed by the internal key is not accepted as a booking file.
    await assert.rejects(importBookings(app.ctx, { settings, text: bundleText, actor: sys }), ExchangeFileError);
    void crypto;
  });
});
