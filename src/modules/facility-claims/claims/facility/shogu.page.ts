/**
 * `/facility/claims/shogu/:fy/:kind` — 処遇改善等加算 plan (申請) or results report (実績報告), 区分①②③:
 * the amounts computed from the roster (average experience as of April 1) and the counts, and one row
 * per person with the one fact these forms need — the wage improvement (yen a year, base pay and
 * allowances) — and the 区分③ group; save and submit (POST the same URL). What is typed is kept on error.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Lang } from '../../../../http/i18n.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, csrfInput, dataTable, selectField, summaryList, textField } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import type { FacilityActor } from '../../shared/facility-session.js';
import { codeLabel } from '../../shared/labels.messages.js';
import type { ShoguContent } from '../../shared/types.js';
import type { ShoguEntry } from '../build-shogu.js';
import { claimsMessages } from '../claims.messages.js';
import { doneQuery, shoguPageBody } from '../claims.schemas.js';
import { type FormView, viewForm } from '../read-submission.js';
import {
  actionButtons,
  checksPanel,
  claimsPage,
  factsNote,
  flashOf,
  type PageErrors,
  refusalSummary,
  statusPanel,
  yen,
} from './claim.view.js';
import { isRefusal, runFormAction } from './form-actions.js';

const params = z.object({ fy: z.string().regex(/^20\d{2}$/), kind: z.enum(['plan', 'report']) });
type Params = z.output<typeof params>;
const formOf = (kind: 'plan' | 'report') => (kind === 'plan' ? 'shogu-plan' : 'shogu-report');

/** The entries typed on the page: `improvement.<id>` (yen, commas allowed; empty is 0) and `group.<id>` (A, B or empty). */
function entriesFrom(content: ShoguContent, body: Record<string, unknown>): ShoguEntry[] {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return content.staff.map((s) => {
    const typed = str(`improvement.${s.staffId}`).replace(/[,\s]/g, '');
    const group = str(`group.${s.staffId}`);
    return {
      staffId: s.staffId,
      improvementYearly: typed === '' ? 0 : /^\d{1,9}$/.test(typed) ? Number(typed) : Number.NaN,
      kubun3Group: group === 'A' || group === 'B' ? group : null,
    };
  });
}

