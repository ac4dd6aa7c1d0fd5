/**
 * A booking keeps the language it was made in (migration 0045), and every e-mail about it —
 * confirmation, reminder, cancellation — is written in that language, read back through the SMTP
 * stand-in (mailparser), as a citizen's mail program would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { allJobs } from '../../bootstrap.js';
import { ManualClock } from '../../platform/clock.js';
import { JobWorker } from '../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../platform/mailer.js';
import { makeDepartment, makeService, person } from './testing.js';

// Monday 30 Nov 2026, 09:00 Tokyo
const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe('notices in the language of the booking', () => {
  let app: TestApp;
  let svc: { id: string };
  let worker: JobWorker;

  before(async () => {
    app = await startTestApp({ clock });
    const departmentId = await makeDepartment(app.ctx);
    await app.ctx.db.query(`UPDATE departments SET name_en = 'Citizens Division' WHERE id = $1`, [departmentId]);
    svc = await makeService(app.ctx, { departmentId, place: 'City Hall, 1st floor' });
    worker = new JobWorker(app.ctx, allJobs());
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  async function bookAndCancel(email: string, start: string, headers: Record<string, string>) {
    const standin = await smtpStandin();
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers,
      payload: { serviceId: svc.id, start, ...person(), email, fields: { topic: 'other' } },
    });
    assert.equal(r.statusCode, 201, r.body);
    const b = r.json() as { reservationNumber: string; accessToken: string };
    await worker.drain();
    clock.set('2026-12-03T10:00:00+09:00'); // the reminder: the day before at 10:00
    await worker.drain();
    const del = await app.server.inject({
      method: 'DELETE',
      url: `/api/v1/reservations/${b.reservationNumber}`,
      headers: { authorization: `Bearer ${b.accessToken}` },
    });
    assert.equal(del.statusCode, 204, del.body);
    await worker.drain();
    clock.set('2026-11-30T09:00:00+09:00');
    const stored = await app.ctx.db.query<{ lang: string }>('SELECT lang FROM rsv_reservations WHERE reservation_number = $1', [
      b.reservationNumber,
    ]);
    return { mails: standin.messages.filter((m) => m.to.includes(email)), lang: stored.rows[0]?.lang };
  }

  it('stores English with a booking made in English and writes its confirmation, reminder and cancellation wholly in English', async () => {
    const { mails, lang } = await bookAndCancel('english@example.jp', '2026-12-04T09:00:00+09:00', { 'accept-language': 'en-GB,en;q=0.9' });
    assert.equal(lang, 'en');
    assert.deepEqual(
      mails.map((m) => m.subject.replace(/ \(.*\)$/, '')),
      ['Booking confirmed', 'Reminder: your appointment is coming up', 'Booking cancelled'],
    );
    for (const m of mails) {
      assert.ok(!JAPANESE.test(m.subject), m.subject);
      assert.ok(!JAPANESE.test(m.text), m.text);
    }
    assert.ok(mails[0]!.text.includes('Date and time: Fri 4 Dec 2026 09:00–09:30'), mails[0]!.text);
    assert.ok(mails[0]!.text.includes('Service: Test counter'), mails[0]!.text);
    assert.ok(mails[0]!.text.includes('Contact: Citizens Division'), mails[0]!.text);
  });

  it('keeps Japanese for a booking made in Japanese', async () => {
    const { mails, lang } = await bookAndCancel('japanese@example.jp', '2026-12-04T09:30:00+09:00', { 'accept-language': 'ja' });
    assert.equal(lang, 'ja');
    assert.equal(mails.length, 3);
    assert.match(mails[0]!.subject, /^【予約完了】/);
    assert.match(mails[1]!.subject, /^【リマインド】/);
    assert.match(mails[2]!.subject, /^【予約取消】/);
    assert.ok(mails[0]!.text.includes('日時: 2026年12月4日（金） 09:30〜10:00'), mails[0]!.text);
    assert.ok(mails[0]!.text.includes('予約内容: テスト窓口'), mails[0]!.text);
  });
});
