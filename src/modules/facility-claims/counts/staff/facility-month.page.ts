/**
 * /staff/facility-counts/:month/:facilityCode — one facility's counts of a month, its answer and its query,
 * with the answer form for the enrolment division (POST …/answer). Both childcare divisions may look.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { AppError, errors as httpErrors } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, type FieldMessage, notice, summaryList, textArea } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { renderStaffPage } from '../../../staff/index.js';
import { canFacility } from '../../facility.policy.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { answerCountQuery } from '../answer-count-query.js';
import { countMessages } from '../counts.messages.js';
import { answerBody, facilityMonthParams } from '../counts.schemas.js';
import { countsTable, monthText } from '../counts.view.js';
import { facilityMonthCounts } from '../read-counts.js';
import { z } from 'zod';

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: StaffActor,
  o: { month: string; facilityCode: string; csrf: string; answered?: boolean; raw?: string; errors?: FieldMessage[] },
): Promise<string> {
  const t = countMessages.in(lang);
  const d = await facilityMonthCounts(ctx.db, ctx.crypto, o.month, { facilityCode: o.facilityCode });
  if (!d) throw httpErrors.notFound();
  const errors = o.errors ?? [];
  const title = t('staff.detailTitle', { facility: d.facility.name, month: monthText(o.month, lang) });
  const mayAnswer = canFacility(actor, 'import-counts', ctx.config) && d.review.status === 'queried';
  const main = html`<h1 class="page-title">${title}</h1>
${o.answered ? notice({ kind: 'success', body: t('staff.answered') }) : ''}
${errorSummary({ title: t('checkInput'), errors })}
${summaryList({
  items: [
    { term: t('facilityCode'), value: d.facility.code },
    { term: t('status'), value: codeLabel('countStatus', d.review.status, lang) },
    {
      term: t('importedAt'),
      value: new Date(d.review.importedAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' }),
    },
    { term: t('queryText'), value: d.review.queryText ?? t('staff.noQuery') },
    ...(d.review.answerText ? [{ term: t('answerText'), value: d.review.answerText }] : []),
  ],
})}
${countsTable(lang, { caption: t('countsCaption', { month: monthText(o.month, lang) }), counts: d.counts })}
${
  mayAnswer
    ? html`<form method="post" action="/staff/facility-counts/${o.month}/${d.facility.code}/answer">
  ${csrfInput(o.csrf)}
  ${textArea({ name: 'answer', label: t('staff.answerLabel'), hint: t('staff.answerHint'), lang, required: true, errors, value: o.raw ?? '', maxLength: 2000, rows: 4 })}
  ${button({ label: t('staff.answerButton'), type: 'submit' })}
</form>`
    : ''
}
<p><a href="/staff/facility-counts?month=${o.month}">${t('staff.backToList')}</a></p>`;
  return renderStaffPage(req, { title, main, active: 'facility-counts' });
}

export function registerFacilityMonthPage(app: FastifyInstance, ctx: AppContext): void {
  const allow = (actor: StaffActor) => canFacility(actor, 'view', ctx.config);
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-counts/:month/:facilityCode',
    summary: "One facility's child counts of a month, with its query and the answer form",
    auth: 'staff',
    params: facilityMonthParams,
    query: z.object({ done: z.literal('answered').optional() }),
    allow,
    handler: (i) => render(ctx, i.req, i.lang, i.actor, { ...i.params, csrf: i.csrf, answered: i.query.done === 'answered' }),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/facility-counts/:month/:facilityCode/answer',
    summary: "Answer a facility's query about its child counts",
    auth: 'staff',
    params: facilityMonthParams,
    body: answerBody,
    allow,
    invalid: async (i) => ({
      html: await render(ctx, i.req, i.lang, i.actor, { ...i.params, csrf: i.csrf, raw: i.raw.answer, errors: i.errors }),
      status: 422,
    }),
    async handler(i) {
      try {
        await answerCountQuery(ctx, i.actor, auditContextOf(i.req), { ...i.params, answer: i.body.answer });
      } catch (err) {
        if (!(err instanceof AppError && err.status === 422)) throw err;
        return {
          html: await render(ctx, i.req, i.lang, i.actor, {
            ...i.params,
            csrf: i.csrf,
            raw: i.body.answer,
            errors: pageErrorsOf(err, i.lang),
          }),
          status: 422,
        };
      }
      return redirect(`/staff/facility-counts/${i.params.month}/${i.params.facilityCode}?done=answered`);
    },
  });
}
