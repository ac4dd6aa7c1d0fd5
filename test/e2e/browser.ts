/**
 * Browser test support: Debian's Chromium driven by playwright-core (nothing is downloaded), and an
 * axe-core check that fails on serious or critical accessibility violations.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ja-JP' };
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP' };

export async function newPage(
  browser: Browser,
  device: typeof PHONE | typeof DESKTOP = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  return { context, page };
}

/** Returns serious/critical axe violations as readable lines (empty when the page passes). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact}: ${v.id} — ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

/** Logs in through the staff log-in form, as a person would. */
export async function staffLogIn(page: Page, base: string, loginId: string, password = 'demo-password-2026'): Promise<void> {
  await page.goto(`${base}/staff/login`);
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/**
 * The id of the focused element once focus has settled on `expected`, or whatever holds focus after `timeoutMs`.
 * Chromium applies `autofocus` at the next rendering step, after the load event, so reading
 * document.activeElement straight after a navigation can see <body> on a busy machine.
 */
export async function focusedId(page: Page, expected: string, timeoutMs = 5_000): Promise<string | undefined> {
  await page.waitForFunction((id) => document.activeElement?.id === id, expected, { timeout: timeoutMs }).catch(() => undefined);
  return page.evaluate(() => document.activeElement?.id);
}
