/**
 * `/apply/:procedureId/save` — あとで続ける: asks an e-mail address, keeps the draft with it and mails a
 * link to continue (valid APPLICATION_RESUME_DAYS). `/apply/resume/:token` — the mailed link: binds
 * this browser to the draft (the cookie) and opens the step it was left at.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, errorSummary, notice, textField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { citizenDateTime } from '../submissions/confirmation-mail.js';
import { loadDraft, resumeDraft, saveDraft } from '../submissions/drafts.js';
import { applyMessages } from './apply.messages.js';
import { procedureParams, resumeParams, saveBody } from './apply.schemas.js';
import { applyPage, loc } from './apply.view.js';
import { draftTokenOf, ensureDraftToken, setDraftCookie } from './draft-cookie.js';
import { openProcedure } from './step.page.js';

export function registerSavePages(app: FastifyInstance, ctx: AppContext): void {
  const form = (
    req: Parameters<typeof applyPage>[0],
    procedureId: string,
    title: string,
    csrf: string,
    email: string,
    errs: FieldMessage[],
  ) => {
    const t = applyMessages.in(req.lang);
    const main = html`${errorSummary({ title: t('errorTitle'), errors: errs })}
<h1>${t('saveTitle')}</h1>
<p>${title}</p>
<p>${t('saveIntro', { days: ctx.config.applications.resumeLinkDays })}</p>
<form method="post" action="/apply/${procedureId}/save" novalidate>
  ${csrfInput(csrf)}
  ${textField({ name: 'email', label: t('emailLabel'), lang: req.lang, type: 'email', autocomplete: 'email', value: email, required: true, errors: errs })}
  ${button({ label: t('saveButton') })}
</form>
<p><a href="/apply/${procedureId}/step/1">${t('backToForm')}</a></p>`;
    return applyPage(req, t('saveTitle'), main, { hasErrors: errs.length > 0 });
  };

  definePage(app, {
    method: 'GET',
    url: '/apply/:procedureId/save',
    summary: 'Continue later: ask the e-mail address the resume link goes to',
    auth: 'public',
    params: procedureParams,
    async handler({ req, params, csrf }) {
      const p = await openProcedure(ctx, params.procedureId);
      const draft = await loadDraft(ctx, draftTokenOf(ctx, req));
      const email =
        draft?.email ??
        (typeof draft?.answers[p.definition.contactEmailField] === 'string'
          ? (draft.answers[p.definition.contactEmailField] as string)
          : '');
      return form(req, p.id, loc(p.definition.title, req.lang), csrf, email, []);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/apply/:procedureId/save',
    summary: 'Continue later: keep the draft with the e-mail address and mail the resume link',
    auth: 'public',
    csrf: 'form',
    params: procedureParams,
    body: saveBody,
    async handler({ req, reply, lang, params, body, csrf }) {
      const t = applyMessages.in(lang);
      const p = await openProcedure(ctx, params.procedureId);
      const token = ensureDraftToken(ctx, req, reply, p.id);
      const draft = await loadDraft(ctx, token);
      try {
        const saved = await saveDraft(ctx, {
          token,
          procedureId: p.id,
          procedureVersion: p.version,
          answers: draft?.procedureId === p.id ? draft.answers : {},
          step: draft?.step ?? 1,
          lang,
          email: body.email,
        });
        const main = html`<h1>${t('savedTitle')}</h1>${notice({ kind: 'success', body: t('savedBody', { date: citizenDateTime(saved.expiresAt, lang) }) })}
<p><a href="/apply/${p.id}/step/${draft?.step ?? 1}">${t('backToForm')}</a></p>`;
        return applyPage(req, t('savedTitle'), main);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return { html: form(req, p.id, loc(p.definition.title, lang), csrf, body.email, pageErrorsOf(err, lang)), status: 422 };
      }
    },
  });

  definePage(app, {
    method: 'GET',
    url: '/apply/resume/:token',
    summary: 'The mailed resume link: bind this browser to the draft and open its step',
    auth: 'public',
    params: resumeParams,
    async handler({ reply, params }) {
      const draft = await resumeDraft(ctx, params.token);
      setDraftCookie(ctx, reply, draft.procedureId, params.token);
      return redirect(`/apply/${draft.procedureId}/step/${Math.max(1, draft.step)}`);
    },
  });
}
