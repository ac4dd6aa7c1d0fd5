/**
 * `/apply/:procedureId/confirm` — the answers of every step with 修正 links back to their step and the
 * fee (300円 × 2通 = 600円); POST `/apply/:procedureId/submit` — 申請する: submits the draft (the one
 * submit operation), forgets the draft and opens the new application's page with its 整理番号.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, errorSummary, linkButton, notice, summaryList, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { computeFee, validateAnswers, type Answers } from '../procedures/index.js';
import { loadDraft } from '../submissions/drafts.js';
import { fileNamesOf } from '../submissions/file-names.js';
import { openProblem, submitApplication } from '../submissions/submit-application.js';
import type { PublishedProcedure } from '../submissions/submissions.repository.js';
import { applyMessages } from './apply.messages.js';
import { procedureParams } from './apply.schemas.js';
import { answerItems, applyPage, feeBreakdown, loc } from './apply.view.js';
import { clearDraftCookie, draftTokenOf } from './draft-cookie.js';
import { closedPage, openProcedure } from './step.page.js';

function draftGone(req: FastifyRequest, procedureId: string) {
  const t = applyMessages.in(req.lang);
  const main = html`<h1>${t('draftGone')}</h1>${notice({ kind: 'warning', body: t('draftGone') })}<p>${linkButton({ href: `/apply/${procedureId}/step/1`, label: t('startOver') })}</p>`;
  return { html: applyPage(req, t('draftGone'), main), status: 404 };
}

/** The step holding a field (to send 修正 and refusals there). */
const stepOf = (p: PublishedProcedure, key: string) => p.definition.steps.findIndex((s) => s.fields.some((f) => f.key === key)) + 1;

async function renderConfirm(
  ctx: AppContext,
  req: FastifyRequest,
  p: PublishedProcedure,
  answers: Answers,
  csrf: string,
  errs: FieldMessage[],
) {
  const lang = req.lang;
  const t = applyMessages.in(lang);
  const def = p.definition;
  const names = await fileNamesOf(ctx, Object.values(answers).flat());
  const items = answerItems(def, answers, names, lang, (index, f) => `/apply/${p.id}/step/${index + 1}#field-${f.key}`);
  const fee = computeFee(def, answers);
  const main = html`${errorSummary({
    title: t('errorTitle'),
    errors: errs,
    // the fields are on their steps: the summary names them; each row's 修正 link leads there
    labels: Object.fromEntries(def.steps.flatMap((s) => s.fields).map((f) => [f.key, loc(f.label, lang)])),
  })}
<h1>${t('confirmTitle')}</h1>
<p>${loc(def.title, lang)}</p>
<p>${t('confirmIntro')}</p>
${summaryList({ items })}
${def.fee ? html`<h2>${t('feeTitle')}</h2><p class="fee">${feeBreakdown(def, fee, lang)}</p>` : ''}
<form method="post" action="/apply/${p.id}/submit">
  ${csrfInput(csrf)}
  ${button({ label: t('submit') })}
</form>
<p><a href="/apply/${p.id}/step/${def.steps.length}">${t('back')}</a></p>`;
  return { html: applyPage(req, t('confirmTitle'), main, { hasErrors: errs.length > 0 }), status: errs.length ? 422 : 200 };
}

export function registerConfirmPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/apply/:procedureId/confirm',
    summary: 'Check every answer and the fee before submitting',
    auth: 'public',
    params: procedureParams,
    async handler({ req, params, csrf }) {
      const p = await openProcedure(ctx, params.procedureId);
      const problem = openProblem(p.definition, ctx.clock.now());
      if (problem) return closedPage(req, p, problem);
      const draft = await loadDraft(ctx, draftTokenOf(ctx, req));
      if (!draft || draft.procedureId !== p.id) return draftGone(req, p.id);
      // an answer refused now (a step skipped, a rule changed): back to its step with the message
      const { errors } = validateAnswers(p.definition, draft.answers, { now: ctx.clock.now() });
      if (errors[0]) return redirect(`/apply/${p.id}/step/${stepOf(p, errors[0].field)}?check=1`);
      return renderConfirm(ctx, req, p, draft.answers, csrf, []);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/apply/:procedureId/submit',
    summary: 'Submit the checked answers: the reference number at once',
    auth: 'public',
    csrf: 'form',
    params: procedureParams,
    async handler({ req, reply, lang, params, csrf }) {
      const p = await openProcedure(ctx, params.procedureId);
      const token = draftTokenOf(ctx, req);
      const draft = await loadDraft(ctx, token);
      if (!token || !draft || draft.procedureId !== p.id) return draftGone(req, p.id);
      try {
        const r = await submitApplication(ctx, {
          procedureId: p.id,
          answers: draft.answers,
          lang,
          channel: req.lineUserId ? 'line' : 'web',
          lineUserId: req.lineUserId ?? null,
          ownerToken: token,
          draftToken: token,
        });
        clearDraftCookie(ctx, reply, p.id);
        return redirect(`/applications/${r.referenceNumber}?t=${encodeURIComponent(r.accessToken)}&done=1`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.status === 422 && err.extra.fieldErrors?.length) {
          const errs = err.extra.fieldErrors.map((e) => ({ field: e.field.replace(/^answers\./, ''), message: e.message[lang] }));
          return renderConfirm(ctx, req, p, draft.answers, csrf, errs);
        }
        if (err.status === 409) {
          const t = applyMessages.in(lang);
          const main = html`<h1>${t('submitFailed')}</h1>${notice({ kind: 'error', body: err.text[lang] })}<p><a href="/apply">${t('navApply')}</a></p>`;
          return { html: applyPage(req, t('submitFailed'), main), status: 409 };
        }
        throw err;
      }
    },
  });
}
