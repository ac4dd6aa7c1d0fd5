/** The /staff/audit screen: verification status, search form, results, paging and export. */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import type { FieldError } from '../../http/errors.js';
import { defineMessages, type Lang } from '../../http/i18n.js';
import { html, type SafeHtml } from '../../web/html.js';
import { csrfField, renderStaffPage } from '../staff/index.js';
import type { VerificationRecord } from './run-verification.js';
import { ACTION_LABELS, actionLabel, recordTypeLabel } from './audit-labels.js';
import type { AuditEntry } from './search-audit.js';

const t = defineMessages({
  title: { ja: '監査ログ', en: 'Audit log' },
  intro: {
    ja: '職員の操作と個人情報の閲覧の記録です。記録は追記のみで、ハッシュチェーンと署名付きチェックポイントにより改ざんを検出します。',
    en: 'The record of staff operations and of every view of personal data. It is append-only; a hash chain and signed checkpoints reveal any tampering.',
  },
  verification: { ja: '改ざん検証', en: 'Tamper check' },
  verifiedOk: { ja: '検証に成功しました', en: 'The chain verified' },
  verifiedBroken: { ja: '改ざんまたは欠落を検出しました', en: 'Tampering or loss detected' },
  neverVerified: { ja: 'まだ検証されていません。', en: 'Not verified yet.' },
  lastRun: { ja: '最終検証', en: 'Last verification' },
  entries: { ja: '検証した件数', en: 'Entries verified' },
  firstBad: { ja: '最初の異常な記録', en: 'First bad entry' },
  verifyNow: { ja: '今すぐ検証する', en: 'Verify now' },
  search: { ja: '検索条件', en: 'Search' },
  actor: { ja: '職員（ログインID）', en: 'Staff (login ID)' },
  department: { ja: '所属', en: 'Department' },
  any: { ja: 'すべて', en: 'All' },
  from: { ja: '開始日', en: 'From' },
  to: { ja: '終了日', en: 'To' },
  recordType: { ja: '対象の種類', en: 'Record type' },
  recordId: { ja: '対象のID', en: 'Record ID' },
  action: { ja: '操作', en: 'Action' },
  searchButton: { ja: '検索', en: 'Search' },
  exportCsv: { ja: 'この条件でCSV出力', en: 'Export this search as CSV' },
  results: { ja: '検索結果', en: 'Results' },
  none: { ja: '該当する記録はありません。', en: 'No entries match.' },
  when: { ja: '日時', en: 'When' },
  who: { ja: '操作者', en: 'Who' },
  outcome: { ja: '結果', en: 'Outcome' },
  target: { ja: '対象', en: 'Record' },
  client: { ja: '接続元', en: 'Client' },
  seq: { ja: '番号', en: 'No.' },
  prev: { ja: '前のページ', en: 'Previous page' },
  next: { ja: '次のページ', en: 'Next page' },
  page: { ja: '{page}ページ目', en: 'Page {page}' },
  hintDates: { ja: '日本時間の日付で、両端の日を含みます。', en: 'Japan time; both days included.' },
  unknownLoginId: { ja: '存在しないログインID', en: 'Unknown login ID' },
  code: { ja: 'コード', en: 'Code' },
});

const outcomes: Record<string, { ja: string; en: string }> = {
  success: { ja: '成功', en: 'Success' },
  failure: { ja: '失敗', en: 'Failure' },
  denied: { ja: '拒否', en: 'Denied' },
};

const when = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatJst(d: Date): string {
  return when.format(d);
}

type Department = { id: string; code: string; name: string; name_en: string | null };

export type AuditPageView = {
  actor: StaffActor;
  raw: Record<string, unknown>;
  errors: FieldError[];
  result?: { entries: AuditEntry[]; page: number; hasNext: boolean };
  departments: Department[];
  verification?: VerificationRecord;
  canVerify: boolean;
};

const FILTER_KEYS = ['actor', 'department', 'from', 'to', 'recordType', 'recordId', 'action'] as const;