function render(
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  csrf: string,
  view: FormView,
  o: { errors?: PageErrors; typed?: Record<string, string>; done?: 'saved' | 'submitted' | 'withdrawn' | 'new-version' } = {},
) {
  const t = claimsMessages.in(lang);
  const c = view.content as ShoguContent;
  const kind = c.form === 'shogu-plan' ? 'plan' : 'report';
  const url = `/facility/claims/shogu/${c.period}/${kind}`;
  const title = t('shoguTitle', { form: codeLabel('form', c.form, lang), year: c.period });
  const status = view.current?.status;
  const editable = !view.isSnapshot && (!status || status === 'draft' || status === 'returned');
  const errors = o.errors ?? [];
  const typed = o.typed;
  const table = dataTable({
    caption: t('staffCaption'),
    lang,
    id: 'shogu-staff',
    rowHeader: 'name',
    columns: [
      { key: 'name', label: t('col.name') },
      { key: 'role', label: t('col.role') },
      { key: 'employment', label: t('col.employment') },
      { key: 'experience', label: t('col.experience'), numeric: true },
      { key: 'improvement', label: t('col.improvement'), numeric: !editable },
      { key: 'group', label: t('col.group') },
    ],
    rows: c.staff.map((s) => ({
      name: s.name,
      role: codeLabel('role', s.role, lang),
      employment: codeLabel('employment', s.employment, lang),
      experience: t('years', { n: s.experienceYears }),
      improvement: editable
        ? textField({
            name: `improvement.${s.staffId}`,
            errorKey: `staff.${s.staffId}.improvement`,
            label: t('improvementLabel', { name: s.name }),
            lang,
            inputmode: 'numeric',
            maxLength: 12,
            markOptional: false,
            value: typed ? (typed[`improvement.${s.staffId}`] ?? '') : String(s.improvementYearly),
            errors,
          })
        : yen(s.improvementYearly),
      group: editable
        ? selectField({
            name: `group.${s.staffId}`,
            label: t('groupLabel', { name: s.name }),
            lang,
            markOptional: false,
            options: [
              { value: '', label: t('groupNone') },
              { value: 'A', label: t('groupA') },
              { value: 'B', label: t('groupB') },
            ],
            value: typed ? (typed[`group.${s.staffId}`] ?? '') : (s.kubun3Group ?? ''),
          })
        : s.kubun3Group === 'A'
          ? t('groupA')
          : s.kubun3Group === 'B'
            ? t('groupB')
            : t('groupNone'),
    })),
    emptyText: t('checksNone'),
  });
  const amounts = summaryList({
    items: [
      { term: t('kubun1', { rate: c.kubun1.rate }), value: t('yen', { amount: yen(c.kubun1.yearlyAmount) }) },
      { term: t('kubun2', { rate: c.kubun2.rate }), value: t('yen', { amount: yen(c.kubun2.yearlyAmount) }) },
      { term: t('kubun3', { a: c.kubun3.personsA, b: c.kubun3.personsB }), value: t('yen', { amount: yen(c.kubun3.yearlyAmount) }) },
      { term: t('additionTotal'), value: t('yen', { amount: yen(c.totals.additionYearly) }) },
      { term: t('improvementTotal'), value: t('yen', { amount: yen(c.totals.improvementYearly) }) },
      { term: t('basePayShare'), value: `${Math.round(c.totals.basePayShare * 1000) / 10}%` },
      { term: t('staffing.averageExperience'), value: t('years', { n: c.averageExperienceYears }) },
    ],
  });
  const form = editable
    ? html`<form method="post" action="${url}" novalidate>${csrfInput(csrf)}${table}
<div class="button-row">${button({ label: t('save'), kind: 'secondary', name: 'action', value: 'save' })}${button({ label: t('submit'), name: 'action', value: 'submit' })}</div></form>`
    : table;
  return claimsPage(req, actor, {
    title,
    facilityName: c.facility.name,
    hasErrors: errors.length > 0,
    main: html`${refusalSummary(lang, errors)}${flashOf(lang, o.done)}
<h1>${title}</h1>
${statusPanel(lang, view)}
${factsNote(lang)}
${checksPanel(lang, c.checks, view.period.fiscalYear)}
<h2>${t('shoguAmounts')}</h2>
${amounts}
${form}
${actionButtons(lang, csrf, url, view, { saveAndSubmitInForm: true })}
<p><a href="/facility/claims?fiscalYear=${view.period.fiscalYear}">${t('backToList')}</a></p>`,
  });
}

export function registerShoguPage(app: FastifyInstance, ctx: AppContext): void {
  const load = (actor: FacilityActor, p: Params) => viewForm(ctx, actor, formOf(p.kind), p.fy);

  definePage(app, {
    method: 'GET',
    url: '/facility/claims/shogu/:fy/:kind',
    summary:
      'The pay improvement addition (shogu) plan or results report: amounts computed, one row per person with the improvement and kubun 3 group',
    auth: 'facility',
    params,
    query: doneQuery,
    async handler({ req, lang, actor, params: p, query, csrf }) {
      return render(req, lang, actor, csrf, await load(actor, p), { done: query.done });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/claims/shogu/:fy/:kind',
    summary: 'Save the improvements and groups, submit, or start a new version of a pay improvement addition (shogu) form',
    auth: 'facility',
    params,
    body: shoguPageBody,
    async invalid({ req, lang, actor, params: p, csrf, raw, errors }) {
      return render(req, lang, actor, csrf, await load(actor, p), { errors, typed: raw });
    },
    async handler({ req, lang, actor, params: p, body, csrf }) {
      const view = await load(actor, p);
      const entries = body.action === 'new-version' ? undefined : entriesFrom(view.content as ShoguContent, body);
      const r = await runFormAction(ctx, req, lang, actor, { form: formOf(p.kind), period: p.fy, action: body.action, entries });
      if (!isRefusal(r)) return r;
      const typed = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
      // a refused submit keeps what was saved; a refused save shows what was typed
      return {
        html: render(req, lang, actor, csrf, await load(actor, p), { errors: r.errors, typed: r.status === 422 ? typed : undefined }),
        status: r.status,
      };
    },
  });
}
