/**
 * The stand-in's hosted payment page in Chromium at phone size (390 px): it fits the screen, axe finds
 * no serious violation, a declined test card shows why, and 4242… lands on success_url with the
 * session id filled in — without JavaScript on the page.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import Stripe from 'stripe';
import { axeViolations, hasChromium, launchBrowser, newPage, PHONE } from '../../test/e2e/browser.js';
import { startPaymentStandin } from './standin.js';

const KEY = 'sk_test_browser_0123456789';

describe('payment stand-in hosted page in Chromium (phone)', { skip: !hasChromium && 'no Chromium' }, () => {
  let browser: Browser;
  let stripe: Stripe;
  let closeStandin: () => Promise<void>;
  let site: http.Server;
  let siteUrl: string;

  before(async () => {
    site = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>back</title>'),
    );
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const s = await startPaymentStandin({ secretKey: KEY, webhookSecret: 'whsec_browser', sweepIntervalMs: 0 });
    closeStandin = s.close;
    const u = new URL(s.url);
    stripe = new Stripe(KEY, { host: u.hostname, port: u.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await closeStandin?.();
    await new Promise<void>((r) => site.close(() => r()));
  });

  it('fits 390 px, passes axe, shows a declined card, and pays with 4242 4242 4242 4242', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      client_reference_id: 'R-BROWSER-1',
      line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: 300, product_data: { name: 'fee' } } }],
      allowed_payment_method_types: ['card', 'paypay'],
      success_url: `${siteUrl}/return?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `${siteUrl}/cancel`,
      locale: 'ja',
    });
    const { context, page } = await newPage(browser, PHONE);
    await context.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
    try {
      await page.goto(session.url as string);
      assert.deepEqual(await axeViolations(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
      await page.getByLabel('カード番号').fill('4000 0000 0000 0002');
      await page.getByLabel('有効期限（月/年）').fill('12 / 34');
      await page.getByLabel('セキュリティコード').fill('123');
      await page.getByRole('button', { name: /を支払う$/ }).click();
      await page.getByRole('alert').waitFor();
      assert.match(await page.getByRole('alert').innerText(), /カードが拒否されました/);
      assert.deepEqual(await axeViolations(page), []);
      await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
      await page.getByLabel('セキュリティコード').fill('123');
      await page.getByRole('button', { name: /を支払う$/ }).click();
      await page.waitForURL(`${siteUrl}/return?session=${session.id}`);
      assert.equal((await stripe.checkout.sessions.retrieve(session.id)).payment_status, 'paid');
    } finally {
      await context.close();
    }
  });
});
