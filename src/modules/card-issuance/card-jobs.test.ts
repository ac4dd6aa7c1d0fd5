/**
 * Booking-site mail jobs (completion at once, reminder the day before, through the SMTP stand-in)
 * and the progress-result imports (pre-issuance setup result, issued result): all or nothing, line
 * errors, re-import refused, state log and audit.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { allJobs } from '../../bootstrap.js';
import { ManualClock } from '../../platform/clock.js';
import { enqueue, JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import type { CardSettings } from './internal/card-settings.js';
import { exportBundle } from './internal/export-bundle.js';
import { importIssuanceList } from './internal/import-issuance-list.js';
import { importProgressResults } from './internal/import-progress-results.js';
import { changeCardState } from './internal/card-progress.js';
import { overdueCards, setCardDeadlines } from './internal/card-deadlines.js';
import { setCardContact } from './internal/card-contact-settings.js';
import { decryptPersonal } from './internal/card-personal.js';
import { encodeCsvText, syntheticIssuanceCsv } from './internal/synthetic-list.js';
import { bookCardSlot, cancelCardBooking } from './internet/card-bookings.js';
import { importBundle } from './internet/import-bundle.js';
import { upsertLocation } from './internet/locations.js';
import { openCardOffice } from './testing.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };
const citizen = { type: 'citizen' as const };
const CONTACT = 'お問い合わせ: 市民課 マイナンバーカード窓口　電話 0123-45-6789　受付時間 平日 8:30〜17:15';

describe('card issuance: mail jobs and progress-result imports', () => {
  let app: TestApp;
  let settings: CardSettings;
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  let slots: { location: string; start: Date }[] = [];

  before(async () => {
    app = await startTestApp({ clock });
    settings = await openCardOffice(app.ctx);
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 12, seed: 5, idPrefix: 'JOB' }), 'shift_jis');
    const r = await importIssuanceList(app.ctx, { settings, fileName: 'j.csv', open: () => Readable.from([bytes]), actor: sys });
    assert.equal(r.ok, true);
    // the office's contact reaches the booking site only inside the signed bundle
    await setCardContact(
      app.ctx.db,
      settings.departmentId,
      { contactOffice: '市民課 マイナンバーカード窓口', contactPhone: '0123-45-6789', contactHours: '平日 8:30〜17:15' },
      clock.now(),
    );
    await importBundle(app.ctx, { text: (await exportBundle(app.ctx, { settings, actor: sys })).text, actor: sys });
    await upsertLocation(
      app.ctx.db,
      {
        departmentId: settings.departmentId,
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
    slots = ['09:00', '09:30'].map((time) => ({ location: 'honcho', start: new Date(`2026-11-26T${time}:00+09:00`) }));
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  it('sends the completion mail once, only when an address is given, without personal data', async () => {
    const standin = await smtpStandin();
    const worker = new JobWorker(app.ctx, allJobs());
    const mine = (to: string) => standin.messages.filter((m) => m.to.includes(to));
    const b = await bookCardSlot(app.ctx, {
      ...slots[0]!,
      reservationIds: ['JOB000001', 'JOB000002'],
      email: 'family@example.test',
      actor: citizen,
    });
    await bookCardSlot(app.ctx, { ...slots[0]!, reservationIds: ['JOB000003'], actor: citizen });
    const before = standin.messages.length;
    await worker.drain();
    assert.equal(mine('family@example.test').length, 1);
    assert.equal(standin.messages.length, before + 1, 'no mail for the booking without an address');
    const m = mine('family@example.test')[0]!;
    assert.match(m.subject, /予約を受け付けました/);
    assert.ok(m.text.includes(b.ref));
    assert.ok(m.text.includes('本庁舎'));
    assert.ok(m.text.includes('人数: 2人'));
    assert.ok(m.text.includes('日時: 2026年11月26日（木） 09:00〜09:30'), m.text); // the one format of formatWhen
    assert.ok(m.text.includes(CONTACT), m.text);
    assert.ok(m.text.includes('ログインID'), 'says how to open the booking again');
    assert.ok(m.messageId.startsWith(`<card-completion-${b.bookingId}.`) && m.messageId.endsWith(`@localhost>`), m.messageId);
    const people = (
      await app.ctx.db.query<{ personal_enc: string }>(
        "SELECT personal_enc FROM card_int_cards WHERE control_no IN ('JOB000001', 'JOB000002')",
      )
    ).rows.map((r) => decryptPersonal(app.ctx.crypto, r.personal_enc));
    for (const p of people)
      for (const v of [p.name, p.kana, p.address, p.birthDate]) assert.ok(!m.text.includes(v), 'personal data in the mail');
    await worker.drain();
    assert.equal(mine('family@example.test').length, 1, 'a second drain sends nothing');
  });

  it('sends the reminder within a day of the slot, once, and not for a cancelled booking', async () => {
    const standin = await smtpStandin();
    const worker = new JobWorker(app.ctx, allJobs());
    const mine = (to: string) => standin.messages.filter((m) => m.to.includes(to));
    const c = await bookCardSlot(app.ctx, { ...slots[1]!, reservationIds: ['JOB000004'], email: 'cancel@example.test', actor: citizen });
    await worker.drain();
    assert.equal(mine('cancel@example.test').length, 1);
    await cancelCardBooking(app.ctx, { bookingId: c.bookingId, of: { session: { reservationId: 'JOB000004' } }, actor: citizen });
    const sweep = () => app.ctx.db.transaction((tx) => enqueue(tx, 'card.booking-reminders', {}, { runAt: clock.now() }));
    // More than a day before: the sweep finds nothing.
    clock.set('2026-11-25T08:00:00+09:00');
    await sweep();
    await worker.drain();
    assert.equal(mine('family@example.test').length, 1);
    // Within a day: one reminder; a second sweep sends none.
    clock.set('2026-11-25T10:00:00+09:00');
    await sweep();
    await worker.drain();
    assert.equal(mine('family@example.test').length, 2);
    assert.match(mine('family@example.test')[1]!.subject, /【明日】/);
    assert.ok(mine('family@example.test')[1]!.text.includes(CONTACT), mine('family@example.test')[1]!.text);
    await sweep();
    await worker.drain();
    assert.equal(mine('family@example.test').length, 2);
    assert.equal(mine('cancel@example.test').length, 2, 'the completion and the cancellation, no reminder for a cancelled booking');
    assert.match(mine('cancel@example.test')[1]!.subject, /予約を取り消しました/);
    clock.set('2026-11-24T01:00:00Z');
  });

  it('writes the mails in the language the booking was made in: English for an English booking, Japanese for a Japanese one', async () => {
    const standin = await smtpStandin();
    const worker = new JobWorker(app.ctx, allJobs());
    const mine = (to: string) => standin.messages.filter((m) => m.to.includes(to));
    const en = await bookCardSlot(app.ctx, {
      ...slots[1]!,
      reservationIds: ['JOB000010'],
      email: 'english@example.test',
      lang: 'en',
      actor: citizen,
    });
    const ja = await bookCardSlot(app.ctx, {
      ...slots[1]!,
      reservationIds: ['JOB000011'],
      email: 'japanese@example.test',
      lang: 'ja',
      actor: citizen,
    });
    await worker.drain();
    const [enMail] = mine('english@example.test');
    assert.ok(enMail);
    assert.equal(enMail.subject, 'Your My Number card pickup is booked');
    assert.ok(enMail.text.includes(`Booking number: ${en.ref}`), enMail.text);
    assert.ok(enMail.text.includes('Place: City Hall'), enMail.text);
    assert.ok(enMail.text.includes('Contact: '), enMail.text);
    // the office's own contact (names and hours as the office wrote them) is data; every word of the mail itself is English
    assert.doesNotMatch(enMail.text.split('Contact: ')[0]!, /[\u3040-\u30ff\u4e00-\u9fff]/, 'no Japanese in the English mail');
    const [jaMail] = mine('japanese@example.test');
    assert.ok(jaMail);
    assert.match(jaMail.subject, /予約を受け付けました/);
    assert.ok(jaMail.text.includes(`予約番号: ${ja.ref}`) && jaMail.text.includes('場所: 本庁舎'), jaMail.text);
    await cancelCardBooking(app.ctx, { bookingId: en.bookingId, of: { session: { reservationId: 'JOB000010' } }, actor: citizen });
    await worker.drain();
    assert.equal(mine('english@example.test')[1]?.subject, 'Your My Number card pickup booking is cancelled');
    const stored = await app.ctx.db.query<{ lang: string }>('SELECT lang FROM card_net_bookings WHERE id = $1', [ja.bookingId]);
    assert.equal(stored.rows[0]!.lang, 'ja');
  });

  const stateOf = async (id: string) =>
    (await app.ctx.db.query<{ state: string }>('SELECT state FROM card_int_cards WHERE control_no = $1', [id])).rows[0]!.state;
  const auditCount = async (action: string) =>
    Number((await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n);

  it('imports the setup result all or nothing, with line errors, and refuses the same file again', async () => {
    const bad = Buffer.from(
      '製造管理番号,処理日\nJOB000005,2026-11-20\nJOB999999,2026-11-20\nJOB000006,2030-01-01\nJOB000005,2026-11-20\nX,2026-11-20\n',
    );
    const r = await importProgressResults(app.ctx, { settings, kind: 'setup', bytes: bad, actor: sys });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [3, 4, 5, 6],
    );
    assert.equal(await stateOf('JOB000005'), 'received', 'nothing changed');
    const missing = await importProgressResults(app.ctx, { settings, kind: 'setup', bytes: Buffer.from('番号\nJOB000005\n'), actor: sys });
    assert.equal(missing.ok, false);
    assert.match(JSON.stringify(missing), /製造管理番号/);

    const good = iconv.encode('製造管理番号,処理日\r\nJOB-000005,20261120\r\nＪＯＢ０００００６,\r\n', 'Shift_JIS');
    const a0 = await auditCount('card.progress.setup_result.import');
    const ok = await importProgressResults(app.ctx, { settings, kind: 'setup', bytes: good, actor: sys });
    assert.deepEqual(ok, { ok: true, updated: 2 });
    assert.equal(await stateOf('JOB000005'), 'setup_done');
    assert.equal(await stateOf('JOB000006'), 'setup_done');
    const d = await app.ctx.db.query<{ setup_done_at: string }>(
      "SELECT (setup_done_at AT TIME ZONE 'Asia/Tokyo')::date::text AS setup_done_at FROM card_int_cards WHERE control_no = 'JOB000005'",
    );
    assert.equal(d.rows[0]!.setup_done_at, '2026-11-20');
    assert.equal(await auditCount('card.progress.setup_result.import'), a0 + 1);
    const again = await importProgressResults(app.ctx, { settings, kind: 'setup', bytes: good, actor: sys });
    assert.equal(again.ok, false);
    assert.match(JSON.stringify(again), /既に取り込まれています/);
  });

  it('imports the issued result: issued cards cannot be issued twice', async () => {
    const file = Buffer.from('製造管理番号\nJOB000005\n');
    const ok = await importProgressResults(app.ctx, { settings, kind: 'issued', bytes: file, actor: sys });
    assert.deepEqual(ok, { ok: true, updated: 1 });
    assert.equal(await stateOf('JOB000005'), 'issued');
    const twice = await importProgressResults(app.ctx, {
      settings,
      kind: 'issued',
      bytes: Buffer.from('製造管理番号,処理日\nJOB000005,2026-11-21\n'),
      actor: sys,
    });
    assert.equal(twice.ok, false);
    assert.match(JSON.stringify(twice), /変更できません/);
    // The setup result cannot move an issued card back.
    const back = await importProgressResults(app.ctx, {
      settings,
      kind: 'setup',
      bytes: Buffer.from('製造管理番号,処理日\nJOB000005,2026-11-21\n'),
      actor: sys,
    });
    assert.equal(back.ok, false);
    assert.equal(await stateOf('JOB000005'), 'issued');
  });
  it('lists cards past the per-office notice deadline, and after a re-notice past the re-notice deadline', async () => {
    const a = { actor: sys };
    const idOf = async (c: string) =>
      (await app.ctx.db.query<{ id: string }>('SELECT id FROM card_int_cards WHERE control_no = $1', [c])).rows[0]!.id;
    const [x, y, z] = [await idOf('JOB000010'), await idOf('JOB000011'), await idOf('JOB000012')];
    clock.set('2026-12-01T10:00:00+09:00');
    for (const id of [x, y, z]) assert.equal(await changeCardState(app.ctx, settings.departmentId, id, 'letter_sent', a), true);
    assert.equal(
      await setCardDeadlines(app.ctx.db, settings.departmentId, { noticeDeadlineDays: 90, renoticeDeadlineDays: 60 }, clock.now()),
      true,
    );
    // y's notice comes back and is sent again on 2027-01-10; z is picked up.
    clock.set('2027-01-05T10:00:00+09:00');
    assert.equal(await changeCardState(app.ctx, settings.departmentId, y, 'returned', a), true);
    clock.set('2027-01-10T10:00:00+09:00');
    assert.equal(await changeCardState(app.ctx, settings.departmentId, y, 'letter_sent', a), true);
    assert.equal(await changeCardState(app.ctx, settings.departmentId, z, 'issued', a), true);
    const ids = async (at: string) => (await overdueCards(app.ctx.db, settings.departmentId, new Date(at))).map((c) => c.controlNo);
    assert.deepEqual(await ids('2027-02-28T12:00:00+09:00'), [], 'x is due on 2027-03-01');
    assert.deepEqual(await ids('2027-03-02T12:00:00+09:00'), ['JOB000010'], 'y was re-noticed: due on 2027-03-11');
    const later = await overdueCards(app.ctx.db, settings.departmentId, new Date('2027-03-12T12:00:00+09:00'));
    assert.deepEqual(
      later.map((c) => [c.controlNo, c.renoticed]),
      [
        ['JOB000010', false],
        ['JOB000011', true],
      ],
    );
    // A shorter re-notice deadline moves y forward; issued cards never appear.
    await setCardDeadlines(app.ctx.db, settings.departmentId, { noticeDeadlineDays: 90, renoticeDeadlineDays: 30 }, clock.now());
    assert.deepEqual(await ids('2027-02-10T12:00:00+09:00'), ['JOB000011']);
    await assert.rejects(
      setCardDeadlines(app.ctx.db, settings.departmentId, { noticeDeadlineDays: 0, renoticeDeadlineDays: 30 }, clock.now()),
    );
    clock.set('2026-11-24T01:00:00Z');
  });
});
