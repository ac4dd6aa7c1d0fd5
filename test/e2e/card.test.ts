/**
 * The card issuance journey in Chromium (demo, zone 'both'): staff print letters and export the
 * signed bundle, the booking site imports it, a citizen books for two household members on a phone,
 * the booking file comes back and the cards show as booked.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers.js';
import { decryptPersonal } from '../../src/modules/card-issuance/internal/card-personal.js';
import { axeViolations, DESKTOP, launchBrowser, newPage, PHONE, staffLogIn } from './browser.js';

async function shiminLogIn(page: Page, base: string) {
  await staffLogIn(page, base, 'demo-shimin');
  await page.waitForURL(/\/staff/);
}

describe('card issuance in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ demo: true, listen: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const birthday = async (id: string) => {
    const r = await app.ctx.db.query<{ personal_enc: string }>('SELECT personal_enc FROM card_int_cards WHERE control_no = $1', [id]);
    const b = decryptPersonal(app.ctx.crypto, r.rows[0]!.personal_enc).birthDate;
    return b.slice(5, 7) + b.slice(8, 10);
  };

  it('letters → bundle → household booking → booking file → cards booked', async () => {
    const { context: staffCtx, page: staff } = await newPage(browser, DESKTOP);
    await shiminLogIn(staff, app.url);
    await staff.goto(`${app.url}/staff/card`);
    assert.match(await staff.locator('h1').innerText(), /カード交付管理/);
    assert.deepEqual(await axeViolations(staff), []);
    await staff.getByRole('button', { name: '印刷して発送済みにする…' }).click();
    const [letters] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: /件を印刷して発送済みにする$/ }).click(),
    ]);
    await staff.goto(`${app.url}/staff/card`);
    const pdf = fs.readFileSync((await letters.path()) as string);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // the word the letter prints before its id (checked against the site's log-in label below)
    let letterIdLabel = 'ログインID';
    try {
      const text = execFileSync('pdftotext', ['-layout', (await letters.path()) as string, '-']).toString('utf8');
      letterIdLabel = /(\S+)\s+DMO-\d{6}/.exec(text)![1]!;
      assert.doesNotMatch(text, /予約番号/, 'the letter calls its id ログインID, never 予約番号');
      assert.match(text, /お問い合わせ：市民課 マイナンバーカード窓口\s+電話 0000-00-0000/);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // no poppler: letters.test.ts says so
    }
    const [bundle] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: '予約サイト用ファイルを出力（署名付き）' }).click(),
    ]);
    const bundlePath = (await bundle.path()) as string;
    await staff.goto(`${app.url}/staff/card-site`);
    await staff.getByLabel('庁内からのファイル（署名付き）').setInputFiles(bundlePath);
    await staff.getByRole('button', { name: '取り込む' }).click();
    assert.match(await staff.locator('.notice').innerText(), /取り込みました/);

    const { context: citizenCtx, page: citizen } = await newPage(browser, PHONE);
    await citizen.goto(`${app.url}/card?id=DMO-000003`);
    // the language switch keeps ?id= (the letter's QR code link)
    assert.match((await citizen.getByRole('link', { name: 'English' }).getAttribute('href')) ?? '', /^\/card\?(.*&)?id=DMO-000003/);
    // the birthday password gets a numeric keypad; a wrong one keeps the id typed in
    const password = citizen.getByLabel(/^パスワード/);
    assert.equal(await password.getAttribute('inputmode'), 'numeric');
    const right = await birthday('DMO000003');
    await password.fill(right === '0101' ? '0102' : '0101');
    await citizen.getByRole('button', { name: 'ログイン' }).click();
    await citizen.getByRole('alert').waitFor();
    assert.match(await citizen.getByRole('alert').innerText(), /ログインIDまたはパスワードが正しくありません/);
    // the log-in label is the letter's word for the id, and 予約番号 appears nowhere before booking
    assert.equal((await citizen.locator('label[for="rid"]').evaluate((l) => l.firstChild?.textContent ?? '')).trim(), letterIdLabel);
    assert.equal(letterIdLabel, 'ログインID');
    assert.doesNotMatch(await citizen.locator('main').innerText(), /予約番号/);
    assert.equal(await citizen.getByLabel(/^ログインID/).inputValue(), 'DMO-000003');
    await citizen.getByLabel(/^パスワード/).fill(right);
    await citizen.getByRole('button', { name: 'ログイン' }).click();
    await citizen.waitForURL(/\/card\/booking/);
    assert.deepEqual(await axeViolations(citizen), []);
    // place → month calendar → day → time, as on the counter reservation site
    await citizen.getByRole('link', { name: '市役所本庁舎 市民課' }).click();
    await citizen.locator('table.calendar').waitFor();
    assert.deepEqual(await axeViolations(citizen), []);
    await citizen.locator('table.calendar td.day--open a').first().click();
    await citizen.locator('input[name="start"]').first().waitFor();
    assert.deepEqual(await axeViolations(citizen), []);
    await citizen.locator('input[name="start"]').first().check();
    await citizen.getByText('ご家族も一緒に受け取る（任意）').click();
    await citizen.getByLabel('ご家族1 ログインID').fill('ｄｍｏ０００００４');
    await citizen.getByLabel('ご家族1 パスワード').fill(await birthday('DMO000004'));
    await citizen.getByLabel('ご家族の同意を得ています').check();
    await citizen.getByRole('button', { name: '予約する' }).click();
    await citizen.waitForURL(/\/card\/booking\?done=booked/);
    assert.match(await citizen.locator('main').innerText(), /予約内容[\s\S]*予約を受け付けました[\s\S]*DMO-000003, DMO-000004/);
    // 予約番号 is the booking's own number (C-…), the letters' ids are ログインID; whom to call, from the bundle
    assert.match(await citizen.locator('dl.card').innerText(), /予約番号\s+C-[0-9A-Z]+[\s\S]*ログインID: DMO-000003, DMO-000004/);
    assert.match(
      await citizen.locator('.office-contact').innerText(),
      /市民課 マイナンバーカード窓口　電話 0000-00-0000　受付時間 平日 8:30〜17:15/,
    );
    const contactBox = await citizen.locator('.office-contact').boundingBox();
    assert.ok(
      contactBox && contactBox.x >= 0 && contactBox.x + contactBox.width <= 390,
      `contact fits the phone: ${JSON.stringify(contactBox)}`,
    );
    // the one way times are written (formatWhen), as on the counter reservation site and in the mails
    assert.match(await citizen.locator('dl.card').innerText(), /\d{4}年\d{1,2}月\d{1,2}日（[日月火水木金土]） \d{2}:\d{2}〜\d{2}:\d{2}/);

    await staff.goto(`${app.url}/staff/card-site`);
    const [bookings] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: '予約一覧ファイルを出力（署名付き）' }).click(),
    ]);
    await staff.goto(`${app.url}/staff/card`);
    await staff.getByLabel('予約一覧ファイル（予約サイトから）').setInputFiles((await bookings.path()) as string);
    await staff.getByRole('button', { name: '予約を取り込み照合' }).click();
    assert.match(await staff.locator('.notice').innerText(), /予約済2件/);
    await staff.getByLabel('番号（製造管理番号＝ログインID・申請書ID・発送番号）').fill('DMO-000004');
    await staff.getByRole('button', { name: '検索' }).click();
    assert.match(await staff.locator('table').innerText(), /予約済/);

    // Cancelling: kept apart from log-out, and confirmed on its own page that names everyone it cancels.
    await citizen.goto(`${app.url}/card/booking`);
    const toCancel = await citizen.getByRole('link', { name: '予約の取消に進む' }).boundingBox();
    const logOut = await citizen.getByRole('button', { name: 'ログアウト' }).boundingBox();
    assert.ok(
      toCancel && logOut && logOut.y - (toCancel.y + toCancel.height) >= 40,
      `log-out ${JSON.stringify(logOut)} too close to cancel ${JSON.stringify(toCancel)}`,
    );
    await citizen.getByRole('link', { name: '予約の取消に進む' }).click();
    await citizen.waitForURL(/\/card\/booking\/cancel$/);
    assert.match(await citizen.locator('main').innerText(), /2人全員（DMO-000003、DMO-000004）/);
    assert.deepEqual(await axeViolations(citizen), []);
    await citizen.getByRole('link', { name: '取り消さずに戻る' }).click();
    await citizen.waitForURL(/\/card\/booking$/);
    assert.match(await citizen.locator('main').innerText(), /予約内容/, 'still booked');
    await citizen.getByRole('link', { name: '予約の取消に進む' }).click();
    await citizen.getByRole('button', { name: '取り消す' }).click();
    await citizen.waitForURL(/done=cancelled/);
    assert.match(await citizen.getByRole('status').innerText(), /予約を取り消しました/);
    await citizenCtx.close();
    await staffCtx.close();
  });
});
