/** /staff/procedures/:id/steps/:step — rename a step (Japanese and English titles). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../../http/actor.js';
import { errors as httpErrors } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, type FieldMessage, textField } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import type { ProcedureDefinition } from '../definition.js';
import { renameStep } from '../edit-definition.js';
import { editProcedureDraft } from '../edit-procedure-draft.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { getProcedureForStaff } from '../read-procedures.js';
import { builderMessages as bm } from './builder.messages.js';
import { localised } from './builder-forms.js';
import { attempt, backLink, builderPage, procedureParams, textIn } from './builder.view.js';

const stepParams = procedureParams.extend({ step: z.coerce.number().int().min(0).max(20) });
const stepBody = z.object({ stepTitleJa: z.string().default(''), stepTitleEn: z.string().default('') });

function render(
  i: { req: Parameters<typeof builderPage>[0]; lang: Lang; csrf: string },
  id: string,
  def: ProcedureDefinition,
  step: number,
  raw: Record<string, string>,
  errors: FieldMessage[],
) {
  const s = def.steps[step];
  if (!s) throw httpErrors.notFound();
  const t = bm.in(i.lang);
  const title = t('stepRenameTitle', { title: textIn(s.title, i.lang) });
  const base = { lang: i.lang, errors };
  const main = html`<h1 class="page-title">${title}</h1>
${errorSummary({ title: t('checkInput'), errors })}
<form method="post" action="/staff/procedures/${id}/steps/${step}">
  ${csrfInput(i.csrf)}
  ${textField({ ...base, name: 'stepTitleJa', label: t('stepTitleJa'), required: true, value: raw.stepTitleJa ?? s.title.ja, maxLength: 100 })}
  ${textField({ ...base, name: 'stepTitleEn', label: t('stepTitleEn'), value: raw.stepTitleEn ?? s.title.en ?? '', maxLength: 100 })}
  ${button({ label: t('save'), type: 'submit' })}
</form>
${backLink(`/staff/procedures/${id}`, t('backToProcedure'))}`;
  return builderPage(i.req, title, main);
}

export function registerStepPage(app: FastifyInstance, ctx: AppContext): void {
  const allow = (actor: StaffActor, { params }: { params: { id: string } }) => mayManageProcedure(ctx.db, actor, params.id);
  const working = async (actor: StaffActor, id: string) => (await getProcedureForStaff(ctx.db, actor, id)).newest.definition;
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id/steps/:step',
    summary: 'Form to rename a step',
    auth: 'staff',
    params: stepParams,
    allow,
    handler: async (i) => render(i, i.params.id, await working(i.actor, i.params.id), i.params.step, {}, []),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/steps/:step',
    summary: 'Rename a step of the draft',
    auth: 'staff',
    params: stepParams,
    allow,
    body: stepBody,
    invalid: async (i) => ({
      html: render(i, i.params.id, await working(i.actor, i.params.id), i.params.step, i.raw, i.errors),
      status: 422,
    }),
    async handler(i) {
      const at = `steps.${i.params.step}.title`;
      const errors = await attempt(
        i.lang,
        () =>
          editProcedureDraft(
            ctx,
            i.actor,
            i.params.id,
            (d) => renameStep(d, i.params.step, localised(i.body.stepTitleJa, i.body.stepTitleEn)),
            {
              ...auditContextOf(i.req),
              what: 'step-rename',
            },
          ),
        (path) => (path.startsWith(`${at}.en`) ? 'stepTitleEn' : path.startsWith(at) ? 'stepTitleJa' : path),
      );
      if (errors) return { html: render(i, i.params.id, await working(i.actor, i.params.id), i.params.step, i.body, errors), status: 422 };
      return redirect(`/staff/procedures/${i.params.id}?done=saved`);
    },
  });
}
