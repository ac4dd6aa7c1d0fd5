/**
 * `/facility/claims/monthly/:month` — 運営費請求書: the month's claim computed from the roster, the counts
 * and the items (counts by class with unit prices, additions, deductions, total; staffing against the
 * age-based ratio), the checks field by field, and save / submit (POST the same URL).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Lang } from '../../../../http/i18n.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { dataTable, summaryList } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import type { FacilityActor } from '../../shared/facility-session.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { CHILD_CLASSES, type MonthlyClaimContent } from '../../shared/types.js';
import { claimsMessages } from '../claims.messages.js';
import { doneQuery, formActionBody } from '../claims.schemas.js';
import { type FormView, viewForm } from '../read-submission.js';
import {
  actionButtons,
  checksPanel,
  claimsPage,
  factsNote,
  flashOf,
  monthLabel,
  type PageErrors,
  refusalSummary,
  staffingList,
  statusPanel,
  yen,
} from './claim.view.js';
import { isRefusal, runFormAction } from './form-actions.js';

const params = z.object({ month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/) });

const sameClass = (a: { certClass: number; ageBand: string; need: string }, b: { certClass: number; ageBand: string; need: string }) =>
  a.certClass === b.certClass && a.ageBand === b.ageBand && a.need === b.need;

function claimBody(lang: Lang, c: MonthlyClaimContent) {
  const t = claimsMessages.in(lang);
  const calc = c.calculation;
  const rows = CHILD_CLASSES.map((k) => {
    const count = c.counts.find((x) => sameClass(x, k))?.count ?? 0;
    const line = calc.lines.find((l) => sameClass(l, k));
    return { k, count, line };
  }).filter((r) => r.count > 0 || r.line);
  const sum = (xs: { perChild: number }[]) => xs.reduce((s, x) => s + x.perChild, 0);
  const failing = new Set(c.checks.filter((x) => x.severity === 'error' && x.field.startsWith('items.')).map((x) => x.field.slice(6)));
  return html`
<h2>${t('countsCaption')}</h2>
${summaryList({
  items: [
    {
      term: t('priceTableLabel'),
      value: calc.priceTable.label ? `${calc.priceTable.label}${calc.priceTable.isSample ? t('sampleMark') : ''}` : t('noPriceTable'),
    },
  ],
})}
${dataTable({
  caption: t('countsCaption'),
  hideCaption: true,
  lang,
  rowHeader: 'cls',
  columns: [
    { key: 'cls', label: t('col.class') },
    { key: 'count', label: t('col.count'), numeric: true },
    { key: 'basic', label: t('col.basic'), numeric: true },
    { key: 'additions', label: t('col.additions'), numeric: true },
    { key: 'deductions', label: t('col.deductions'), numeric: true },
    { key: 'unit', label: t('col.unitPrice'), numeric: true },
    { key: 'amount', label: t('col.lineAmount'), numeric: true },
  ],
  rows: rows.map(({ k, count, line }) => ({
    cls: `${codeLabel('cert', k.certClass, lang)} ${codeLabel('age', k.ageBand, lang)} ${codeLabel('need', k.need, lang)}`,
    count,
    basic: line ? yen(line.basic) : '',
    additions: line ? yen(sum(line.additions)) : '',
    deductions: line ? yen(sum(line.deductions)) : '',
    unit: line ? yen(line.unitPrice) : '',
    amount: line ? yen(line.amount) : '',
  })),
})}
${
  calc.facilityAdditions.length
    ? dataTable({
        caption: t('facilityAdditionsCaption'),
        lang,
        columns: [
          { key: 'item', label: t('col.item') },
          { key: 'amount', label: t('col.lineAmount'), numeric: true },
        ],
        rows: calc.facilityAdditions.map((a) => ({ item: codeLabel('item', a.code, lang), amount: yen(a.amount) })),
      })
    : html``
}
<p class="total"><strong>${t('total')}: ${t('yen', { amount: yen(calc.total) })}</strong></p>
${dataTable({
  caption: t('itemsCaption'),
  lang,
  rowHeader: 'item',
  columns: [
    { key: 'item', label: t('col.item') },
    { key: 'claimed', label: t('col.claimed') },
    { key: 'from', label: t('col.effectiveFrom') },
    { key: 'conditions', label: t('col.conditions') },
  ],
  rows: c.items.map((i) => ({
    item: codeLabel('item', i.code, lang),
    claimed: i.claimed ? t('yes') : t('no'),
    from: i.effectiveFrom,
    conditions: i.claimed ? (failing.has(i.code) ? t('notMet') : t('met')) : '',
  })),
  emptyText: t('additionsNone'),
})}
${staffingList(lang, c.staffing, c.requiredCareFte)}`;
}

function render(
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  csrf: string,
  view: FormView,
  o: { errors?: PageErrors; done?: 'saved' | 'submitted' | 'withdrawn' | 'new-version' } = {},
) {
  const t = claimsMessages.in(lang);
  const c = view.content as MonthlyClaimContent;
  const url = `/facility/claims/monthly/${c.period}`;
  const title = t('monthlyTitle', { month: monthLabel(lang, c.period) });
  return claimsPage(req, actor, {
    title,
    facilityName: c.facility.name,
    hasErrors: Boolean(o.errors?.length),
    main: html`${refusalSummary(lang, o.errors ?? [])}${flashOf(lang, o.done)}
<h1>${title}</h1>
${statusPanel(lang, view)}
${factsNote(lang)}
${checksPanel(lang, c.checks, view.period.fiscalYear)}
${claimBody(lang, c)}
${actionButtons(lang, csrf, url, view)}
<p><a href="/facility/claims?fiscalYear=${view.period.fiscalYear}">${t('backToList')}</a></p>`,
  });
}

export function registerMonthlyClaimPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/claims/monthly/:month',
    summary: "The month's operating-cost claim computed from the roster, counts and items, with its checks",
    auth: 'facility',
    params,
    query: doneQuery,
    async handler({ req, lang, actor, params: p, query, csrf }) {
      return render(req, lang, actor, csrf, await viewForm(ctx, actor, 'monthly-claim', p.month), { done: query.done });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/claims/monthly/:month',
    summary: "Save, submit or start a new version of the month's claim",
    auth: 'facility',
    params,
    body: formActionBody,
    async handler({ req, lang, actor, params: p, body, csrf }) {
      const r = await runFormAction(ctx, req, lang, actor, { form: 'monthly-claim', period: p.month, action: body.action });
      if (!isRefusal(r)) return r;
      const view = await viewForm(ctx, actor, 'monthly-claim', p.month);
      return { html: render(req, lang, actor, csrf, view, { errors: r.errors }), status: r.status };
    },
  });
}
