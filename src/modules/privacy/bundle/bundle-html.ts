/**
 * The bundle's index.html: one static page, no scripts, no external resources (a Content-Security-Policy
 * forbids any), its CSS inline. Per department → scope → items, each text in Japanese with the English
 * beneath. On a desk and on paper the items are a table; on a phone each item becomes a block of
 * labelled lines. Pure: the same report gives the same bytes.
 */
import type { Bilingual } from '../../../platform/personal-data.js';
import { formatJstDateTime, formatJstDay } from '../../../platform/japan-time.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import type { InventoryItem, InventoryReport, InventoryScope } from '../inventory/inventory-report.js';
import { privacyMessages } from '../privacy.messages.js';
import { bundleMessages } from './bundle.messages.js';

type Key = keyof typeof bundleMessages.messages;
const m = (key: Key): Bilingual => bundleMessages.messages[key];
const p = (key: keyof typeof privacyMessages.messages): Bilingual => privacyMessages.messages[key];
const num = new Intl.NumberFormat('ja-JP');

/** Japanese, then the English beneath it (or after it, inline). */
function bi(t: Bilingual, inline = false): SafeHtml {
  // A name with no English of its own (a facility's) is shown once.
  if (t.en === t.ja) return inline ? html`${t.ja}` : html`<span class="ja">${t.ja}</span>`;
  return inline
    ? html`${t.ja} <span class="en-inline" lang="en">${t.en}</span>`
    : html`<span class="ja">${t.ja}</span><span class="en" lang="en">${t.en}</span>`;
}

/** A table cell that shows its column's name before its value on a phone. */
function cell(label: Bilingual, content: SafeHtml | string, cls?: string): SafeHtml {
  return html`<td data-label="${label.ja} / ${label.en}"${cls ? raw(` class="${cls}"`) : ''}>${content}</td>`;
}

function both(ja: string, en: string): Bilingual {
  return { ja, en };
}

function readers(i: InventoryItem): SafeHtml {
  const roles = i.readers.roles.map((r) => {
    const key = `role.${r}` as Key;
    return key in bundleMessages.messages ? m(key) : both(r, r);
  });
  const lines: Bilingual[] = [m(`departments.${i.readers.departments}`)];
  const list = (lang: 'ja' | 'en') => roles.map((r) => r[lang]).join(bundleMessages.t(lang, 'listSeparator'));
  if (roles.length) lines.push(both(list('ja'), list('en')));
  if (i.readers.others) lines.push(i.readers.others);
  return html`${lines.map((l) => html`<div>${bi(l)}</div>`)}`;
}

function recipients(i: InventoryItem): SafeHtml {
  if (!i.recipients.length) return bi(m('none'));
  return html`${i.recipients.map((r) => {
    const to = p(`recipient.${r.to}`);
    const line = (lang: 'ja' | 'en') => bundleMessages.t(lang, 'recipientReceives', { to: to[lang], receives: r.receives[lang] });
    return html`<div>${bi(both(line('ja'), line('en')))}</div>`;
  })}`;
}

function storage(i: InventoryItem): SafeHtml {
  return html`${i.storedAt.map(
    (s) =>
      html`<div><code>${s.table}.${s.column}${s.property ? `.${s.property}` : ''}</code> ${bi(p(`protection.${s.protection}`), true)}</div>`,
  )}`;
}

function yesNo(v: boolean, strong = false): SafeHtml {
  const t = bi(m(v ? 'yes' : 'no'), true);
  return v && strong ? html`<strong>${t}</strong>` : t;
}

function itemRow(i: InventoryItem): SafeHtml {
  return html`<tr${i.isSensitive ? raw(' class="sensitive"') : ''}>
${cell(m('col.item'), html`${bi(i.label)}<code class="key">${i.key}</code>`, 'item')}
${cell(m('col.category'), html`${bi(p(`category.${i.category}`))}<span class="subject">${bi(p(`subject.${i.subject}`), true)}</span>`)}
${cell(m('col.sensitive'), yesNo(i.isSensitive, true))}
${cell(m('col.encrypted'), yesNo(i.isEncrypted))}
${cell(m('col.records'), num.format(i.records), 'numeric')}
${cell(m('col.purpose'), bi(i.purpose))}
${cell(m('col.readers'), readers(i))}
${cell(m('col.recipients'), recipients(i))}
${cell(m('col.retention'), bi(i.retention))}
${cell(m('col.storage'), storage(i))}
</tr>`;
}

