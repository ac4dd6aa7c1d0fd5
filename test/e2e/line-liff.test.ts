/**
 * LIFF links opened the way LINE opens them, in Chromium at phone width: the stand-in sends the
 * browser to the LIFF endpoint with liff.state (primary redirect), its liff.init() forwards to the
 * endpoint URL + path (secondary redirect), and madoguchi must serve that page, sign the LINE user
 * in and show the booking page or My Page — not a 404. My Page is one card per booking at 390 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { CORE_FIELDS, insertService } from '../../src/modules/reservations/manage-services.js';
import { bookSlot, cancelReservation, displayNumber } from '../../src/modules/reservations/index.js';
import { formatWhen } from '../../src/platform/japan-time.js';
import { startLineStandin, type LineStandin } from '../../src/line-standin/standin.js';
import { newUserId } from '../../src/line-standin/standin-state.js';
import { deployRichMenu } from '../../src/modules/line/index.js';
import { hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

const SECRET = 'liff-links-line-channel-secret-0123456789';
const TOKEN = 'liff-links-line-access-token';
const LIFF_ID = '1650000003-LiFfLiNk';

describe('LIFF deep links opened as LINE opens them', { skip: !hasChromium && 'no Chromium' }, () => {
  const clock = new ManualClock('2026-11-30T09:00:00+09:00');
  let app: TestApp;
  let standin: LineStandin;
  let standinUrl: string;
  let closeStandin: () => Promise<void>;
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
        LINE_LIFF_ID: LIFF_ID,
        LINE_API_BASE_URL: s.url,
        LINE_API_DATA_BASE_URL: s.url,
      },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    standin.liffEndpointUrl = `${app.url}/line/liff`;
    const d = await app.ctx.db.query<{ id: string }>(`INSERT INTO departments (code, name) VALUES ('liff-links', '市民課') RETURNING id`);
    const settings = {
      kind: 'counter' as const,
      name: '住民票の写し',
      nameEn: 'Residence certificate',
      description: '',
      place: '本庁舎1階 市民課 3番窓口',
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
    serviceId = await app.ctx.db.transaction((tx) => insertService(tx, d.rows[0]!.id, settings, CORE_FIELDS, schedule));
    await deployRichMenu(app.ctx.config);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await closeStandin?.();
  });

  /** Every document the browser loaded, with its status, in order. */
  function recordNavigations(page: Page): { url: URL; status: number }[] {
    const seen: { url: URL; status: number }[] = [];
    page.on('response', (r) => {
      if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame())
        seen.push({ url: new URL(r.url()), status: r.status() });
    });
    return seen;
  }

  it('opens a service link from the chat: liff.state, then /line/liff/services/<id>, then the booking page', async () => {
    const userId = newUserId();
    standin.state.user(userId).following = true;
    const { context, page } = await newPage(browser, PHONE);
    context.setDefaultTimeout(15_000);
    const seen = recordNavigations(page);
    const link = `https://liff.line.me/${LIFF_ID}/services/${serviceId}`;
    await page.goto(`${standinUrl}/simulator/open?user=${userId}&url=${encodeURIComponent(link)}`);
    await page.waitForURL((u) => u.pathname === `/services/${serviceId}`);
    const onApp = seen.filter((n) => n.url.origin === app.url);
    assert.equal(onApp[0]?.url.pathname, '/line/liff', 'primary redirect to the endpoint URL');
    assert.equal(onApp[0]?.url.searchParams.get('liff.state'), `/services/${serviceId}`);
    assert.equal(onApp[1]?.url.pathname, `/line/liff/services/${serviceId}`, 'secondary redirect by liff.init()');
    assert.deepEqual(
      onApp.map((n) => n.status),
      [200, 200, 200],
      onApp.map((n) => `${n.status} ${n.url.pathname}`).join(', '),
    );
    assert.match(await page.locator('h1').innerText(), /住民票の写し/);
    assert.ok(
      (await context.cookies(app.url)).some((c) => c.name === 'madoguchi_line'),
      'signed in as the LINE user',
    );
    await context.close();
  });

  it('opens My Page from the rich menu and shows one card per booking at 390 px, without sideways scrolling', async () => {
    const userId = newUserId();
    const booked = await bookSlot(app.ctx, {
      serviceId,
      start: new Date('2026-12-01T09:30:00+09:00'),
      contact: { name: '見本 花子', phone: '090-5550-1234' },
      channel: 'line',
      lineUserId: userId,
    });
    const gone = await bookSlot(app.ctx, {
      serviceId,
      start: new Date('2026-12-02T10:00:00+09:00'),
      contact: { name: '見本 花子', phone: '090-5550-1234' },
      channel: 'line',
      lineUserId: userId,
    });
    await cancelReservation(app.ctx, { reservationId: gone.reservationId, actorType: 'line' });
    const { context, page } = await newPage(browser, PHONE);
    context.setDefaultTimeout(15_000);
    const seen = recordNavigations(page);
    standin.state.user(userId).following = true;
    await page.goto(`${standinUrl}/simulator?user=${userId}`);
    await page.locator('.menu').getByRole('button', { name: '予約の確認・変更' }).click();
    await page.waitForURL((u) => u.origin === app.url && u.pathname === '/line/my');
    const onApp = seen.filter((n) => n.url.origin === app.url);
    assert.deepEqual(
      onApp.map((n) => `${n.status} ${n.url.pathname}`),
      ['200 /line/liff', '200 /line/liff/line/my', '200 /line/my'],
    );
    assert.equal(onApp[0]!.url.searchParams.get('liff.state'), '/line/my');

    const cards = page.locator('ul.booking-list > li.card');
    assert.equal(await cards.count(), 2);
    const first = cards.nth(0);
    assert.match(await first.locator('h2').innerText(), /住民票の写し/);
    const text = await first.innerText();
    // the time as the web writes it (formatWhen): 「2026年12月1日（火） 09:30〜10:00」
    const when = formatWhen(new Date('2026-12-01T09:30:00+09:00'), new Date('2026-12-01T10:00:00+09:00'), 'ja');
    assert.match(when, /^2026年12月1日（火）\s?09:30〜10:00$/);
    assert.ok(text.includes(when), text);
    assert.ok(text.includes(displayNumber(booked.reservationNumber)), text);
    assert.ok(text.includes('本庁舎1階 市民課 3番窓口'), text);
    assert.ok(text.includes('予約済'), text);
    assert.equal(await first.getByRole('link', { name: '確認・変更・取消' }).count(), 1);
    assert.equal(await cards.nth(1).getByRole('link').count(), 0, 'a cancelled booking has no button');
    assert.equal(await page.locator('table').count(), 0, 'no table');
    // nothing wider than the phone: no sideways scrolling, every card and button inside the viewport
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    for (const box of [await first.boundingBox(), await first.getByRole('link', { name: '確認・変更・取消' }).boundingBox()]) {
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    }
    const buttonBox = await first.getByRole('link', { name: '確認・変更・取消' }).boundingBox();
    assert.ok(buttonBox!.height < 70, `the button is one or two lines, not ${buttonBox!.height}px tall`);
    await context.close();
  });
});