function queryString(raw: Record<string, unknown>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = raw[k];
    if (typeof v === 'string' && v.trim() !== '') p.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function verificationCard(lang: Lang, req: FastifyRequest, v: VerificationRecord | undefined, canVerify: boolean): SafeHtml {
  const status = !v
    ? html`<p>${t.neverVerified[lang]}</p>`
    : html`<div class="notice ${v.isOk ? 'notice--success' : 'notice--error'}" role="status">
  <p><strong>${v.isOk ? t.verifiedOk[lang] : t.verifiedBroken[lang]}</strong></p>
  <dl>
    <dt>${t.lastRun[lang]}</dt><dd>${formatJst(v.finishedAt)}</dd>
    <dt>${t.entries[lang]}</dt><dd>${v.entries}</dd>
    ${v.isOk ? '' : html`<dt>${t.firstBad[lang]}</dt><dd>${v.failedSeq ?? ''} — ${v.message ?? v.problem ?? ''}</dd>`}
  </dl>
</div>`;
  return html`<section class="card" id="verification" aria-labelledby="verification-title">
  <h2 id="verification-title">${t.verification[lang]}</h2>
  ${status}
  ${canVerify
    ? html`<form method="post" action="/staff/audit/verify">${csrfField(req)}<button type="submit" class="button--secondary">${t.verifyNow[lang]}</button></form>`
    : ''}
</section>`;
}

function field(lang: Lang, errs: FieldError[], name: string, label: string, input: SafeHtml, hint?: string): SafeHtml {
  const own = errs.filter((e) => e.field === name);
  return html`<div class="form-field">
  <label for="audit-${name}">${label}</label>
  ${hint ? html`<span class="hint" id="audit-${name}-hint">${hint}</span>` : ''}
  ${own.map((e) => html`<p class="field-error" id="audit-${name}-error">${e.message[lang]}</p>`)}
  ${input}
</div>`;
}

function actionSelect(lang: Lang, selected: string): SafeHtml {
  const codes = Object.keys(ACTION_LABELS).sort((a, b) => actionLabel(a, lang).localeCompare(actionLabel(b, lang), lang));
  if (selected && !codes.includes(selected)) codes.unshift(selected);
  return html`<select id="audit-action" name="action">
    <option value="">${t.any[lang]}</option>
    ${codes.map((c) => html`<option value="${c}"${c === selected ? html` selected` : ''}>${actionLabel(c, lang)}</option>`)}
  </select>`;
}

/** Who acted: the login id, or a plain statement for an attempt with an unknown id (stored only as a keyed hash). */
function whoOf(lang: Lang, e: AuditEntry): SafeHtml {
  const label = e.actorLabel ?? e.actorType;
  if (label.startsWith('unknown#')) return html`<span title="${label}">${t.unknownLoginId[lang]}</span>`;
  return e.actorType === 'staff' && e.actorId ? html`<a href="/staff/accounts/${e.actorId}">${label}</a>` : html`${label}`;
}

function targetOf(lang: Lang, e: AuditEntry): SafeHtml {
  if (!e.recordType) return html``;
  const type = recordTypeLabel(e.recordType, lang);
  if (e.recordLabel && e.recordType === 'staff') return html`${type} <a href="/staff/accounts/${e.recordId}" title="${e.recordId ?? ''}">${e.recordLabel}</a>`;
  if (e.recordLabel) return html`${type} <span title="${e.recordId ?? ''}">${e.recordLabel}</span>`;
  return html`${type} <code>${e.recordId ?? ''}</code>`;
}

function searchForm(lang: Lang, o: AuditPageView): SafeHtml {
  const v = (k: string) => (typeof o.raw[k] === 'string' ? (o.raw[k] as string) : '');
  const text = (name: string, type = 'text') =>
    html`<input id="audit-${name}" name="${name}" type="${type}" value="${v(name)}"${o.errors.some((e) => e.field === name) ? html` aria-invalid="true" aria-describedby="audit-${name}-error"` : ''}>`;
  return html`<section aria-labelledby="search-title">
  <h2 id="search-title">${t.search[lang]}</h2>
  <form method="get" action="/staff/audit" class="filters">
    ${field(lang, o.errors, 'actor', t.actor[lang], text('actor'))}
    ${field(
      lang,
      o.errors,
      'department',
      t.department[lang],
      html`<select id="audit-department" name="department">
        <option value="">${t.any[lang]}</option>
        ${o.departments.map(
          (d) => html`<option value="${d.id}"${v('department') === d.id ? html` selected` : ''}>${lang === 'en' && d.name_en ? d.name_en : d.name}</option>`,
        )}
      </select>`,
    )}
    ${field(lang, o.errors, 'from', t.from[lang], text('from', 'date'), t.hintDates[lang])}
    ${field(lang, o.errors, 'to', t.to[lang], text('to', 'date'))}
    ${field(lang, o.errors, 'recordType', t.recordType[lang], text('recordType'))}
    ${field(lang, o.errors, 'recordId', t.recordId[lang], text('recordId'))}
    ${field(lang, o.errors, 'action', t.action[lang], actionSelect(lang, v('action')))}
    <div class="form-field"><button type="submit">${t.searchButton[lang]}</button></div>
  </form>
  <p><a class="button button--secondary" href="/api/v1/staff/audit/export${queryString(o.raw, { format: 'csv' })}" download>${t.exportCsv[lang]}</a></p>
</section>`;
}

function resultsTable(lang: Lang, o: AuditPageView): SafeHtml {
  const r = o.result;
  if (!r) return html``;
  const rows = r.entries.map(
    (e) => html`<tr>
  <td>${e.seq}</td>
  <td><time datetime="${e.occurredAt.toISOString()}">${formatJst(e.occurredAt)}</time></td>
  <td>${whoOf(lang, e)}</td>
  <td>${(lang === 'en' && e.departmentNameEn ? e.departmentNameEn : e.departmentName) ?? ''}</td>
  <td><span class="audit-action" title="${t.code[lang]}: ${e.action}">${actionLabel(e.action, lang)}</span></td>
  <td>${outcomes[e.outcome]?.[lang] ?? e.outcome}</td>
  <td>${targetOf(lang, e)}</td>
  <td>${e.clientIp ?? ''}</td>
</tr>`,
  );
  return html`<section aria-labelledby="results-title">
  <h2 id="results-title">${t.results[lang]} <span class="muted">${t.page[lang].replace('{page}', String(r.page))}</span></h2>
  ${r.entries.length === 0
    ? html`<p>${t.none[lang]}</p>`
    : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.seq[lang]}</th><th scope="col">${t.when[lang]}</th><th scope="col">${t.who[lang]}</th><th scope="col">${t.department[lang]}</th><th scope="col">${t.action[lang]}</th><th scope="col">${t.outcome[lang]}</th><th scope="col">${t.target[lang]}</th><th scope="col">${t.client[lang]}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`}
  <nav aria-label="${t.results[lang]}"><ul class="nav">
    ${r.page > 1 ? html`<li><a href="/staff/audit${queryString(o.raw, { page: String(r.page - 1) })}" rel="prev">${t.prev[lang]}</a></li>` : ''}
    ${r.hasNext ? html`<li><a href="/staff/audit${queryString(o.raw, { page: String(r.page + 1) })}" rel="next">${t.next[lang]}</a></li>` : ''}
  </ul></nav>
</section>`;
}

export function renderAuditPage(req: FastifyRequest, o: AuditPageView): string {
  const lang = req.lang;
  const main = html`<h1 class="page-title">${t.title[lang]}</h1>
<p>${t.intro[lang]}</p>
${o.errors.length ? html`<div class="notice notice--error" role="alert"><p>${o.errors.map((e) => html`${e.message[lang]} `)}</p></div>` : ''}
${verificationCard(lang, req, o.verification, o.canVerify)}
${searchForm(lang, o)}
${resultsTable(lang, o)}`;
  return renderStaffPage(req, { title: t.title[lang], main, active: 'audit' });
}
