/** /staff/procedures/new — a new procedure (title, description, who may apply) in a department the person administers. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, type FieldMessage, selectField, textArea, textField } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { createProcedure } from '../create-procedure.js';
import { managedDepartmentIds } from '../find-managed-procedure.js';
import { builderMessages as bm } from './builder.messages.js';
import { localised, settingsErrorName, settingsFormBody } from './builder-forms.js';
import { attempt, backLink, builderPage, one, rawForm } from './builder.view.js';

const newBody = settingsFormBody
  .pick({
    titleJa: true,
    titleEn: true,
    descriptionJa: true,
    descriptionEn: true,
    eligibilityJa: true,
    eligibilityEn: true,
  })
  .extend({ departmentId: settingsFormBody.shape.titleJa });

function render(
  req: FastifyRequest,
  lang: Lang,
  actor: StaffActor,
  csrf: string,
  raw: Record<string, string | string[]>,
  errors: FieldMessage[],
) {
  const t = bm.in(lang);
  const managed = managedDepartmentIds(actor);
  const departments = actor.memberships.filter(
    (m, k, all) => managed.includes(m.departmentId) && all.findIndex((x) => x.departmentId === m.departmentId) === k,
  );
  const base = { lang, errors };
  const main = html`<h1 class="page-title">${t('newTitle')}</h1>
${errorSummary({ title: t('checkInput'), errors })}
<p>${t('newIntro')}</p>
<form method="post" action="/staff/procedures/new">
  ${csrfInput(csrf)}
  ${selectField({
    ...base,
    name: 'departmentId',
    label: t('department'),
    required: true,
    value: one(raw.departmentId) || departments[0]?.departmentId,
    options: departments.map((d) => ({ value: d.departmentId, label: d.departmentName })),
  })}
  ${textField({ ...base, name: 'titleJa', label: t('titleJa'), required: true, value: one(raw.titleJa), maxLength: 100 })}
  ${textField({ ...base, name: 'titleEn', label: t('titleEn'), value: one(raw.titleEn), maxLength: 100 })}
  ${textArea({ ...base, name: 'descriptionJa', label: t('descriptionJa'), required: true, value: one(raw.descriptionJa), rows: 4 })}
  ${textArea({ ...base, name: 'descriptionEn', label: t('descriptionEn'), value: one(raw.descriptionEn), rows: 4 })}
  ${textArea({ ...base, name: 'eligibilityJa', label: t('eligibilityJa'), required: true, value: one(raw.eligibilityJa), rows: 2 })}
  ${textArea({ ...base, name: 'eligibilityEn', label: t('eligibilityEn'), value: one(raw.eligibilityEn), rows: 2 })}
  ${button({ label: t('create'), type: 'submit' })}
</form>
${backLink('/staff/procedures', t('backToList'))}`;
  return builderPage(req, t('newTitle'), main);
}

export function registerNewProcedurePage(app: FastifyInstance, ctx: AppContext): void {
  const allow = (actor: Parameters<typeof managedDepartmentIds>[0]) => managedDepartmentIds(actor).length > 0;
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/new',
    summary: 'Form for a new procedure',
    auth: 'staff',
    allow,
    deny: 403,
    handler: (i) => render(i.req, i.lang, i.actor, i.csrf, {}, []),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/new',
    summary: 'Create a procedure (draft version 1)',
    auth: 'staff',
    allow,
    deny: 403,
    body: newBody,
    invalid: (i) => ({ html: render(i.req, i.lang, i.actor, i.csrf, i.raw, i.errors), status: 422 }),
    async handler(i) {
      const b = i.body;
      let id = '';
      const errors = await attempt(
        i.lang,
        async () => {
          id = await createProcedure(
            ctx,
            i.actor,
            b.departmentId,
            {
              title: localised(b.titleJa, b.titleEn),
              description: localised(b.descriptionJa, b.descriptionEn),
              eligibility: localised(b.eligibilityJa, b.eligibilityEn),
            },
            auditContextOf(i.req),
          );
        },
        settingsErrorName,
      );
      if (errors) return { html: render(i.req, i.lang, i.actor, i.csrf, rawForm(i.req.body), errors), status: 422 };
      return redirect(`/staff/procedures/${id}?done=created`);
    },
  });
}
