/**
 * /staff/audit — the audit log screen: verification status, search form, results with paging, and
 * the export link. Who may open it is the audit policy; the read itself is audited by viewAuditPage.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { definePage } from '../../../http/page-route.js';
import type { Lang } from '../../../platform/i18n.js';
import { formatJstTimestamp } from '../../../platform/japan-time.js';
import type { AppContext } from '../../../platform/context.js';
import {
  dataTable,
  dateField,
  errorSummary,
  notice,
  postButtonForm,
  selectField,
  summaryList,
  textField,
  type FieldMessage,
} from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { renderStaffPage } from '../../staff/index.js';
import { ACTION_LABELS, actionLabel, recordTypeLabel } from '../audit-labels.js';
import { auditMessages } from '../audit.messages.js';
import { canRunAuditVerification } from '../audit.policy.js';
import { auditSearchQuery } from '../audit.schemas.js';
import { assertMayReadAuditLog, auditSearchDepartments, toFilter, viewAuditPage, type AuditDepartment } from '../read-audit-log.js';
import { latestVerification, type VerificationRecord } from '../run-verification.js';
import type { AuditEntry } from '../search-audit.js';

const FILTER_KEYS = ['actor', 'department', 'from', 'to', 'recordType', 'recordId', 'action'] as const;
type Raw = Partial<Record<(typeof FILTER_KEYS)[number] | 'page', string>>;

type View = {
  raw: Raw;
  errors: FieldMessage[];
  result?: { entries: AuditEntry[]; page: number; hasNext: boolean };
  departments: AuditDepartment[];
  verification?: VerificationRecord;
  canVerify: boolean;
  csrf: string;
};

/** The search as a query string (blank fields left out), with extra parameters such as page or format. */
function queryString(raw: Raw, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (raw[k]?.trim()) p.set(k, raw[k] as string);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function verificationCard(lang: Lang, v: VerificationRecord | undefined, canVerify: boolean, csrf: string): SafeHtml {
  const t = auditMessages.in(lang);
  const status = !v
    ? html`<p>${t('neverVerified')}</p>`
    : notice({
        kind: v.isOk ? 'success' : 'error',
        role: 'status',
        title: v.isOk ? t('verifiedOk') : t('verifiedBroken'),
        headingLevel: 3,
        body: summaryList({
          items: [
            { term: t('lastRun'), value: formatJstTimestamp(v.finishedAt) },
            { term: t('entries'), value: String(v.entries) },
            ...(v.isOk ? [] : [{ term: t('firstBad'), value: `${v.failedSeq ?? ''} — ${v.message ?? v.problem ?? ''}` }]),
          ],
        }),
      });
  return html`<section class="card" id="verification" aria-labelledby="verification-title">
  <h2 id="verification-title">${t('verification')}</h2>
  ${status}
  ${canVerify ? postButtonForm({ action: '/staff/audit/verify', csrf, label: t('verifyNow'), kind: 'secondary' }) : ''}
</section>`;
}

function searchForm(lang: Lang, o: View): SafeHtml {
  const t = auditMessages.in(lang);
  const codes = Object.keys(ACTION_LABELS).sort((a, b) => actionLabel(a, lang).localeCompare(actionLabel(b, lang), lang));
  const base = { lang, errors: o.errors, markOptional: false };
  return html`<section aria-labelledby="search-title">
  <h2 id="search-title">${t('search')}</h2>
  <form method="get" action="/staff/audit" class="filters">
    ${textField({ ...base, name: 'actor', label: t('actor'), value: o.raw.actor })}
    ${selectField({
      ...base,
      name: 'department',
      label: t('department'),
      value: o.raw.department,
      emptyLabel: t('any'),
      options: o.departments.map((d) => ({ value: d.id, label: lang === 'en' && d.name_en ? d.name_en : d.name })),
    })}
    ${dateField({ ...base, name: 'from', label: t('from'), value: o.raw.from, hint: t('hintDates') })}
    ${dateField({ ...base, name: 'to', label: t('to'), value: o.raw.to })}
    ${textField({ ...base, name: 'recordType', label: t('recordType'), value: o.raw.recordType })}
    ${textField({ ...base, name: 'recordId', label: t('recordId'), value: o.raw.recordId })}
    ${selectField({
      ...base,
      name: 'action',
      label: t('action'),
      value: o.raw.action,
      emptyLabel: t('any'),
      options: codes.map((c) => ({ value: c, label: actionLabel(c, lang) })),
    })}
    <div class="form-field"><button type="submit">${t('searchButton')}</button></div>
  </form>
  <p><a class="button button--secondary" href="/api/v1/staff/audit/export${queryString(o.raw, { format: 'csv' })}" download>${t('exportCsv')}</a></p>
</section>`;
}

/** Who acted: the login id, or a plain statement for an attempt with an unknown id (stored only as a keyed hash). */
function whoOf(lang: Lang, e: AuditEntry): SafeHtml {
  const label = e.actorLabel ?? e.actorType;
  if (label.startsWith('unknown#')) return html`<span title="${label}">${auditMessages.t(lang, 'unknownLoginId')}</span>`;
  return e.actorType === 'staff' && e.actorId ? html`<a href="/staff/accounts/${e.actorId}">${label}</a>` : html`${label}`;
}

function targetOf(lang: Lang, e: AuditEntry): SafeHtml {
  if (!e.recordType) return html``;
  const type = recordTypeLabel(e.recordType, lang);
  if (e.recordLabel && e.recordType === 'staff')
    return html`${type} <a href="/staff/accounts/${e.recordId}" title="${e.recordId ?? ''}">${e.recordLabel}</a>`;
  if (e.recordLabel) return html`${type} <span title="${e.recordId ?? ''}">${e.recordLabel}</span>`;
  return html`${type} <code>${e.recordId ?? ''}</code>`;
}

const OUTCOME_KEYS = { success: 'outcomeSuccess', failure: 'outcomeFailure', denied: 'outcomeDenied' } as const;

function resultsTable(lang: Lang, o: View): SafeHtml {
  const r = o.result;
  if (!r) return html``;
  const t = auditMessages.in(lang);
  return html`<section aria-labelledby="results-title">
  <h2 id="results-title">${t('resultsPage', { page: r.page })}</h2>
  ${dataTable({
    lang,
    caption: t('results'),
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'seq', label: t('seq'), numeric: true },
      { key: 'when', label: t('when') },
      { key: 'who', label: t('who') },
      { key: 'department', label: t('department') },
      { key: 'action', label: t('action') },
      { key: 'outcome', label: t('outcome') },
      { key: 'target', label: t('target') },
      { key: 'client', label: t('client') },
    ],
    rows: r.entries.map((e) => ({
      seq: e.seq,
      when: html`<time datetime="${e.occurredAt.toISOString()}">${formatJstTimestamp(e.occurredAt)}</time>`,
      who: whoOf(lang, e),
      department: (lang === 'en' && e.departmentNameEn ? e.departmentNameEn : e.departmentName) ?? '',
      action: html`<span class="audit-action" title="${t('code')}: ${e.action}">${actionLabel(e.action, lang)}</span>`,
      outcome: e.outcome in OUTCOME_KEYS ? t(OUTCOME_KEYS[e.outcome as keyof typeof OUTCOME_KEYS]) : e.outcome,
      target: targetOf(lang, e),
      client: e.clientIp ?? '',
    })),
    paging: { page: r.page, hasNext: r.hasNext, hrefFor: (page) => `/staff/audit${queryString(o.raw, { page: String(page) })}` },
  })}
</section>`;
}

function render(req: FastifyRequest, lang: Lang, o: View): string {
  const t = auditMessages.in(lang);
  const main = html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${errorSummary({ title: t('checkInput'), errors: o.errors })}
${verificationCard(lang, o.verification, o.canVerify, o.csrf)}
${searchForm(lang, o)}
${resultsTable(lang, o)}`;
  return renderStaffPage(req, { title: t('title'), main, active: 'audit' });
}

/** The query as typed, for showing it again (only the known keys, as strings). */
function rawQuery(q: unknown): Raw {
  const out: Raw = {};
  if (q && typeof q === 'object')
    for (const k of [...FILTER_KEYS, 'page'] as const) {
      const v = (q as Record<string, unknown>)[k];
      if (typeof v === 'string') out[k] = v;
    }
  return out;
}

export function registerAuditLogPage(app: FastifyInstance, ctx: AppContext): void {
  const common = async (i: { actor: StaffActor; csrf: string }) => ({
    departments: await auditSearchDepartments(ctx, i.actor),
    verification: await latestVerification(ctx.db),
    canVerify: canRunAuditVerification(i.actor),
    csrf: i.csrf,
  });
  definePage(app, {
    method: 'GET',
    url: '/staff/audit',
    summary: 'Search the audit log, see the last verification, export',
    auth: 'staff',
    // No `allow`: the policy (canReadAuditLog) is asked by viewAuditPage / assertMayReadAuditLog,
    // which also record a refusal in the audit log — a 403 here would leave no trace.
    query: auditSearchQuery,
    async invalid(i) {
      // A refused search is still a visit to the audit screen: recorded like any other.
      await assertMayReadAuditLog(ctx, i.req, i.actor);
      return render(i.req, i.lang, { raw: i.raw, errors: i.errors, ...(await common(i)) });
    },
    async handler(i) {
      const result = await viewAuditPage(ctx, i.req, i.actor, toFilter(i.query), i.query.page);
      return render(i.req, i.lang, { raw: rawQuery(i.req.query), errors: [], result, ...(await common(i)) });
    },
  });
}
