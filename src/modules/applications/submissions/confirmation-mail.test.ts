import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmationText } from './confirmation-mail.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
const base = {
  referenceNumber: 'ABCDE23456',
  submittedAt: new Date('2026-12-01T10:05:00+09:00'),
  statusUrl: 'https://apply.city.example/applications/ABCDE23456?t=secret',
  unpaidExpiryHours: 72,
} as const;

describe('application confirmation e-mail', () => {
  it('states the 整理番号 as ABCDE-23456, the title, 和暦 time, the fee, how to pay and the status link', () => {
    const { subject, text } = confirmationText({
      ...base,
      lang: 'ja',
      title: '住民票の写しの郵送請求',
      status: 'awaiting_payment',
      feeAmount: 600,
      feeTiming: 'on_submission',
    });
    assert.equal(subject, '【申請受付】住民票の写しの郵送請求（整理番号 ABCDE-23456）');
    assert.ok(text.includes('整理番号：ABCDE-23456'), text);
    assert.ok(text.includes('申請日時：令和8年12月1日 10:05'), text);
    assert.ok(text.includes('手数料：600円'), text);
    assert.ok(text.includes('72時間以内'), text);
    assert.ok(text.includes(base.statusUrl), text);
  });

  it('says a 事後決済 fee is paid after acceptance, and a free one only what happens next', () => {
    const later = confirmationText({ ...base, lang: 'ja', title: 'x', status: 'received', feeAmount: 450, feeTiming: 'after_acceptance' });
    assert.ok(later.text.includes('受け付けた後にお支払い'), later.text);
    const free = confirmationText({ ...base, lang: 'ja', title: 'x', status: 'received', feeAmount: null, feeTiming: null });
    assert.ok(!free.text.includes('手数料'), free.text);
    assert.ok(free.text.includes('担当課で内容を確認します'), free.text);
  });

  it('is written wholly in English for an English application', () => {
    const { subject, text } = confirmationText({
      ...base,
      lang: 'en',
      title: 'Residence certificate by post',
      status: 'awaiting_payment',
      feeAmount: 600,
      feeTiming: 'on_submission',
    });
    assert.ok(!JAPANESE.test(subject) && !JAPANESE.test(text), text);
    assert.ok(text.includes('Reference number: ABCDE-23456'), text);
    assert.ok(text.includes('Fee: ¥600'), text);
    assert.ok(text.includes('Reiwa 8'), text);
  });
});