const COLUMNS: Key[] = [
  'col.item',
  'col.category',
  'col.sensitive',
  'col.encrypted',
  'col.records',
  'col.purpose',
  'col.readers',
  'col.recipients',
  'col.retention',
  'col.storage',
];

function scopeSection(s: InventoryScope, anchor: string): SafeHtml {
  const oldest = s.oldest ? both(formatJstDay(new Date(s.oldest), 'ja'), formatJstDay(new Date(s.oldest), 'en')) : m('none');
  const facts = (lang: 'ja' | 'en') =>
    bundleMessages.t(lang, 'scopeFacts', { records: num.format(s.records), people: num.format(s.people), oldest: oldest[lang] });
  const tags = [m(s.scope.zone === 'internal' ? 'zoneInternal' : 'zoneInternet'), ...(s.scope.isPublic ? [m('isPublic')] : [])];
  return html`<section class="scope" id="${anchor}">
<h3>${bi(s.scope.label)}</h3>
<p class="facts"><code>${s.scope.id}</code> ${tags.map((t) => html`<span class="tag">${bi(t, true)}</span> `)}</p>
<p class="counts">${bi(both(facts('ja'), facts('en')))}</p>
${
  s.items.length
    ? html`<table class="items">
<thead><tr>${COLUMNS.map((c) => html`<th scope="col">${bi(m(c))}</th>`)}</tr></thead>
<tbody>${s.items.map(itemRow)}</tbody>
</table>`
    : html`<p>${bi(m('noItems'))}</p>`
}
</section>`;
}

type Group = { id: string; title: Bilingual; scopes: InventoryScope[] };

