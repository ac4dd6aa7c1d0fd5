/**
 * `/facility/claims/additions/:fy/:level` — 加算認定申請 (national, prefecture, city): the items of that
 * level in effect, each with whether the roster and counts meet its conditions, the staff lines and the
 * staffing, the checks; save / submit (POST the same URL).
 */
import { describeItemValue } from '../../items/describe-item-value.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Lang } from '../../../../http/i18n.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { dataTable } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import type { FacilityActor } from '../../shared/facility-session.js';
import { codeLabel } from '../../shared/labels.messages.js';
import type { AdditionContent } from '../../shared/types.js';
import { claimsMessages } from '../claims.messages.js';
import { doneQuery, formActionBody } from '../claims.schemas.js';
import { type FormView, viewForm } from '../read-submission.js';
import {
  actionButtons,
  checksPanel,
  claimsPage,
  factsNote,
  flashOf,
  type PageErrors,
  refusalSummary,
  staffingList,
  statusPanel,
} from './claim.view.js';
import { isRefusal, runFormAction } from './form-actions.js';

const params = z.object({ fy: z.string().regex(/^20\d{2}$/), level: z.enum(['national', 'prefecture', 'city']) });
type Params = z.output<typeof params>;

function render(
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  csrf: string,
  view: FormView,
  o: { errors?: PageErrors; done?: 'saved' | 'submitted' | 'withdrawn' | 'new-version' } = {},
) {
  const t = claimsMessages.in(lang);
  const c = view.content as AdditionContent;
  const url = `/facility/claims/additions/${c.period}/${c.form.slice(9)}`;
  const title = t('additionsTitle', { form: codeLabel('form', c.form, lang), year: c.period });
  return claimsPage(req, actor, {
    title,
    facilityName: c.facility.name,
    hasErrors: Boolean(o.errors?.length),
    main: html`${refusalSummary(lang, o.errors ?? [])}${flashOf(lang, o.done)}
<h1>${title}</h1>
${statusPanel(lang, view)}
${factsNote(lang)}
${checksPanel(lang, c.checks, view.period.fiscalYear)}
${dataTable({
  caption: t('additionsCaption'),
  lang,
  rowHeader: 'item',
  columns: [
    { key: 'item', label: t('col.item') },
    { key: 'claimed', label: t('col.claimed') },
    { key: 'from', label: t('col.effectiveFrom') },
    { key: 'value', label: t('col.value') },
    { key: 'conditions', label: t('col.conditions') },
  ],
  rows: c.additions.map((a) => ({
    item: codeLabel('item', a.code, lang),
    claimed: a.claimed ? t('yes') : t('no'),
    from: a.effectiveFrom,
    value: describeItemValue(a.value, lang),
    conditions: a.claimed ? (a.conditionsMet ? t('met') : t('notMet')) : '',
  })),
  emptyText: t('additionsNone'),
})}
${staffingList(lang, c.staffing)}
${dataTable({
  caption: t('link.roster'),
  lang,
  rowHeader: 'name',
  columns: [
    { key: 'name', label: t('col.name') },
    { key: 'role', label: t('col.role') },
    { key: 'employment', label: t('col.employment') },
    { key: 'qualifications', label: t('col.qualifications') },
    { key: 'hiredOn', label: t('col.hiredOn') },
    { key: 'experience', label: t('col.experience'), numeric: true },
  ],
  rows: c.staff.map((s) => ({
    name: s.name,
    role: codeLabel('role', s.role, lang),
    employment: codeLabel('employment', s.employment, lang),
    qualifications: s.qualifications.map((q) => codeLabel('qualification', q, lang)).join(', '),
    hiredOn: s.hiredOn,
    experience: t('years', { n: s.experienceYears }),
  })),
})}
${actionButtons(lang, csrf, url, view)}
<p><a href="/facility/claims?fiscalYear=${view.period.fiscalYear}">${t('backToList')}</a></p>`,
  });
}

export function registerAdditionsPage(app: FastifyInstance, ctx: AppContext): void {
  const load = (actor: FacilityActor, p: Params) => viewForm(ctx, actor, `addition-${p.level}`, p.fy);

  definePage(app, {
    method: 'GET',
    url: '/facility/claims/additions/:fy/:level',
    summary: 'The addition application of one level (national, prefecture, city) filled from the items and the roster',
    auth: 'facility',
    params,
    query: doneQuery,
    async handler({ req, lang, actor, params: p, query, csrf }) {
      return render(req, lang, actor, csrf, await load(actor, p), { done: query.done });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/claims/additions/:fy/:level',
    summary: 'Save, submit or start a new version of an addition application',
    auth: 'facility',
    params,
    body: formActionBody,
    async handler({ req, lang, actor, params: p, body, csrf }) {
      const r = await runFormAction(ctx, req, lang, actor, { form: `addition-${p.level}`, period: p.fy, action: body.action });
      if (!isRefusal(r)) return r;
      return { html: render(req, lang, actor, csrf, await load(actor, p), { errors: r.errors }), status: r.status };
    },
  });
}
