/**
 * `/apply/:procedureId/step/:n` — one step of a procedure's form. GET shows the step with the answers
 * kept in this browser's draft; POST keeps what was typed in the draft and goes on:
 * 次へ (validates this step: refused answers come back with their messages and everything typed, 422),
 * 戻る (keeps what was typed unchecked), 表示を更新 (re-renders so questions shown only for some answers
 * appear — no script needed), 住所を検索 (fills the address from the postal code), あとで続ける.
 * A step with a file field posts multipart/form-data; the file is checked and stored by the attachments
 * part (storeUpload) under this browser's draft token, and the answer becomes the upload's id.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, errorSummary, notice, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { storeUpload } from '../attachments/store-upload.js';
import type { ProcedureDefinition } from '../procedures/definition.js';
import { fillAddress } from '../procedures/fill-address.js';
import { isFieldVisible, validateAnswers, type Answers } from '../procedures/index.js';
import { keepDraft, loadDraft } from '../submissions/drafts.js';
import { fileNamesOf } from '../submissions/file-names.js';
import { openProblem } from '../submissions/submit-application.js';
import { findPublishedProcedure, type PublishedProcedure } from '../submissions/submissions.repository.js';
import { applyMessages } from './apply.messages.js';
import { formBody, stepParams, stepQuery } from './apply.schemas.js';
import { applyPage, fieldControl, loc, type FormValues } from './apply.view.js';
import { ensureDraftToken } from './draft-cookie.js';

type Upload = { field: string; filename: string; mimetype: string; data: Buffer };
const uploads = new WeakMap<FastifyRequest, Upload[]>();

/** The procedure taking applications now, or the 404 / "not taking applications" answer. */
export async function openProcedure(ctx: AppContext, procedureId: string): Promise<PublishedProcedure> {
  const p = await findPublishedProcedure(ctx.db, procedureId);
  if (!p) throw errors.notFound();
  return p;
}

export function closedPage(req: FastifyRequest, p: PublishedProcedure, problem: 'notOpenYet' | 'closed'): { html: string; status: number } {
  const t = applyMessages.in(req.lang);
  const main = html`<h1>${loc(p.definition.title, req.lang)}</h1>${notice({ kind: 'warning', title: t('closedTitle'), body: problem === 'notOpenYet' ? t('notOpenYet') : t('closed') })}<p><a href="/apply">${t('navApply')}</a></p>`;
  return { html: applyPage(req, t('closedTitle'), main), status: 409 };
}

function renderStep(
  req: FastifyRequest,
  p: PublishedProcedure,
  n: number,
  values: FormValues,
  fileNames: Record<string, string>,
  errs: FieldMessage[],
  csrf: string,
  maxUploadMb: number,
) {
  const lang = req.lang;
  const t = applyMessages.in(lang);
  const def = p.definition;
  const step = def.steps[n - 1] as ProcedureDefinition['steps'][number];
  const shown = step.fields.filter((f) => isFieldVisible(f, values as Answers));
  const hasFile = shown.some((f) => f.type === 'file');
  // a question on this step decides whether another one on it shows: offer to update the form
  const controlsVisibility = step.fields.some((f) => step.fields.some((g) => g.showIf?.field === f.key));
  const last = n === def.steps.length;
  const fields = shown.map((f) => {
    const v = values[f.key];
    let extra;
    if (f.type === 'postalCode' && f.addressField)
      extra = html`<p>${button({ label: t('findAddress'), kind: 'secondary', name: '_action', value: `address:${f.key}`, small: true })}</p>`;
    if (f.type === 'file') {
      const name = typeof v === 'string' ? fileNames[v] : undefined;
      extra = html`<p class="hint">${t('fileHint', { mb: maxUploadMb })}</p>${name ? html`<p>${t('fileAttached', { name })} ${t('fileReplaceHint')}</p>` : ''}`;
    }
    return fieldControl(f, f.type === 'file' ? undefined : v, errs, lang, extra);
  });
  const action = `/apply/${p.id}/step/${n}`;
  // the summary names each field ("氏名: 入力してください。"), so a list of the same message still says where
  const labels = Object.fromEntries(step.fields.map((f) => [f.key, loc(f.label, lang)]));
  const main = html`${errorSummary({ title: t('errorTitle'), errors: errs, labels })}
<p class="step-count">${t('stepOf', { n, total: def.steps.length })}</p>
<h1>${loc(step.title, lang)}</h1>
<p>${loc(def.title, lang)}</p>
<p><a href="/privacy/procedures/${p.id}">${t('privacyLink')}</a></p>
<form method="post" action="${action}" novalidate${hasFile ? html` enctype="multipart/form-data"` : ''}>
  ${csrfInput(csrf)}
  ${fields}
  ${controlsVisibility ? html`<p class="hint">${t('refreshHint')}</p><p>${button({ label: t('refresh'), kind: 'secondary', name: '_action', value: 'refresh' })}</p>` : ''}
  <p>${button({ label: last ? t('toConfirm') : t('next'), name: '_action', value: 'next' })}</p>
  <p>${button({ label: t('back'), kind: 'secondary', name: '_action', value: 'back' })}
  ${button({ label: t('saveForLater'), kind: 'secondary', name: '_action', value: 'save' })}</p>
</form>`;
  return applyPage(req, `${loc(step.title, lang)} — ${loc(def.title, lang)}`, main, { hasErrors: errs.length > 0 });
}

