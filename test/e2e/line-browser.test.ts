/**
 * In Chromium, as a fake LINE user in the stand-in's chat simulator: befriend the bot, tap the rich
 * menu, pick a department and a service, open the booking page through LIFF (ID token verified by
 * the server), and land signed in as that LINE user.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { allJobs } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/platform/jobs.js';
import { startLineStandin, type LineStandin } from '../../src/line-standin/standin.js';
import { newUserId } from '../../src/line-standin/standin-state.js';
import { deployRichMenu, lineUserOf } from '../../src/modules/line/index.js';
import { hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

const SECRET = 'browser-line-channel-secret-0123456789';
const TOKEN = 'browser-line-access-token';

describe('LINE chat simulator in Chromium', { skip: !hasChromium && 'no Chromium' }, () => {
  let app: TestApp;
  let standin: LineStandin;
  let standinUrl: string;
  let closeStandin: () => Promise<void>;
  let worker: JobWorker;
  let browser: Browser;
  let serviceId: string;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN });
    standin = s.standin;
    standinUrl = s.url;
    closeStandin = s.close;
    app = await startTestApp({
      listen: true,
      env: { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_LIFF_ID: '1650000002-BrOwSeR', LINE_API_BASE_URL: s.url, LINE_API_DATA_BASE_URL: s.url },
    });
    standin.webhookUrl = `${app.url}/line/webhook`;
    standin.liffEndpointUrl = `${app.url}/line/liff`;
    const d = await app.ctx.db.query<{ id: string }>(`INSERT INTO departments (code, name) VALUES ('line-browser', '市民課') RETURNING id`);
    const sv = await app.ctx.db.query<{ id: string }>(
      `INSERT INTO rsv_services (department_id, name, duration_minutes, capacity) VALUES ($1, '転入届', 30, 2), ($1, '住民票の写し', 15, 2) RETURNING id`,
      [d.rows[0]!.id],
    );
    serviceId = sv.rows[1]!.id;
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
});