/** Scopes by department (by department code), the ones without a department last. */
function byDepartment(report: InventoryReport): Group[] {
  const groups = new Map<string, Group & { code: string }>();
  for (const s of report.scopes) {
    const d = s.department;
    const id = d?.id ?? '';
    let g = groups.get(id);
    if (!g) {
      const title = d
        ? both(
            bundleMessages.t('ja', 'departmentTitle', { name: d.name, code: d.code }),
            bundleMessages.t('en', 'departmentTitle', { name: d.nameEn ?? d.name, code: d.code }),
          )
        : m('noDepartment');
      g = { id, code: d ? d.code : '\uffff', title, scopes: [] };
      groups.set(id, g);
    }
    g.scopes.push(s);
  }
  return [...groups.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const CSS = `
*{box-sizing:border-box}
body{font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP","Yu Gothic",Meiryo,sans-serif;margin:0 auto;padding:1rem;max-width:90rem;color:#1a1a1a;background:#fff;line-height:1.6;font-size:16px}
p,li,td{overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;padding:.25rem .5rem;background:#e8eef7;border-left:.4rem solid #1d4f91}
h3{font-size:1.1rem;margin:1.5rem 0 .25rem;border-bottom:1px solid #999}
.en{display:block;color:#505050;font-size:.85em}.en-inline{color:#505050;font-size:.85em}
h1 .en,h2 .en,h3 .en{font-weight:normal}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;overflow-wrap:anywhere}
.key{display:block;color:#505050}
.meta,.facts,.counts{margin:.25rem 0}.tag{display:inline-block;border:1px solid #888;border-radius:.25rem;padding:0 .3rem;margin-right:.25rem;font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #999;padding:.3rem .4rem;vertical-align:top;text-align:left}
thead th{background:#f0f0f0}
td.numeric{text-align:right;white-space:nowrap}
tr.sensitive td{background:#fff4e5}
.subject{display:block;margin-top:.25rem}
.note{border:1px solid #1d4f91;padding:.5rem 1rem;margin:2rem 0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:.5rem}
nav ol{padding-left:1.5rem}
@media (max-width:48rem){
 body{padding:.5rem}
 table.items,table.items tbody,table.items tr,table.items td{display:block;width:100%}
 table.items thead{display:none}
 table.items tr{border:1px solid #999;margin-bottom:.75rem}
 table.items td{border:none;border-top:1px solid #ddd}
 table.items td::before{content:attr(data-label);display:block;font-size:.8em;font-weight:bold;color:#1d4f91}
 table.items td.item{background:#e8eef7;border-top:none}
 td.numeric{text-align:left}
}
@media print{
 body{max-width:none;padding:0;font-size:10pt}
 nav{display:none}
 h2{break-after:avoid}h3{break-after:avoid}
 tr{break-inside:avoid}thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
}
`;

export type BundleHtmlOptions = {
  keyId: string;
  /** SHA-256 (hex) of the public key's DER (SPKI), to compare with the key the city has on record. */
  publicKeyHash: string;
};

export function renderBundleHtml(report: InventoryReport, o: BundleHtmlOptions): string {
  const at = new Date(report.generatedAt);
  const groups = byDepartment(report);
  const itemCount = report.scopes.reduce((n, s) => n + s.items.length, 0);
  const summary = (lang: 'ja' | 'en') =>
    bundleMessages.t(lang, 'summary', { scopes: num.format(report.scopes.length), items: num.format(itemCount) });
  let n = 0;
  const anchors = new Map(report.scopes.map((s) => [s, `scope-${++n}`]));
  const files: [string, Key][] = [
    ['index.html', 'fileIndex'],
    ['inventory.csv', 'fileCsv'],
    ['inventory.json', 'fileJson'],
    ['manifest.json', 'fileManifest'],
    ['manifest.sig', 'fileSig'],
  ];
  const verifyFiles = (lang: 'ja' | 'en') => bundleMessages.t(lang, 'verifyFiles', { keyId: o.keyId, keyHash: o.publicKeyHash });
  const page = html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${m('title').ja} / ${m('title').en}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header>
<h1>${bi(m('title'))}</h1>
<p class="meta">${bi(both(bundleMessages.t('ja', 'generatedAt', { time: formatJstDateTime(at, 'ja') }), bundleMessages.t('en', 'generatedAt', { time: formatJstDateTime(at, 'en') })))}</p>
<p class="meta">${bi(both(bundleMessages.t('ja', 'schemaVersion', { version: report.schemaVersion }), bundleMessages.t('en', 'schemaVersion', { version: report.schemaVersion })))}</p>
<p>${bi(m('intro'))}</p>
<p>${bi(both(summary('ja'), summary('en')))}</p>
</header>
<nav aria-labelledby="contents"><h2 id="contents">${bi(m('contents'))}</h2>
<ol>${groups.map((g, gi) => html`<li><a href="#dept-${gi + 1}">${bi(g.title, true)}</a><ul>${g.scopes.map((s) => html`<li><a href="#${anchors.get(s) ?? ''}">${bi(s.scope.label, true)}</a></li>`)}</ul></li>`)}</ol>
</nav>
<main>
${groups.map((g, gi) => html`<section class="department" id="dept-${gi + 1}"><h2>${bi(g.title)}</h2>${g.scopes.map((s) => scopeSection(s, anchors.get(s) ?? ''))}</section>`)}
<section class="note" id="verify">
<h2>${bi(m('verifyTitle'))}</h2>
<p>${bi(m('verifyCommand'))}</p>
<pre><code>madoguchi privacy verify-bundle &lt;DIR&gt;</code></pre>
<p>${bi(both(verifyFiles('ja'), verifyFiles('en')))}</p>
<p>${bi(m('verifyOpenssl'))}</p>
<pre><code>openssl pkeyutl -verify -pubin -inkey city-audit-signing-key.pem -rawin -in manifest.json -sigfile manifest.sig
sha256sum index.html inventory.csv inventory.json</code></pre>
<h3>${bi(m('filesTitle'))}</h3>
<ul>${files.map(([f, k]) => html`<li><code>${f}</code> — ${bi(m(k), true)}</li>`)}</ul>
</section>
</main>
</body>
</html>
`;
  return page.value;
}
