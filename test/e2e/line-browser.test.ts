/**
 * In Chromium, as a fake LINE user in the stand-in's chat simulator: befriend the bot, tap the rich
 * menu, pick a department and a service, open the booking page through LIFF (ID token verified by
 * the server), and land signed in as that LINE user.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { CORE_FIELDS, insertService } from '../../src/modules/reservations/manage-services.js';
import { allJobs } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { startLineStandin, type LineStandin } from '../../src/line-standin/standin.js';
import { newUserId } from '../../src/line-standin/standin-state.js';
import { deployRichMenu, lineUserOf } from '../../src/modules/line/index.js';
import { hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

const SECRET = 'browser-line-channel-secret-0123456789';
const TOKEN = 'browser-line-access-token';

describe('LINE chat simulator in Chromium', { skip: !hasChromium && 'no Chromium' }, () => {
  const clock = new ManualClock('2026-11-30T09:00:00+09:00');
  let app: TestApp;
  let standin: LineStandin;
  let standinUrl: string;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let browser: Browser;
  let serviceId: string;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN, now: () => clock.now().getTime() });
    standin = s.standin;
    standinUrl = s.url;
    closeStandin = s.close;
    app = await startTestApp({
      listen: true,
      clock,
      env: {
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_LIFF_ID: '1650000002-BrOwSeR',
        LINE_API_BASE_URL: s.url,
        LINE_API_DATA_BASE_URL: s.url,
      },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    standin.liffEndpointUrl = `${app.url}/line/liff`;
    const d = await app.ctx.db.query<{ id: string }>(`INSERT INTO departments (code, name) VALUES ('line-browser', '市民課') RETURNING id`);
    const settings = {
      kind: 'counter' as const,
      name: '転入届',
      nameEn: 'Moving in',
      description: '',
      place: '本庁舎1階 市民課',
      durationMinutes: 30,
      capacity: 2,
      opensDaysAhead: 30,
      bookUntilMinutes: 60,
      changeUntilMinutes: 60,
      closedOnNationalHolidays: true,
      closedYearEnd: true,
      reminderDaysBefore: 1,
      reminderTime: '10:00',
      remindersEnabled: true,
      retentionDays: 30,
      isActive: true,
    };
    const schedule = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
    await app.ctx.db.transaction((tx) => insertService(tx, d.rows[0]!.id, settings, CORE_FIELDS, schedule));
    serviceId = await app.ctx.db.transaction((tx) =>
      insertService(tx, d.rows[0]!.id, { ...settings, name: '住民票の写し', nameEn: 'Residence certificate' }, CORE_FIELDS, schedule),
    );
    await deployRichMenu(app.ctx.config);
    worker = new JobWorker(app.ctx, allJobs(), { pollMs: 100 });
    await worker.start();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await worker?.stop();
    await app?.close();
    await closeStandin?.();
  });

  it('befriends, books through the rich menu and opens the booking page signed in by LIFF', async () => {
    const userId = newUserId();
    const { context, page } = await newPage(browser, PHONE);
    await page.goto(`${standinUrl}/simulator?user=${userId}`);
    await page.getByRole('button', { name: '友だち追加' }).click();
    await page.getByText('友だち追加ありがとうございます', { exact: false }).waitFor();
    await page.locator('.menu').getByRole('button', { name: '予約する' }).click();
    await page.locator('.quick').getByRole('button', { name: '市民課' }).click();
    await page.locator('.quick').getByRole('button', { name: '住民票の写し' }).click();
    await page.getByRole('link', { name: '予約ページを開く' }).click();
    await page.waitForURL((u) => u.pathname === `/services/${serviceId}`, { timeout: 10_000 });
    const cookie = (await context.cookies(app.url)).find((c) => c.name === 'madoguchi_line');
    assert.ok(cookie, 'LIFF session cookie set');
    assert.ok(cookie.httpOnly);
    assert.equal(lineUserOf(app.ctx, { cookies: { madoguchi_line: cookie.value } } as never), userId);
    await page.goto(`${app.url}/line/my`);
    assert.match(await page.locator('h1').innerText(), /マイページ/);
    await context.close();
  });

  it('books from LINE through the booking pages and sees the confirmation arrive in the chat', async () => {
    const userId = newUserId();
    const { context, page } = await newPage(browser, PHONE);
    context.setDefaultTimeout(10_000);
    await page.goto(`${standinUrl}/simulator?user=${userId}`);
    await page.getByRole('button', { name: '友だち追加' }).click();
    await page.locator('.menu').getByRole('button', { name: '予約する' }).click();
    await page.locator('.quick').getByRole('button', { name: '市民課' }).click();
    await page.locator('.quick').getByRole('button', { name: '転入届' }).click();
    await page.getByRole('link', { name: '予約ページを開く' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/services/'));
    await page.getByRole('link', { name: '次の月 →' }).click();
    await page.locator('td.day--open a[href$="/days/2026-12-01"]').click();
    await page.getByRole('link', { name: /09:30〜10:00/ }).click();
    await page.fill('#in-name', '見本 花子');
    await page.fill('#in-phone', '090-5550-1234');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByRole('button', { name: 'この内容で予約する' }).click();
    await page.waitForURL(/\/my\/reservations\/[2-9A-Z]{8}\?done=1/);
    const shown = (await page.locator('.reservation-number strong').textContent())!.trim(); // "Q689-YYZA"
    const number = shown.replace('-', '');
    // the confirmation arrives in the chat as a push (the worker runs in the background)
    let arrived = false;
    for (let i = 0; i < 50 && !arrived; i++) {
      arrived = standin.sentTo(userId).some((r) => r.via === 'push' && JSON.stringify(r.messages).includes(number));
      if (!arrived) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(arrived, 'confirmation pushed to the LINE user');
    await page.goto(`${standinUrl}/simulator?user=${userId}`);
    // the chat writes the number as the web page does
    await page.locator('.card', { hasText: 'ご予約を受け付けました' }).filter({ hasText: shown }).waitFor();
    await context.close();
  });
});
