/**
 * /staff/applications — the department inbox (受付一覧): filter form (GET), table with sorting and
 * paging, paid/unpaid badges, the applicant's name unless that field is sensitive (the list is audited
 * as it shows names), and a bulk status change over the checked rows (POST, session CSRF).
 */
import type { FastifyInstance } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import {
  button,
  checkboxes,
  csrfInput,
  dataTable,
  dateField,
  errorSummary,
  selectField,
  textArea,
  textField,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { inboxMessages, statusLabels } from '../inbox.messages.js';
import { listQuery, type ListQuery } from '../inbox.schemas.js';
import { inboxProcedures, listApplications, type InboxItem } from '../list-applications.js';
import { inboxPage, localised, paymentBadge, statusBadge } from './inbox.view.js';

const QUERY_KEYS = ['procedureId', 'status', 'from', 'to', 'payment', 'mine', 'reference', 'sort', 'dir'] as const;
type Raw = Partial<Record<(typeof QUERY_KEYS)[number] | 'page', string>>;

/** Statuses staff can set on several applications at once (a correction names fields per application). */
export const BULK_STATUSES = ['in_review', 'awaiting_payment', 'completed', 'rejected', 'withdrawn'] as const;

export function inboxHref(raw: Raw, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of QUERY_KEYS) if (raw[k]?.trim()) p.set(k, raw[k] as string);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return `/staff/applications${s ? `?${s}` : ''}`;
}

function rawOf(q: unknown): Raw {
  const out: Raw = {};
  if (q && typeof q === 'object')
    for (const k of [...QUERY_KEYS, 'page'] as const) {
      const v = (q as Record<string, unknown>)[k];
      if (typeof v === 'string') out[k] = v;
    }
  return out;
}

type View = {
  raw: Raw;
  errors: FieldMessage[];
  procedures: { id: string; title: { ja: string; en?: string } }[];
  result?: { items: InboxItem[]; page: number; hasNext: boolean; query: ListQuery };
  csrf: string;
};

function filterForm(lang: Lang, v: View): SafeHtml {
  const t = inboxMessages.in(lang);
  const base = { lang, errors: v.errors, markOptional: false };
  return html`<section aria-labelledby="filter-title">
<h2 id="filter-title">${t('filters')}</h2>
<form method="get" action="/staff/applications" class="filters">
  ${selectField({
    ...base,
    name: 'procedureId',
    label: t('procedure'),
    value: v.raw.procedureId,
    emptyLabel: t('allProcedures'),
    options: v.procedures.map((p) => ({ value: p.id, label: localised(p.title, lang) })),
  })}
  ${selectField({
    ...base,
    name: 'status',
    label: t('status'),
    value: v.raw.status,
    emptyLabel: t('all'),
    options: Object.keys(statusLabels.messages).map((s) => ({
      value: s,
      label: statusLabels.t(lang, s as keyof typeof statusLabels.messages),
    })),
  })}
  ${dateField({ ...base, name: 'from', label: t('submittedFrom'), value: v.raw.from })}
  ${dateField({ ...base, name: 'to', label: t('submittedTo'), value: v.raw.to })}
  ${selectField({
    ...base,
    name: 'payment',
    label: t('payment'),
    value: v.raw.payment,
    emptyLabel: t('all'),
    options: [
      { value: 'paid', label: t('paidOnly') },
      { value: 'unpaid', label: t('unpaidOnly') },
    ],
  })}
  ${textField({ ...base, name: 'reference', label: t('referenceSearch'), value: v.raw.reference, type: 'search', maxLength: 20 })}
  ${checkboxes({ ...base, name: 'mine', label: t('assignedLegend'), values: v.raw.mine ? ['1'] : [], choices: [{ value: '1', label: t('assignedToMe') }] })}
  ${button({ label: t('search'), kind: 'secondary' })}
</form>
<p><a href="/staff/applications/export">${t('exportLink')}</a></p>
</section>`;
}

