/**
 * Every component escapes what people typed (script tags, both quotes, ampersands) wherever it lands —
 * text, attribute values, URLs — and wires labels, hints and errors for assistive technology.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { html } from '../html.js';
import {
  button,
  calendar,
  cardSiteShell,
  checkboxes,
  citizenShell,
  csrfInput,
  dataTable,
  dateField,
  errorSummary,
  linkButton,
  lineShell,
  navList,
  notice,
  postButtonForm,
  radios,
  selectField,
  staffShell,
  summaryList,
  textArea,
  textField,
  userMenu,
} from './index.js';

const EVIL = `<script>alert(1)</script>"'&`;
const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';

/** The markup shows the input only escaped: no live tag, no quote that could close an attribute. */
function assertEscaped(out: string, where: string) {
  assert.ok(!out.includes('<script>alert(1)'), `${where}: a raw <script> got through`);
  assert.ok(!out.includes(`"'&`), `${where}: raw quotes got through`);
  assert.ok(out.includes(EVIL_ESCAPED), `${where}: the escaped input is not shown`);
}

/** The value of attribute `name` on the element carrying id="id". */
function attrOf(out: string, id: string, name: string): string | undefined {
  const tag = new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(out)?.[0];
  assert.ok(tag, `no element with id ${id}`);
  const m = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s>])`).exec(tag);
  return m ? (m[1] ?? '') : undefined;
}

describe('components escape user input', () => {
  const lang = 'ja' as const;
  const cases: [string, () => { toString(): string }][] = [
    ['textField', () => textField({ name: 'q', label: EVIL, hint: EVIL, value: EVIL, error: EVIL, lang })],
    ['textArea', () => textArea({ name: 'q', label: EVIL, hint: EVIL, value: EVIL, error: EVIL, lang })],
    [
      'selectField',
      () => selectField({ name: 'q', label: EVIL, value: EVIL, options: [{ value: EVIL, label: EVIL }], emptyLabel: EVIL, lang }),
    ],
    [
      'radios',
      () =>
        radios({ name: 'q', label: EVIL, hint: EVIL, value: EVIL, choices: [{ value: EVIL, label: EVIL, hint: EVIL }], error: EVIL, lang }),
    ],
    ['checkboxes', () => checkboxes({ name: 'q', label: EVIL, values: [EVIL], choices: [{ value: EVIL, label: EVIL }], lang })],
    ['dateField', () => dateField({ name: 'd', label: EVIL, value: EVIL, error: EVIL, lang })],
    ['errorSummary', () => errorSummary({ title: EVIL, errors: [{ field: EVIL, message: EVIL }], labels: { [EVIL]: EVIL } })],
    ['notice', () => notice({ kind: 'error', title: EVIL, body: EVIL })],
    ['button', () => button({ label: EVIL, name: 'n', value: EVIL })],
    ['linkButton', () => linkButton({ label: EVIL, href: `/x?q=${EVIL}` })],
    ['csrfInput', () => html`${csrfInput(EVIL)}${EVIL}`],
    ['postButtonForm', () => postButtonForm({ action: `/x?${EVIL}`, csrf: EVIL, label: EVIL, hidden: { back: EVIL }, confirm: EVIL })],
    ['summaryList', () => summaryList({ items: [{ term: EVIL, value: EVIL, change: { href: `/e?${EVIL}`, label: EVIL } }] })],
    ['navList', () => navList({ label: EVIL, items: [{ href: `/${EVIL}`, label: EVIL, isCurrent: true }] })],
    ['userMenu', () => userMenu({ name: EVIL, items: [html`${EVIL}`] })],
    [
      'dataTable',
      () =>
        dataTable({
          caption: EVIL,
          lang,
          columns: [{ key: 'name', label: EVIL, sortable: true }],
          rows: [{ name: EVIL }],
          sort: { key: 'name', dir: 'asc' },
          hrefForSort: () => `/t?s=${EVIL}`,
          paging: { page: 2, hasNext: true, hrefFor: () => `/t?p=${EVIL}` },
        }),
    ],
    [
      'calendar',
      () =>
        calendar({
          month: '2026-12',
          lang,
          days: [{ date: '2026-12-01', state: 'open', label: EVIL }],
          hrefFor: () => `/d?${EVIL}`,
          prevHref: `/m?${EVIL}`,
        }),
    ],
    [
      'citizenShell',
      () =>
        citizenShell({
          lang,
          title: EVIL,
          main: html`${EVIL}`,
          siteName: EVIL,
          path: `/x?q=${EVIL}`,
          nav: { label: EVIL, items: [{ href: '/', label: EVIL }] },
        }),
    ],
    [
      'staffShell',
      () =>
        staffShell({ lang, title: EVIL, main: html`${EVIL}`, siteName: EVIL, nav: { label: EVIL, items: [{ href: '/', label: EVIL }] } }),
    ],
    ['cardSiteShell', () => cardSiteShell({ lang, title: EVIL, main: html`${EVIL}`, siteName: EVIL })],
    ['lineShell', () => lineShell({ lang, title: EVIL, main: html`${EVIL}`, scriptUrls: [`/line/liff.js?${EVIL}`] })],
  ];
  for (const [name, render] of cases)
    it(`${name} shows <script>, quotes and & only escaped`, () => assertEscaped(render().toString(), name));

  it('keeps a typed value in the field when the form is refused', () => {
    const out = textField({
      name: 'phone',
      label: '電話番号',
      value: `090"1234`,
      error: '電話番号の形式が正しくありません。',
      lang,
    }).toString();
    assert.equal(attrOf(out, 'field-phone', 'value'), '090&quot;1234');
    assert.match(
      textArea({ name: 'n', label: 'l', value: '</textarea><b>', lang }).toString(),
      /<textarea[^>]*>&lt;\/textarea&gt;&lt;b&gt;<\/textarea>/,
    );
  });
});

