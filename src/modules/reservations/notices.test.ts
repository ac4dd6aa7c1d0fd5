import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppContext } from '../../platform/context.js';
import { noticeContent, noticeText } from './notices.js';
import type { ReservationRow } from './reservations.repository.js';
import type { Service } from './services.repository.js';

const ctxWith = (line?: { contactText: string }) =>
  ({ config: { publicBaseUrl: 'https://yoyaku.city.example', ...(line ? { line } : {}) }, secrets: { appSecret: Buffer.alloc(32, 7) } }) as unknown as AppContext;
const booking = {
  id: '00000000-0000-4000-8000-000000000001',
  reservationNumber: 'Q689YYZA',
  start: new Date('2026-12-02T16:45:00+09:00'),
  end: new Date('2026-12-02T17:00:00+09:00'),
} as ReservationRow;
const service = { name: '転入届', place: '本庁舎1階', departmentName: '市民課' } as Service;

describe('booking e-mails', () => {
  it('write the number as Q689-YYZA and the time as formatWhen does, with the department as contact', () => {
    const { subject, text } = noticeText(noticeContent(ctxWith(), 'confirmation', booking, service));
    assert.ok(subject.includes('Q689-YYZA'));
    assert.ok(text.includes('予約番号: Q689-YYZA'));
    assert.ok(text.includes('日時: 2026年12月2日（水） 16:45〜17:00'), text);
    assert.ok(text.includes('お問い合わせ: 市民課'), text);
  });

  it('add the city contact line when one is configured', () => {
    const { text } = noticeText(noticeContent(ctxWith({ contactText: '代表電話 0120-000-000（平日 8:30〜17:15）' }), 'cancel', booking, service));
    assert.ok(text.includes('お問い合わせ: 市民課　代表電話 0120-000-000（平日 8:30〜17:15）'), text);
  });
});
