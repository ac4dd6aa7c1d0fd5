/**
 * Citizen journeys at phone width (390 px) for issue 9: My Page shows only the bookings this
 * person may see, a cancelled booking says so and shows no QR code, typed answers survive
 * "correct" and "choose another time", a bookmarked completion page says how to open the booking,
 * and form errors announce themselves (title, focus) without doubling the optional mark.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { stopSmtpStandin } from '../../src/platform/mailer.js';
import { makeDepartment, makeService, TOPIC_FIELD } from '../../src/modules/reservations/testing.js';
import { focusedId, hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const REASON = {
  key: 'reason',
  labelJa: 'ご来庁の目的（任意）',
  labelEn: 'Reason for the visit (optional)',
  type: 'textarea' as const,
  required: false,
  classification: 'personal' as const,
  maxLength: 500,
};

describe('citizen pages on a phone', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let browser: Browser;
  let svc: { id: string };
  let single: { id: string };

  before(async () => {
    app = await startTestApp({ clock, listen: true });
    const dept = await makeDepartment(app.ctx, 'e2ecitizen');
    svc = await makeService(app.ctx, { departmentId: dept, name: '市民 相談窓口', capacity: 3, fields: [TOPIC_FIELD, REASON] });
    single = await makeService(app.ctx, { departmentId: dept, name: '一席 窓口', capacity: 1, fields: [TOPIC_FIELD, REASON] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await stopSmtpStandin();
  });

  async function fillAndConfirm(page: Page, p: { name: string; phone: string; email: string; reason: string }) {
    await page.fill('#in-name', p.name);
    await page.fill('#in-phone', p.phone);
    await page.fill('#in-email', p.email);
    await page.fill('#in-f_reason', p.reason);
    await page.getByLabel('その他').check();
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
  }

  async function book(
    page: Page,
    serviceId: string,
    start: string,
    p: { name: string; phone: string; email: string; reason: string },
  ): Promise<string> {
    await page.goto(`${app.url}/services/${serviceId}/book?start=${encodeURIComponent(start)}`);
    await fillAndConfirm(page, p);
    await page.getByRole('button', { name: 'この内容で予約する' }).click();
    await page.waitForURL(/\/my\/reservations\/[2-9A-Z]{8}\?done=1/);
    return /\/my\/reservations\/([2-9A-Z]{8})/.exec(page.url())![1]!;
  }
  const shown = (n: string) => `${n.slice(0, 4)}-${n.slice(4)}`;

  it('shows on My Page only the bookings of this person, never another booking with the same phone', async () => {
    const victim = await newPage(browser, PHONE);
    const victimNumber = await book(victim.page, svc.id, '2026-12-01T09:00:00+09:00', {
      name: '被害 花子',
      phone: '090-1111-2222',
      email: 'victim@example.jp',
      reason: '生活保護の相談',
    });
    const attacker = await newPage(browser, PHONE);
    const own = await book(attacker.page, svc.id, '2026-12-01T10:00:00+09:00', {
      name: '攻撃 者',
      phone: '09011112222',
      email: 'a@example.jp',
      reason: '',
    });
    await attacker.page.goto(`${app.url}/my`);
    const items = attacker.page.locator('.booking-list li');
    assert.equal(await items.count(), 1);
    assert.ok((await items.first().textContent())!.includes(shown(own)));
    assert.ok(!(await attacker.page.content()).includes(shown(victimNumber)));
    // the victim's URL tells the attacker nothing about the booking
    await attacker.page.goto(`${app.url}/my/reservations/${victimNumber}`);
    assert.ok(!(await attacker.page.content()).includes('被害'));
    await Promise.all([victim.context.close(), attacker.context.close()]);
  });

  it('after cancelling says so, and a cancelled booking shows no QR code', async () => {
    const { context, page } = await newPage(browser, PHONE);
    const number = await book(page, svc.id, '2026-12-02T09:00:00+09:00', {
      name: '取消 太郎',
      phone: '090-3333-4444',
      email: 'cancel@example.jp',
      reason: '',
    });
    assert.ok(await page.locator('img.qr').isVisible());
    await page.getByRole('link', { name: '予約を取り消す' }).click();
    await page.getByRole('button', { name: '取り消す' }).click();
    await page.waitForURL(new RegExp(`/my/reservations/${number}\\?cancelled=1`));
    assert.ok(await page.getByRole('status').filter({ hasText: '予約を取り消しました。' }).isVisible());
    assert.equal(await page.locator('img.qr').count(), 0);
    assert.ok((await page.locator('main').textContent())!.includes('この予約は取り消されています'));
    // opened again later: still no QR code, still says it was cancelled
    await page.goto(`${app.url}/my/reservations/${number}`);
    assert.equal(await page.locator('img.qr').count(), 0);
    assert.ok((await page.locator('main').textContent())!.includes('この予約は取り消されています'));
    await context.close();
  });

  it('keeps every answer through 「入力内容を修正する」 and through choosing another time when the slot fills', async () => {
    const { context, page } = await newPage(browser, PHONE);
    const p = { name: '入力 保持', phone: '090-7777-8888', email: 'keep@example.jp', reason: '転入の手続きについて' };
    await page.goto(`${app.url}/services/${single.id}/book?start=${encodeURIComponent('2026-12-03T09:00:00+09:00')}`);
    await fillAndConfirm(page, p);
    await page.getByRole('button', { name: '入力内容を修正する' }).click();
    const kept = async () => {
      assert.equal(await page.inputValue('#in-name'), p.name);
      assert.equal(await page.inputValue('#in-phone'), p.phone);
      assert.equal(await page.inputValue('#in-email'), p.email);
      assert.equal(await page.inputValue('#in-f_reason'), p.reason);
      assert.ok(await page.getByLabel('その他').isChecked());
    };
    await kept();
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    // someone else takes the only seat while this person reads the confirmation
    const api = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: {
        serviceId: single.id,
        start: '2026-12-03T09:00:00+09:00',
        name: '先着 一',
        phone: '090-0000-1111',
        fields: { topic: 'other' },
      },
    });
    assert.equal(api.statusCode, 201);
    await page.getByRole('button', { name: 'この内容で予約する' }).click();
    assert.ok((await page.getByRole('alert').textContent())!.includes('満員'));
    await page.getByRole('button', { name: /09:30〜10:00/ }).click();
    await kept();
    assert.ok((await page.locator('.card').first().textContent())!.includes('09:30〜10:00'));
    await context.close();
  });

  it('opens a bookmarked completion page on another phone with the way to open the booking', async () => {
    const first = await newPage(browser, PHONE);
    const number = await book(first.page, svc.id, '2026-12-04T09:00:00+09:00', {
      name: '栞 花子',
      phone: '090-5555-6666',
      email: 'bookmark@example.jp',
      reason: '',
    });
    const second = await newPage(browser, PHONE);
    await second.page.goto(`${app.url}/my/reservations/${number}?done=1`);
    const text = (await second.page.locator('main').textContent())!;
    assert.ok(text.includes('ご予約は取り消されていません'), text);
    assert.ok(text.includes('予約完了メール'));
    assert.equal(await second.page.inputValue('#my-number'), shown(number));
    await second.page.fill('#my-phone', '090-5555-6666');
    await second.page.getByRole('button', { name: '予約を表示する' }).click();
    await second.page.waitForURL(new RegExp(`/my/reservations/${number}$`));
    assert.ok(await second.page.locator('img.qr').isVisible());
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('announces form errors in the title, focuses the error summary, marks 任意 once and keeps 残り on one line', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto(`${app.url}/services/${svc.id}/days/2026-12-07`);
    const wrapped = await page.locator('.slot-remaining').evaluateAll(
      (els) =>
        els.filter((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getClientRects().length > 1;
        }).length,
    );
    assert.equal(wrapped, 0, '「残りN」 is never broken over two lines');
    await page.getByRole('link', { name: /09:00〜09:30/ }).click();
    const label = (await page.locator('label[for="in-f_reason"]').textContent())!;
    assert.equal(label.split('任意').length - 1, 1, label);
    const title = await page.title();
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    assert.ok((await page.title()).startsWith('入力内容を確認してください'), await page.title());
    assert.notEqual(await page.title(), title);
    assert.equal(await focusedId(page, 'error-summary'), 'error-summary');
    await context.close();
  });
});