function resultTable(lang: Lang, v: View): SafeHtml {
  const r = v.result;
  if (!r) return html``;
  const t = inboxMessages.in(lang);
  const back = inboxHref(v.raw, r.page > 1 ? { page: String(r.page) } : {});
  return html`<section aria-labelledby="results-title">
<h2 id="results-title">${t('caption')}</h2>
<p>${t('count', { count: r.items.length, page: r.page })}</p>
<form method="post" action="/staff/applications/bulk-status">
${csrfInput(v.csrf)}
<input type="hidden" name="back" value="${back}">
${dataTable({
  lang,
  caption: t('caption'),
  hideCaption: true,
  emptyText: t('none'),
  rowHeader: 'reference',
  columns: [
    { key: 'select', label: t('select') },
    { key: 'reference', label: t('reference'), sortable: true },
    { key: 'procedure', label: t('procedure'), sortable: true },
    { key: 'applicant', label: t('applicant') },
    { key: 'status', label: t('status'), sortable: true },
    { key: 'payment', label: t('payment') },
    { key: 'submitted', label: t('submitted'), sortable: true },
    { key: 'assignee', label: t('assignee') },
  ],
  rows: r.items.map((i) => ({
    select: html`<input type="checkbox" name="ids" value="${i.id}" aria-label="${t('selectOne', { reference: i.referenceNumber })}">`,
    reference: html`<a href="/staff/applications/${i.id}">${i.referenceNumber}</a>`,
    procedure: localised(i.procedureTitle, lang),
    applicant: i.applicantNameMasked ? html`<span class="muted">${t('masked')}</span>` : (i.applicantName ?? ''),
    status: statusBadge(lang, i.status),
    payment: paymentBadge(lang, i),
    submitted: html`<time datetime="${i.submittedAt.toISOString()}">${formatJstDateTime(i.submittedAt, lang)}</time>`,
    assignee: i.assignedStaffName ?? html`<span class="muted">${t('unassigned')}</span>`,
  })),
  sort: { key: r.query.sort, dir: r.query.dir },
  hrefForSort: (key, dir) => inboxHref({ ...v.raw, sort: key, dir }),
  paging: { page: r.page, hasNext: r.hasNext, hrefFor: (page) => inboxHref(v.raw, { page: String(page) }) },
})}
${
  r.items.length
    ? html`<fieldset class="card">
  <legend>${t('bulkHeading')}</legend>
  <p class="hint">${t('bulkHint')}</p>
  ${selectField({
    lang,
    name: 'status',
    id: 'bulk-status',
    label: t('newStatus'),
    required: true,
    emptyLabel: t('chooseStatus'),
    options: BULK_STATUSES.map((s) => ({ value: s, label: statusLabels.t(lang, s) })),
  })}
  ${textArea({ lang, name: 'comment', id: 'bulk-comment', label: t('comment'), hint: t('commentHint'), rows: 3, maxLength: 2000 })}
  ${button({ label: t('bulkButton') })}
</fieldset>`
    : ''
}
</form>
</section>`;
}

export function renderInbox(req: { lang: Lang } & Parameters<typeof inboxPage>[0], v: View): string {
  const lang = req.lang;
  const t = inboxMessages.in(lang);
  const main = html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${errorSummary({ title: t('checkInput'), errors: v.errors })}
${filterForm(lang, v)}
${resultTable(lang, v)}`;
  return inboxPage(req, t('title'), main);
}

export function registerInboxPage(app: FastifyInstance, ctx: AppContext): void {
  const common = async (actor: StaffActor, csrf: string) => ({ procedures: await inboxProcedures(ctx, actor), csrf });
  definePage(app, {
    method: 'GET',
    url: '/staff/applications',
    summary: 'The department inbox: filters, sorting, paging, bulk status change (list audited)',
    auth: 'staff',
    query: listQuery,
    invalid: async ({ req, actor, raw, errors, csrf }) => renderInbox(req, { raw, errors, ...(await common(actor, csrf)) }),
    async handler({ req, actor, query, csrf }) {
      const result = await listApplications(ctx, actor, query, { withNames: { audit: auditContextOf(req), lang: req.lang } });
      return renderInbox(req, { raw: rawOf(req.query), errors: [], result: { ...result, query }, ...(await common(actor, csrf)) });
    },
  });
}
