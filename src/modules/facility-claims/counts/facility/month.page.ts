/**
 * /facility/counts/:month — the session's facility's counts of a month by class (認定区分・年齢区分・保育必要量)
 * with the total, the 確認しました button and the 照会 form; the city's answer when there is one.
 * Another facility's month does not exist here: every read takes the facility from the session.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect, type PageInput } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  errorSummary,
  type FieldMessage,
  notice,
  postButtonForm,
  summaryList,
  textArea,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import type { FacilityActor } from '../../shared/facility-session.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { facilityCsrfField, renderFacilityPage } from '../../shared/facility-shell.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { confirmCounts } from '../confirm-counts.js';
import { countMessages } from '../counts.messages.js';
import { confirmBody, monthParams, queryBody } from '../counts.schemas.js';
import { countsTable, monthText } from '../counts.view.js';
import { queryCounts } from '../query-counts.js';
import { facilityMonthCounts } from '../read-counts.js';
import { errors as httpErrors } from '../../../../http/errors.js';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

const doneQuery = z.object({ done: z.enum(['confirmed', 'queried']).optional() });

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  o: { month: string; csrf: string; done?: 'confirmed' | 'queried'; raw?: Record<string, string>; errors?: FieldMessage[] },
): Promise<string> {
  const t = countMessages.in(lang);
  const [d, profile] = await Promise.all([
    facilityMonthCounts(ctx.db, ctx.crypto, o.month, { facilityId: actor.facilityId }),
    loadFacilityProfile(ctx.db, actor.facilityId),
  ]);
  if (!d) throw httpErrors.notFound();
  const errors = o.errors ?? [];
  const title = t('facility.monthTitle', { month: monthText(o.month, lang) });
  const main = html`<h1 class="page-title">${title}</h1>
${o.done ? notice({ kind: 'success', body: t(o.done === 'confirmed' ? 'facility.confirmed' : 'facility.queried') }) : ''}
${errorSummary({ title: t('checkInput'), errors })}
${summaryList({
  items: [
    { term: t('status'), value: codeLabel('countStatus', d.review.status, lang) },
    {
      term: t('importedAt'),
      value: new Date(d.review.importedAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' }),
    },
    ...(d.review.queryText ? [{ term: t('queryText'), value: d.review.queryText }] : []),
    ...(d.review.answerText ? [{ term: t('answerText'), value: d.review.answerText }] : []),
  ],
})}
${countsTable(lang, { caption: t('countsCaption', { month: monthText(o.month, lang) }), counts: d.counts })}
${
  d.review.status === 'confirmed'
    ? ''
    : postButtonForm({
        action: `/facility/counts/${o.month}/confirm`,
        csrf: o.csrf,
        label: t('facility.confirmButton'),
        hidden: { importId: d.review.importId },
        confirm: t('facility.confirmQuestion'),
        confirmLabel: t('facility.confirmButton'),
      })
}
<h2>${t('queryTitle')}</h2>
<form method="post" action="/facility/counts/${o.month}/query">
  ${facilityCsrfField(actor)}
  ${textArea({ name: 'message', label: t('facility.queryLabel'), hint: t('facility.queryHint'), lang, required: true, errors, value: o.raw?.message ?? '', maxLength: 2000, rows: 4 })}
  ${button({ label: t('facility.queryButton'), kind: 'secondary', type: 'submit' })}
</form>
<p><a href="/facility/counts">${t('facility.back')}</a></p>`;
  return renderFacilityPage(req, actor, { title, main, active: 'counts', facilityName: profile?.name, hasErrors: errors.length > 0 });
}

type MonthInput = Pick<PageInput<'facility', typeof monthParams, z.ZodType, z.ZodType>, 'req' | 'lang' | 'actor' | 'params' | 'csrf'>;

export function registerFacilityMonthPage(app: FastifyInstance, ctx: AppContext): void {
  const again = async (i: MonthInput, raw: Record<string, string>, errors: FieldMessage[]) => ({
    html: await render(ctx, i.req, i.lang, i.actor, { month: i.params.month, csrf: i.csrf, raw, errors }),
    status: 422,
  });
  definePage(app, {
    method: 'GET',
    url: '/facility/counts/:month',
    summary: "A month's child counts of the session's facility, to confirm or query",
    auth: 'facility',
    params: monthParams,
    query: doneQuery,
    handler: (i) => render(ctx, i.req, i.lang, i.actor, { month: i.params.month, csrf: i.csrf, done: i.query.done }),
  });
  definePage(app, {
    method: 'POST',
    url: '/facility/counts/:month/confirm',
    summary: "Confirm a month's child counts",
    auth: 'facility',
    params: monthParams,
    body: confirmBody,
    invalid: (i) => again(i, i.raw, i.errors),
    async handler(i) {
      try {
        await confirmCounts(ctx, i.req, i.actor, { month: i.params.month, importId: i.body.importId });
      } catch (err) {
        if (err instanceof AppError && err.status === 422) return again(i, {}, pageErrorsOf(err, i.lang));
        throw err;
      }
      return redirect(`/facility/counts/${i.params.month}?done=confirmed`);
    },
  });
  definePage(app, {
    method: 'POST',
    url: '/facility/counts/:month/query',
    summary: "Send a query about a month's child counts to the city",
    auth: 'facility',
    params: monthParams,
    body: queryBody,
    invalid: (i) => again(i, i.raw, i.errors),
    async handler(i) {
      await queryCounts(ctx, i.req, i.actor, { month: i.params.month, message: i.body.message });
      return redirect(`/facility/counts/${i.params.month}?done=queried`);
    },
  });
}
