/**
 * The component gallery: every component of src/web/components in every state (error, hint, sorted,
 * paged, confirm) on one page, checked by axe-core in Chromium with no violation of any impact, on a
 * phone (390 px, no sideways scrolling of the page) and on a desktop (1280 px), in both shells and languages.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import type { Lang } from '../../src/http/i18n.js';
import { findAsset, parseAssetPath } from '../../src/web/asset-urls.js';
import { html, type SafeHtml } from '../../src/web/html.js';
import {
  button,
  calendar,
  checkboxes,
  citizenShell,
  csrfInput,
  dataTable,
  dateField,
  errorSummary,
  linkButton,
  notice,
  postButtonForm,
  radios,
  selectField,
  staffShell,
  summaryList,
  textArea,
  textField,
  userMenu,
  type FieldMessage,
} from '../../src/web/components/index.js';
import { DESKTOP, focusedId, hasChromium, launchBrowser, newPage, PHONE } from './browser.js';

const EVIL = `<script>alert(1)</script>"'&`;
const tx = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);

function gallery(lang: Lang): SafeHtml {
  const errors: FieldMessage[] = [
    { field: 'name', message: tx(lang, '氏名を入力してください。', 'Enter your name.') },
    { field: 'kind', message: tx(lang, '種類を選んでください。', 'Choose a kind.') },
    { field: 'birth', message: tx(lang, '生年月日が正しくありません。', 'The date of birth is not valid.') },
  ];
  const states = ['open', 'few', 'full', 'closed'] as const;
  const days = Array.from({ length: 31 }, (_, i) => ({
    date: `2026-12-${String(i + 1).padStart(2, '0')}`,
    state: states[i % 4] as (typeof states)[number],
  }));
  const rows = Array.from({ length: 5 }, (_, i) => ({
    no: `R-${1000 + i}`,
    name: i === 0 ? EVIL : tx(lang, `市民 ${i}`, `Citizen ${i}`),
    when: '2026-12-01 10:00',
    status: tx(lang, '予約済み', 'Booked'),
    count: i * 3,
    action: html`<a href="/r/${i}">${tx(lang, '詳細', 'Details')}</a>`,
  }));
  return html`<h1 class="page-title">${tx(lang, '部品の一覧', 'Component gallery')}</h1>
${errorSummary({ title: tx(lang, '入力内容を確認してください', 'Please check what you entered'), errors, labels: { name: tx(lang, '氏名', 'Name') } })}
${notice({ kind: 'info', title: tx(lang, 'お知らせ', 'Information'), body: EVIL })}
${notice({ kind: 'success', body: tx(lang, '保存しました。', 'Saved.') })}
${notice({ kind: 'warning', body: tx(lang, '残りわずかです。', 'Few left.') })}
${notice({ kind: 'error', role: 'none', title: tx(lang, '送信できませんでした', 'Could not send'), body: html`<p>${EVIL}</p>` })}
<h2>${tx(lang, '入力欄', 'Form fields')}</h2>
<form method="post" action="/gallery" novalidate>
${csrfInput('token')}
${textField({ name: 'name', label: tx(lang, '氏名', 'Name'), required: true, autocomplete: 'name', value: EVIL, errors, lang })}
${textField({ name: 'phone', type: 'tel', label: tx(lang, '電話番号', 'Phone'), hint: tx(lang, '例: 090-1234-5678', 'e.g. 090-1234-5678'), inputmode: 'tel', autocomplete: 'tel', lang })}
${textField({ name: 'email', type: 'email', label: tx(lang, 'メールアドレス', 'E-mail'), hint: EVIL, error: tx(lang, '形式が正しくありません。', 'Not a valid address.'), autocomplete: 'email', value: `a'b"@example.jp`, lang })}
${textArea({ name: 'memo', label: tx(lang, 'ご相談内容', 'What it is about'), hint: tx(lang, '500文字まで', 'Up to 500 characters'), value: EVIL, maxLength: 500, lang })}
${selectField({
  name: 'dept',
  label: tx(lang, '担当課', 'Department'),
  emptyLabel: tx(lang, '選択してください', 'Choose'),
  options: [
    { value: 'a', label: tx(lang, '市民課', 'Citizens') },
    { value: EVIL, label: EVIL },
  ],
  value: EVIL,
  required: true,
  error: tx(lang, '担当課を選んでください。', 'Choose a department.'),
  lang,
})}
${radios({
  name: 'kind',
  label: tx(lang, '種類', 'Kind'),
  hint: tx(lang, 'どれか一つ', 'Pick one'),
  required: true,
  errors,
  lang,
  choices: [
    { value: 'a', label: tx(lang, '転入', 'Moving in') },
    { value: 'b', label: tx(lang, '転出', 'Moving out'), hint: tx(lang, '市外へ', 'Leaving the city') },
  ],
})}
${radios({
  name: 'yn',
  label: tx(lang, '来庁しますか', 'Will you come?'),
  inline: true,
  value: 'yes',
  lang,
  choices: [
    { value: 'yes', label: tx(lang, 'はい', 'Yes') },
    { value: 'no', label: tx(lang, 'いいえ', 'No') },
  ],
})}
${checkboxes({
  name: 'days',
  label: tx(lang, '希望曜日', 'Preferred days'),
  values: ['mon'],
  error: tx(lang, '一つ以上選んでください。', 'Choose at least one.'),
  lang,
  choices: [
    { value: 'mon', label: tx(lang, '月曜', 'Monday') },
    { value: 'tue', label: tx(lang, '火曜', 'Tuesday') },
    { value: EVIL, label: EVIL },
  ],
})}
${dateField({ name: 'birth', label: tx(lang, '生年月日', 'Date of birth'), hint: tx(lang, '西暦で入力', 'As a Western date'), value: '1989-01-08', errors, required: true, lang })}
${dateField({ name: 'visit', label: tx(lang, '来庁日', 'Visit day'), value: '2026-12-01', min: '2026-12-01', lang })}
${dateField({ name: 'other', label: tx(lang, '別の日', 'Another day'), value: EVIL, lang })}
<p>${button({ label: tx(lang, '確認へ進む', 'Continue') })} ${button({ label: tx(lang, '下書き保存', 'Save draft'), kind: 'secondary', name: 'draft', value: '1' })} ${button({ label: tx(lang, '削除', 'Delete'), kind: 'danger', type: 'button' })}</p>
</form>
<p>${linkButton({ href: '/back', label: tx(lang, '戻る', 'Back'), kind: 'secondary' })} ${linkButton({ href: '/next', label: tx(lang, '次へ', 'Next') })}</p>
<p>${postButtonForm({ action: '/cancel', csrf: 'token', label: tx(lang, '予約を取り消す', 'Cancel the booking'), kind: 'danger', confirm: tx(lang, 'この予約を取り消しますか？', 'Cancel this booking?'), confirmLabel: tx(lang, '取り消す', 'Yes, cancel'), hidden: { id: EVIL } })}</p>
<p>${postButtonForm({ action: '/resend', csrf: 'token', label: tx(lang, 'メールを再送', 'Send the e-mail again'), kind: 'secondary', small: true })}</p>
<h2>${tx(lang, '確認', 'Check your answers')}</h2>
${summaryList({
  emptyText: tx(lang, '（なし）', '(none)'),
  items: [
    { term: tx(lang, '氏名', 'Name'), value: EVIL, change: { href: '#field-name', label: tx(lang, '変更', 'Change') } },
    { term: tx(lang, '電話番号', 'Phone'), value: '090-1234-5678' },
    { term: tx(lang, 'メモ', 'Memo'), value: '' },
  ],
})}
<h2>${tx(lang, '一覧', 'Lists')}</h2>
${dataTable({
  caption: tx(lang, '予約一覧', 'Bookings'),
  lang,
  rowHeader: 'no',
  columns: [
    { key: 'no', label: tx(lang, '予約番号', 'Number'), sortable: true },
    { key: 'name', label: tx(lang, '氏名', 'Name'), sortable: true },
    { key: 'when', label: tx(lang, '日時', 'When'), sortable: true },
    { key: 'status', label: tx(lang, '状態', 'Status') },
    { key: 'count', label: tx(lang, '人数', 'People'), numeric: true, sortable: true },
    { key: 'action', label: tx(lang, '操作', 'Actions') },
  ],
  rows,
  sort: { key: 'when', dir: 'desc' },
  hrefForSort: (k, d) => `/list?sort=${k}&dir=${d}`,
  paging: { page: 2, hasNext: true, hrefFor: (p) => `/list?page=${p}` },
})}
${dataTable({ caption: tx(lang, '最初のページ', 'First page'), lang, columns: [{ key: 'a', label: 'A', sortable: true }], rows: [{ a: '1' }], sort: { key: 'a', dir: 'asc' }, hrefForSort: () => '/a', paging: { page: 1, hasNext: true, hrefFor: (p) => `/p/${p}` } })}
${dataTable({ caption: tx(lang, '空の一覧', 'Empty list'), lang, columns: [{ key: 'a', label: 'A' }], rows: [] })}
<h2>${tx(lang, '日にちを選んでください', 'Choose a day')}</h2>
${calendar({ month: '2026-12', lang, days, hrefFor: (d) => `/days/${d}`, prevHref: '/?month=2026-11', nextHref: '/?month=2027-01' })}`;
}

function page(lang: Lang, shell: 'citizen' | 'staff'): string {
  const main = gallery(lang);
  if (shell === 'staff')
    return staffShell({
      lang,
      title: tx(lang, '部品', 'Components'),
      main,
      siteName: tx(lang, 'まどぐち 職員', 'madoguchi staff'),
      path: '/staff/gallery',
      hasErrors: true,
      nav: {
        label: tx(lang, '職員メニュー', 'Staff menu'),
        items: [
          { href: '/staff', label: tx(lang, 'ホーム', 'Home'), isCurrent: true },
          { href: '/staff/reservations', label: tx(lang, '予約', 'Reservations') },
        ],
      },
      context: html`<span class="muted">${EVIL}</span>`,
      userMenu: userMenu({
        name: EVIL,
        items: [
          html`<a href="/staff/settings/password">${tx(lang, 'パスワード変更', 'Change password')}</a>`,
          postButtonForm({ action: '/staff/logout', csrf: 't', label: tx(lang, 'ログアウト', 'Log out'), kind: 'secondary', small: true }),
        ],
      }),
    }).toString();
  return citizenShell({
    lang,
    title: tx(lang, '部品', 'Components'),
    main,
    siteName: tx(lang, 'まどぐち 窓口予約', 'madoguchi bookings'),
    path: '/gallery',
    hasErrors: true,
    nav: {
      label: tx(lang, 'メニュー', 'Menu'),
      items: [
        { href: '/', label: tx(lang, '予約する', 'Book') },
        { href: '/my', label: tx(lang, 'マイページ', 'My Page'), isCurrent: true },
      ],
    },
  }).toString();
}

describe('component gallery: accessibility', { skip: !hasChromium && 'no Chromium' }, () => {
  let browser: Browser;
  let server: http.Server;
  let base = '';

  before(async () => {
    // Serves the gallery pages and the real stylesheets (tokens.css, app.css) they link.
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://gallery.invalid');
      const m = /^\/gallery\/(ja|en)\/(citizen|staff)$/.exec(url.pathname);
      if (m) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(m[1] as Lang, m[2] as 'citizen' | 'staff'));
      const asset = url.pathname.startsWith('/assets/') ? parseAssetPath(url.pathname.slice(8)) : undefined;
      const found = asset ? findAsset(asset.name) : undefined;
      if (found) return res.writeHead(200, { 'content-type': found.type }).end(found.body);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  // Each shell in each language once, and each width with each shell: four axe runs (~20 s each on two cores).
  const runs = [
    ['390 px', PHONE, 'ja', 'citizen'],
    ['390 px', PHONE, 'en', 'staff'],
    ['1280 px', DESKTOP, 'en', 'citizen'],
    ['1280 px', DESKTOP, 'ja', 'staff'],
  ] as const;
  for (const [name, device, lang, shell] of runs)
    it(`${shell} gallery in ${lang} at ${name}: no axe violation${device === PHONE ? ', no sideways scrolling' : ''}`, async () => {
      const { context, page } = await newPage(browser, device);
      try {
        const res = await page.goto(`${base}/gallery/${lang}/${shell}`);
        assert.equal(res?.status(), 200);
        // The stylesheet really applied (contrast and target sizes are checked on the styled page).
        assert.equal(
          await page
            .locator('.notice--error')
            .first()
            .evaluate((e) => getComputedStyle(e).borderLeftStyle),
          'solid',
        );
        // The typed input is shown as text, never run.
        assert.ok((await page.locator('#field-name').inputValue()).includes('<script>'));
        // Open the confirmation so its question and button are checked too.
        await page.locator('.confirm-action > summary').click();
        const result = await new AxeBuilder({ page }).analyze();
        const violations = result.violations.map(
          (v) =>
            `${v.impact}: ${v.id} — ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
        );
        assert.deepEqual(violations, [], `axe on the ${shell} gallery (${lang}, ${name})`);
        if (device === PHONE) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.equal(overflow, 0, 'the page scrolls sideways at 390 px');
        }
      } finally {
        await context.close();
      }
    });

  it('the error summary takes focus on arrival and its links reach the fields', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await page.goto(`${base}/gallery/ja/citizen`);
      assert.equal(await focusedId(page, 'error-summary'), 'error-summary');
      await page.locator('#error-summary a[href="#field-kind"]').click();
      assert.equal(await page.evaluate(() => location.hash), '#field-kind');
      assert.equal(await page.locator('#field-kind').getAttribute('type'), 'radio');
      assert.equal(await page.getByRole('textbox', { name: '氏名' }).getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByRole('link', { name: '2026年12月1日（火） 空きあり' }).getAttribute('href'), '/days/2026-12-01');
    } finally {
      await context.close();
    }
  });
});
