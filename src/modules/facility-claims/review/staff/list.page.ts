/**
 * /staff/facility-claims — the month's review: month selector and status filter, the totals, the
 * submitted forms waiting for review first, the matrix facilities × the month's forms (the monthly
 * claim of the month, the yearly forms of its fiscal year) and the month's CSV download. Both
 * childcare divisions; others 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { jstMonth } from '../../../../platform/japan-time.js';
import {
  button,
  dataTable,
  errorSummary,
  radios,
  selectField,
  summaryList,
  textField,
  type Cell,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { canFacility } from '../../facility.policy.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { SUBMISSION_FORMS } from '../../shared/types.js';
import { listSubmissions, REVIEW_STATUSES, type MonthMatrix, type SubmissionListItem } from '../list-submissions.js';
import { reviewMessages } from '../review.messages.js';
import { listPageQuery } from '../review.schemas.js';
import { detailHref, periodLabel, reviewPage, statusBadge, yen } from './review.view.js';

type State = { month: string; status?: string; raw: Record<string, string>; errors: FieldMessage[] };

/** The CSV download form (its own page shows it again with errors). */
export function exportForm(req: FastifyRequest, s: { month: string; encoding?: string; errors: FieldMessage[] }) {
  const lang = req.lang;
  const t = reviewMessages.in(lang);
  return html`<form method="get" action="/staff/facility-claims/export" class="card">
  <h2>${t('exportHeading')}</h2>
  <p class="hint">${t('exportHint')}</p>
  ${textField({ lang, name: 'month', id: 'export-month', label: t('month'), hint: t('monthHint'), inputmode: 'numeric', maxLength: 7, required: true, value: s.month, errors: s.errors })}
  ${radios({
    lang,
    name: 'encoding',
    id: 'export-encoding',
    label: t('encoding'),
    markOptional: false,
    value: s.encoding ?? 'cp932',
    errors: s.errors,
    choices: [
      { value: 'cp932', label: t('encodingCp932') },
      { value: 'utf8', label: t('encodingUtf8') },
    ],
  })}
  ${button({ label: t('exportButton'), kind: 'secondary' })}
</form>`;
}

function matrixTable(req: FastifyRequest, m: MonthMatrix) {
  const lang = req.lang;
  const t = reviewMessages.in(lang);
  const columns = [
    { key: 'facility', label: t('facility') },
    ...SUBMISSION_FORMS.map((form) => ({
      key: form,
      label: `${codeLabel('form', form, lang)} ${periodLabel(form === 'monthly-claim' ? m.month : String(m.fiscalYear), lang)}`,
    })),
  ];
  return dataTable({
    lang,
    caption: t('matrixCaption'),
    columns,
    rowHeader: 'facility',
    emptyText: t('noFacilities'),
    rows: m.rows.map(
      (row): Record<string, Cell> => ({
        facility: html`${row.facility.name} <span class="muted">${row.facility.code} ${codeLabel('type', row.facility.type, lang)}</span>`,
        ...Object.fromEntries(
          SUBMISSION_FORMS.map((form) => {
            const c = row.cells[form];
            return [
              form,
              c
                ? html`<a href="${detailHref(c.id)}">${statusBadge(lang, c.status)} ${t('versionShort', { version: c.version })}</a>${
                    form === 'monthly-claim' && c.totalAmount !== null
                      ? html`<br>${t('yenAmount', { amount: yen(c.totalAmount, lang) })}`
                      : ''
                  }`
                : html`<span class="muted">${t('notSent')}</span>`,
            ];
          }),
        ),
      }),
    ),
  });
}

function waitingTable(req: FastifyRequest, items: SubmissionListItem[]) {
  const lang = req.lang;
  const t = reviewMessages.in(lang);
  return dataTable({
    lang,
    caption: t('waitingCaption'),
    columns: [
      { key: 'facility', label: t('facility') },
      { key: 'form', label: t('form') },
      { key: 'period', label: t('period') },
      { key: 'version', label: t('version'), numeric: true },
      { key: 'amount', label: t('amount'), numeric: true },
    ],
    emptyText: t('nothingWaiting'),
    rows: items.map((i) => ({
      facility: html`${i.facilityName} <span class="muted">${i.facilityCode}</span>`,
      form: html`<a href="${detailHref(i.id)}">${codeLabel('form', i.form, lang)}</a>`,
      period: periodLabel(i.period, lang),
      version: i.version,
      amount: i.totalAmount === null ? '' : yen(i.totalAmount, lang),
    })),
  });
}

async function render(ctx: AppContext, req: FastifyRequest, actor: StaffActor, s: State): Promise<string> {
  const lang = req.lang;
  const t = reviewMessages.in(lang);
  const r = await listSubmissions(ctx, actor, { month: s.month, status: s.status as SubmissionListItem['status'] | undefined });
  const m = r.matrix as MonthMatrix;
  const waiting = r.items.filter((i) => i.status === 'submitted');
  const main = html`<h1 class="page-title">${t('listTitle')}</h1>
${errorSummary({ title: t('checkInput'), errors: s.errors, fieldId: (f) => (f === 'month' ? 'filter-month' : `filter-${f}`) })}
<form method="get" action="/staff/facility-claims" class="filters">
  ${textField({ lang, name: 'month', id: 'filter-month', label: t('month'), hint: t('monthHint'), inputmode: 'numeric', maxLength: 7, markOptional: false, value: s.raw.month ?? s.month, errors: s.errors })}
  ${selectField({
    lang,
    name: 'status',
    id: 'filter-status',
    label: t('status'),
    markOptional: false,
    emptyLabel: t('allStatuses'),
    value: s.raw.status ?? s.status,
    options: REVIEW_STATUSES.map((st) => ({ value: st, label: codeLabel('status', st, lang) })),
    errors: s.errors,
  })}
  ${button({ label: t('show'), kind: 'secondary' })}
</form>
<div class="card">${summaryList({
    items: [
      { term: t('month'), value: periodLabel(m.month, lang) },
      { term: t('facilities'), value: String(m.totals.facilities) },
      ...REVIEW_STATUSES.map((st) => ({ term: codeLabel('status', st, lang), value: String(m.totals.byStatus[st]) })),
      { term: t('approvedAmount'), value: t('yenAmount', { amount: yen(m.totals.approvedAmount, lang) }) },
      { term: t('submittedAmount'), value: t('yenAmount', { amount: yen(m.totals.submittedAmount, lang) }) },
    ],
  })}</div>
<h2>${t('waitingHeading')}</h2>
${waitingTable(req, waiting)}
<h2>${t('matrixHeading')}</h2>
${matrixTable(req, m)}
${canFacility(actor, 'export', ctx.config) ? exportForm(req, { month: m.month, errors: [] }) : ''}`;
  return reviewPage(req, t('listTitle'), main);
}

export function registerListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-claims',
    summary: "The month's facility submissions: totals, the ones waiting for review, facilities × forms, the CSV download",
    auth: 'staff',
    query: listPageQuery,
    allow: (actor) => canFacility(actor, 'view', ctx.config),
    invalid: async ({ req, actor, raw, errors }) =>
      render(ctx, req, actor, { month: jstMonth(ctx.clock.now()), raw: { ...raw, month: raw.month ?? '' }, errors }),
    handler: ({ req, actor, query }) =>
      render(ctx, req, actor, { month: query.month ?? jstMonth(ctx.clock.now()), status: query.status, raw: {}, errors: [] }),
  });
}
