import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppContext } from '../../platform/context.js';
import { noticeContent, noticeText } from './notices.js';
import type { ReservationRow } from './reservations.repository.js';
import type { Service } from './services.repository.js';

const ctxWith = (line?: { contactText: string }) =>
  ({
    config: { publicBaseUrl: 'https://yoyaku.city.example', ...(line ? { line } : {}) },
    secrets: { appSecret: Buffer.alloc(32, 7) },
  }) as unknown as AppContext;
const booking = {
  id: '00000000-0000-4000-8000-000000000001',
  reservationNumber: 'Q689YYZA',
  start: new Date('2026-12-02T16:45:00+09:00'),
  end: new Date('2026-12-02T17:00:00+09:00'),
} as ReservationRow;
const service = {
  name: '転入届',
  nameEn: 'Moving-in notification',
  place: '本庁舎1階',
  departmentName: '市民課',
  departmentNameEn: 'Citizens Division',
} as Service;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe('booking e-mails', () => {
  it('write the number as Q689-YYZA and the time as formatWhen does, with the department as contact', () => {
    const { subject, text } = noticeText(noticeContent(ctxWith(), 'confirmation', booking, service, 'ja'));
    assert.ok(subject.includes('Q689-YYZA'));
    assert.ok(text.includes('予約番号: Q689-YYZA'));
    assert.ok(text.includes('日時: 2026年12月2日（水） 16:45〜17:00'), text);
    assert.ok(text.includes('お問い合わせ: 市民課'), text);
  });

  it('add the city contact line when one is configured', () => {
    const { text } = noticeText(
      noticeContent(ctxWith({ contactText: '代表電話 0120-000-000（平日 8:30〜17:15）' }), 'cancel', booking, service, 'ja'),
    );
    assert.ok(text.includes('お問い合わせ: 市民課　代表電話 0120-000-000（平日 8:30〜17:15）'), text);
  });

  it('are written in Japanese only for a Japanese booking (no English line)', () => {
    const { text } = noticeText(noticeContent(ctxWith(), 'reminder', booking, service, 'ja'));
    assert.ok(!/[A-Za-z]{4,}/.test(text.replace(/https:\/\/\S+/g, '').replace('Q689-YYZA', '')), text);
  });

  for (const kind of ['confirmation', 'reminder', 'change', 'cancel', 'closure'] as const)
    it(`write a ${kind} notice of an English booking wholly in English, dates for English readers`, () => {
      const c = noticeContent(ctxWith(), kind, booking, { ...service, place: 'City Hall 1F' }, 'en');
      c.reason = kind === 'cancel' ? 'Counter closed' : undefined;
      const { subject, text } = noticeText(c);
      assert.ok(!JAPANESE.test(subject), subject);
      assert.ok(!JAPANESE.test(text), text);
      assert.ok(subject.includes('(Q689-YYZA)'), subject);
      assert.ok(text.includes('Booking number: Q689-YYZA'), text);
      assert.ok(text.includes('Date and time: Wed 2 Dec 2026 16:45–17:00'), text);
      assert.ok(text.includes('Service: Moving-in notification'), text);
      assert.ok(text.includes('Contact: Citizens Division'), text);
      if (kind !== 'cancel') assert.ok(text.includes('?lang=en'), text);
    });

  it('leave a Japanese-only city contact text out of an English notice, and keep one written in English', () => {
    const ja = noticeText(noticeContent(ctxWith({ contactText: '代表電話 0120-000-000' }), 'confirmation', booking, service, 'en')).text;
    assert.ok(ja.includes('Contact: Citizens Division\n'), ja);
    const en = noticeText(
      noticeContent(ctxWith({ contactText: 'City Hall +81-120-000-000' }), 'confirmation', booking, service, 'en'),
    ).text;
    assert.ok(en.includes('Contact: Citizens Division, City Hall +81-120-000-000'), en);
  });
});