/** The values this step's form sent, as typed (an unticked checkbox list sends nothing: it is empty now). */
function typedValues(def: ProcedureDefinition, n: number, body: Record<string, string | string[]>): FormValues {
  const out: FormValues = {};
  for (const f of def.steps[n - 1]?.fields ?? []) {
    const v = body[f.key];
    if (f.type === 'choice' && f.display === 'checkboxes') out[f.key] = v === undefined ? [] : [v].flat();
    else if (f.type === 'file')
      continue; // a stored upload's id is set by the handler; no new file keeps the earlier one
    else if (v !== undefined) out[f.key] = Array.isArray(v) ? (v[0] ?? '') : v;
  }
  return out;
}

export function registerStepPages(app: FastifyInstance, ctx: AppContext): void {
  const maxUploadMb = Math.floor(ctx.config.applications.uploadMaxBytes / (1024 * 1024));

  definePage(app, {
    method: 'GET',
    url: '/apply/:procedureId/step/:n',
    summary: 'One step of a procedure form, with the answers kept in this browser’s draft',
    auth: 'public',
    params: stepParams,
    query: stepQuery,
    async handler({ req, reply, params, query, csrf }) {
      const p = await openProcedure(ctx, params.procedureId);
      const problem = openProblem(p.definition, ctx.clock.now());
      if (problem) return closedPage(req, p, problem);
      if (params.n > p.definition.steps.length) throw errors.notFound();
      const token = ensureDraftToken(ctx, req, reply, p.id);
      const draft = await loadDraft(ctx, token);
      const values: FormValues = draft?.procedureId === p.id ? draft.answers : {};
      // from the confirm page: show this step's refusals
      const errs =
        query.check === '1'
          ? validateAnswers(p.definition, values, { steps: [params.n - 1], now: ctx.clock.now() }).errors.map((e) => ({
              field: e.field,
              message: e.message[req.lang],
            }))
          : [];
      const names = await fileNamesOf(ctx, Object.values(values).flat());
      return { html: renderStep(req, p, params.n, values, names, errs, csrf, maxUploadMb), status: errs.length ? 422 : 200 };
    },
  });

  void app.register(async (scope) => {
    // multipart only here: the file parts are read into memory (up to the upload limit) and stored by
    // the handler, after the declaration has checked the form token
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: ctx.config.applications.uploadMaxBytes, files: 10, fields: 200 },
      async onFile(this: FastifyRequest, part) {
        const data = await part.toBuffer();
        if (part.filename && data.length) {
          const list = uploads.get(this) ?? [];
          list.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data });
          uploads.set(this, list);
        }
        // the body keeps no bytes: the field's answer is set by the handler once stored
        (part as unknown as { value: string }).value = '';
      },
    });
    definePage(scope, {
      method: 'POST',
      url: '/apply/:procedureId/step/:n',
      summary: 'Keep a step’s answers in the draft and go on (next, back, update, find address, save for later)',
      auth: 'public',
      csrf: 'form',
      params: stepParams,
      body: formBody,
      async handler({ req, reply, lang, params, body, csrf }) {
        const p = await openProcedure(ctx, params.procedureId);
        const def = p.definition;
        if (params.n > def.steps.length) throw errors.notFound();
        const now = ctx.clock.now();
        const token = ensureDraftToken(ctx, req, reply, p.id);
        const draft = await loadDraft(ctx, token);
        const before: Answers = draft?.procedureId === p.id ? draft.answers : {};
        const typed = typedValues(def, params.n, body);
        const errs: FieldMessage[] = [];
        for (const u of uploads.get(req) ?? []) {
          const field = def.steps[params.n - 1]?.fields.find((f) => f.key === u.field && f.type === 'file');
          if (!field) continue;
          try {
            const stored = await storeUpload(ctx, {
              filename: u.filename,
              declaredType: u.mimetype,
              data: u.data,
              ownerToken: token,
              clientIp: req.ip,
              field: field.key,
            });
            typed[field.key] = stored.id;
          } catch (err) {
            if (!(err instanceof AppError) || err.status >= 500) throw err;
            errs.push(...(err.extra.fieldErrors?.length ? pageErrorsOf(err, lang) : [{ field: field.key, message: err.text[lang] }]));
          }
        }
        let answers: Answers = { ...before, ...typed };
        const action = typeof body._action === 'string' ? body._action : 'next';
        if (action.startsWith('address:')) answers = await fillAddress(def, answers);
        const result = validateAnswers(def, answers, { steps: [params.n - 1], now });
        if (action === 'next' && !errs.length && !result.errors.length) {
          // this step's answers as checked (normalised); hidden ones dropped
          for (const f of def.steps[params.n - 1]?.fields ?? []) delete answers[f.key];
          answers = { ...answers, ...result.answers };
        }
        await keepDraft(ctx, { token, procedureId: p.id, procedureVersion: p.version, answers, step: params.n, lang });
        if (action === 'back') return redirect(params.n > 1 ? `/apply/${p.id}/step/${params.n - 1}` : `/apply/${p.id}`);
        if (action === 'save') return redirect(`/apply/${p.id}/save`);
        if (action === 'next') {
          errs.push(...result.errors.map((e) => ({ field: e.field, message: e.message[lang] })));
          if (!errs.length) return redirect(params.n < def.steps.length ? `/apply/${p.id}/step/${params.n + 1}` : `/apply/${p.id}/confirm`);
        }
        const names = await fileNamesOf(ctx, Object.values(answers).flat());
        return {
          html: renderStep(req, p, params.n, answers, names, errs, csrf, maxUploadMb),
          status: errs.length ? 422 : 200,
        };
      },
    });
  });
}
