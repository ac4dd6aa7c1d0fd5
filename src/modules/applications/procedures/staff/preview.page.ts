/** /staff/procedures/:id/preview — the newest version's form as citizens see it, every step on one page, read-only. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { summaryList } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { fieldControl } from '../field-control.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { getProcedureForStaff } from '../read-procedures.js';
import { builderMessages as bm } from './builder.messages.js';
import { backLink, builderPage, feeText, procedureParams, textIn } from './builder.view.js';

export function registerPreviewPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id/preview',
    summary: 'Read-only preview of the form citizens fill in',
    auth: 'staff',
    params: procedureParams,
    allow: (actor, { params }) => mayManageProcedure(ctx.db, actor, params.id),
    async handler(i) {
      const { newest } = await getProcedureForStaff(ctx.db, i.actor, i.params.id);
      const def = newest.definition;
      const t = bm.in(i.lang);
      const lang = i.lang;
      const title = t('previewTitle', { title: textIn(def.title, lang) });
      const steps = def.steps.map(
        (step, s) => html`<section class="card" aria-labelledby="preview-step-${s}">
  <h2 id="preview-step-${s}">${t('previewStep', { number: s + 1, total: def.steps.length, title: textIn(step.title, lang) })}</h2>
  ${step.fields.map(
    (f) =>
      html`${fieldControl(f, { lang })}${f.showIf ? html`<p class="hint">${t('previewCondition', { condition: t('conditionText', { key: f.showIf.field, values: f.showIf.equals.join(', ') }) })}</p>` : ''}`,
  )}
</section>`,
      );
      const main = html`<h1 class="page-title">${title}</h1>
<p>${t('previewIntro', { version: newest.version })}</p>
<h2>${textIn(def.title, lang)}</h2>
<p class="preserve-lines">${textIn(def.description, lang)}</p>
${summaryList({
  items: [
    { term: t('previewEligibility'), value: textIn(def.eligibility, lang) },
    { term: t('summaryFee'), value: feeText(lang, def) },
  ],
})}
<form action="#" method="get" aria-label="${title}"><fieldset disabled>${steps}</fieldset></form>
${backLink(`/staff/procedures/${i.params.id}`, t('backToProcedure'))}`;
      return builderPage(i.req, title, main);
    },
  });
}