describe('components wire labels, hints and errors', () => {
  const lang = 'ja' as const;

  it('a field in error is aria-invalid and described by its hint and error', () => {
    const out = textField({
      name: 'email',
      label: 'メール',
      hint: '例: a@example.jp',
      required: true,
      lang,
      errors: [
        { field: 'email', message: '形式が違います' },
        { field: 'name', message: 'x' },
      ],
    }).toString();
    assert.match(out, /<label for="field-email">メール<span class="required">必須<\/span><\/label>/);
    assert.equal(attrOf(out, 'field-email', 'aria-invalid'), 'true');
    assert.equal(attrOf(out, 'field-email', 'aria-describedby'), 'field-email-hint field-email-error');
    assert.equal(attrOf(out, 'field-email', 'required'), '');
    assert.match(out, /id="field-email-error"><span class="visually-hidden">エラー: <\/span>形式が違います<\/p>/);
    assert.ok(!out.includes('>x<'), 'another field’s error is not shown here');
  });

  it('a field without error has no aria-invalid and marks itself optional', () => {
    const out = textField({ name: 'memo', label: 'メモ', lang }).toString();
    assert.equal(attrOf(out, 'field-memo', 'aria-invalid'), undefined);
    assert.equal(attrOf(out, 'field-memo', 'aria-describedby'), undefined);
    assert.match(out, /<span class="optional">任意<\/span>/);
    assert.ok(!textField({ name: 'memo', label: 'メモ', lang, markOptional: false }).toString().includes('任意'));
  });

  it('textArea, selectField and dateField carry the same wiring', () => {
    const ta = textArea({ name: 'body', label: '本文', error: '長すぎます', lang }).toString();
    assert.equal(attrOf(ta, 'field-body', 'aria-invalid'), 'true');
    assert.equal(attrOf(ta, 'field-body', 'aria-describedby'), 'field-body-error');
    const sel = selectField({
      name: 'dept',
      label: '所属',
      value: 'b',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
      error: '選んでください',
      lang,
    }).toString();
    assert.equal(attrOf(sel, 'field-dept', 'aria-invalid'), 'true');
    assert.match(sel, /<option value="b" selected>B<\/option>/);
    assert.match(sel, /<option value="a">A<\/option>/);
    const date = dateField({ name: 'birth', label: '生年月日', value: '2019-05-01', hint: 'h', error: 'e', lang }).toString();
    assert.equal(attrOf(date, 'field-birth', 'type'), 'date');
    assert.equal(attrOf(date, 'field-birth', 'aria-describedby'), 'field-birth-hint field-birth-error field-birth-wareki');
    assert.match(date, /<span class="wareki" id="field-birth-wareki">令和元年5月1日<\/span>/);
    const typo = dateField({ name: 'birth', label: '生年月日', value: '2019-02-30', lang }).toString();
    assert.equal(attrOf(typo, 'field-birth', 'value'), '2019-02-30');
    assert.ok(!typo.includes('wareki'), 'no 和暦 for a date that does not exist');
  });

  it('radios sit in a fieldset with a legend; the first radio takes the id the error summary links to', () => {
    const out = radios({
      name: 'kind',
      label: '種類',
      hint: 'どれか一つ',
      value: 'b',
      required: true,
      error: '選んでください',
      lang,
      choices: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    }).toString();
    assert.match(
      out,
      /<fieldset class="form-field" aria-describedby="field-kind-hint field-kind-error">\s*<legend>種類<span class="required">必須<\/span><\/legend>/,
    );
    assert.equal(attrOf(out, 'field-kind', 'type'), 'radio');
    assert.equal(attrOf(out, 'field-kind', 'checked'), undefined);
    assert.equal(attrOf(out, 'field-kind-2', 'checked'), '');
    assert.equal(attrOf(out, 'field-kind-2', 'aria-invalid'), 'true');
    assert.match(out, /<label for="field-kind-2">B<\/label>/);
    const summary = errorSummary({
      title: '入力内容を確認してください',
      errors: [{ field: 'kind', message: '選んでください' }],
    }).toString();
    assert.match(summary, /<a href="#field-kind">選んでください<\/a>/);
  });

  it('checkboxes tick every chosen value and are not each required', () => {
    const out = checkboxes({
      name: 'days',
      label: '曜日',
      values: ['mon', 'wed'],
      required: true,
      lang,
      choices: ['mon', 'tue', 'wed'].map((v) => ({ value: v, label: v })),
    }).toString();
    assert.equal((out.match(/ checked/g) ?? []).length, 2);
    assert.ok(!/<input[^>]* required/.test(out));
  });

  it('the error summary is an alert that takes focus, links each field, and is absent without errors', () => {
    const out = errorSummary({
      title: '入力内容を確認してください',
      errors: [{ field: 'fields.age', message: '数字で' }],
      labels: { 'fields.age': '年齢' },
      fieldId: (f) => `in-${f.replace('fields.', 'f_')}`,
    }).toString();
    assert.match(out, /role="alert" tabindex="-1" id="error-summary" autofocus/);
    assert.match(out, /<li><a href="#in-f_age">年齢: 数字で<\/a><\/li>/);
    assert.equal(errorSummary({ title: 't', errors: [] }).toString(), '');
  });

  it('notice picks its class and live role from the kind', () => {
    assert.match(notice({ kind: 'error', body: 'x' }).toString(), /^<div class="notice notice--error" role="alert"><p>x<\/p><\/div>$/);
    assert.match(
      notice({ kind: 'success', title: '保存しました', body: 'x' }).toString(),
      /class="notice notice--success" role="status"><h2>保存しました<\/h2>/,
    );
    assert.match(notice({ kind: 'info', body: 'x' }).toString(), /^<div class="notice"><p>x<\/p><\/div>$/);
    assert.match(notice({ kind: 'warning', body: 'x', role: 'alert' }).toString(), /notice--warning" role="alert"/);
  });

  it('the data table marks the sorted column, links the reverse order and pages', () => {
    const out = dataTable({
      caption: '予約一覧',
      lang,
      columns: [
        { key: 'no', label: '番号', sortable: true },
        { key: 'name', label: '氏名', sortable: true },
        { key: 'memo', label: 'メモ' },
      ],
      rows: [{ no: 1, name: 'A', memo: '' }],
      rowHeader: 'no',
      sort: { key: 'no', dir: 'asc' },
      hrefForSort: (k, d) => `/list?sort=${k}&dir=${d}`,
      paging: { page: 2, hasNext: true, hrefFor: (p) => `/list?page=${p}` },
    }).toString();
    assert.match(out, /<div class="table-wrap" role="region" tabindex="0" aria-labelledby="(table-[a-z0-9]+)-caption">/);
    assert.match(
      out,
      /<th scope="col" aria-sort="ascending"><a class="sort-link" href="\/list\?sort=no&amp;dir=desc">番号<span class="visually-hidden">（昇順）<\/span>/,
    );
    assert.match(out, /<th scope="col"><a class="sort-link" href="\/list\?sort=name&amp;dir=asc">氏名/);
    assert.match(out, /<th scope="col">メモ<\/th>/);
    assert.equal((out.match(/aria-sort/g) ?? []).length, 1);
    assert.match(out, /<th scope="row">1<\/th>/);
    assert.match(out, /<nav class="pager" aria-label="予約一覧のページ">/);
    assert.match(out, /href="\/list\?page=1" rel="prev"/);
    assert.match(out, /href="\/list\?page=3" rel="next"/);
    assert.match(out, /<span aria-current="page">2ページ目<\/span>/);
    const empty = dataTable({ caption: '予約一覧', lang, columns: [{ key: 'no', label: '番号' }], rows: [] }).toString();
    assert.ok(!empty.includes('<table'), 'no empty table');
  });

  it('the calendar starts on Sunday, links open and few days only, and names each day in full', () => {
    const days = Array.from({ length: 31 }, (_, i) => ({
      date: `2026-12-${String(i + 1).padStart(2, '0')}`,
      state: (['open', 'few', 'full', 'closed'] as const)[i % 4] as 'open' | 'few' | 'full' | 'closed',
    }));
    const out = calendar({ month: '2026-12', lang, days, hrefFor: (d) => `/s/days/${d}`, nextHref: '/s?month=2027-01' }).toString();
    assert.match(out, /<caption>2026年12月<\/caption>/);
    assert.match(out, /<th scope="col" class="sun">日<\/th>/);
    assert.match(out, /<th scope="col" class="sat">土<\/th>/);
    // 2026-12-01 is a Tuesday: two empty cells first.
    assert.match(
      out,
      /<tbody><tr><td class="empty"><\/td><td class="empty"><\/td><td class="day day--open"><a href="\/s\/days\/2026-12-01" aria-label="2026年12月1日（火） 空きあり">/,
    );
    assert.match(out, /aria-label="2026年12月2日（水） 残りわずか"/);
    assert.match(out, /<span class="visually-hidden">2026年12月3日（木） 満員<\/span>/);
    assert.equal((out.match(/<a href="\/s\/days\//g) ?? []).length, 16);
    assert.match(out, /<nav class="month-nav" aria-label="月の切り替え"> <a href="\/s\?month=2027-01">次の月 →<\/a><\/nav>/);
    const en = calendar({
      month: '2026-12',
      lang: 'en',
      days: [{ date: '2026-12-01', state: 'closed', label: 'Holiday' }],
      hrefFor: () => '/',
    }).toString();
    assert.match(en, /<caption>December 2026<\/caption>/);
    assert.match(en, /Tue 1 Dec 2026 not bookable Holiday/);
  });

  it('a POST button form carries the CSRF token and asks first when told to', () => {
    const plain = postButtonForm({ action: '/my/cancel', csrf: 'tok', label: '取り消す', kind: 'danger', hidden: { id: '42' } }).toString();
    assert.match(
      plain,
      /^<form class="inline-form" method="post" action="\/my\/cancel"><input type="hidden" name="_csrf" value="tok"><input type="hidden" name="id" value="42"><button type="submit" class="button button--danger">取り消す<\/button><\/form>$/,
    );
    const asked = postButtonForm({
      action: '/x',
      csrf: 't',
      label: '削除',
      confirm: '本当に削除しますか？',
      confirmLabel: '削除する',
    }).toString();
    assert.match(
      asked,
      /<details class="confirm-action">\s*<summary class="button">削除<\/summary>\s*<form[^>]*>.*<p>本当に削除しますか？<\/p><button type="submit" class="button">削除する<\/button><\/form>/s,
    );
    assert.match(
      linkButton({ href: '/next', label: '次へ', kind: 'secondary' }).toString(),
      /^<a class="button button--secondary" href="\/next">次へ<\/a>$/,
    );
  });

  it('shells: the citizen menu, an error title, the staff header parts, LINE scripts', () => {
    const c = citizenShell({
      lang,
      title: '予約',
      main: html`<p>x</p>`,
      siteName: 'まどぐち 窓口予約',
      hasErrors: true,
      path: '/',
      nav: { label: 'メニュー', items: [{ href: '/my', label: 'マイページ', isCurrent: true }] },
    }).toString();
    assert.match(c, /<title>入力内容を確認してください — 予約 \| まどぐち 窓口予約<\/title>/);
    assert.match(c, /<nav aria-label="メニュー"><ul class="nav">\s*<li><a href="\/my" aria-current="page">マイページ<\/a><\/li>/);
    const s = staffShell({
      lang: 'en',
      title: 'Home',
      main: html``,
      siteName: 'madoguchi staff',
      nav: { label: 'Staff menu', items: [] },
      context: html`<span class="muted">Dept</span>`,
      userMenu: userMenu({ name: 'Ann', items: [] }),
      hasErrors: true,
    }).toString();
    assert.match(s, /<title>Error: Home \| madoguchi staff<\/title>/);
    assert.match(s, /<\/nav>\n<span class="muted">Dept<\/span>\n<details class="user-menu">/);
    const l = lineShell({ lang, title: 'LINE', main: html``, scriptUrls: ['https://sdk.example/sdk.js', '/line/liff.js'] }).toString();
    assert.match(l, /<script src="https:\/\/sdk.example\/sdk.js" defer><\/script><script src="\/line\/liff.js" defer><\/script>\n<\/head>/);
  });
});
