/** /staff/facilities/new — register a childcare facility (administrators of the facility childcare division). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { createFacility } from '../create-facility.js';
import { facilitiesMessages } from '../facilities.messages.js';
import { createFacilityBody } from '../facilities.schemas.js';
import { staffActing } from '../facility-admin.js';
import { facilityFields, facilityPage, mayManage, rawOf } from './facility-form.view.js';

function render(req: FastifyRequest, lang: Lang, csrf: string, raw: Record<string, string>, errors: FieldMessage[]): string {
  const t = facilitiesMessages.in(lang);
  const main = html`<h1 class="page-title">${t('newTitle')}</h1>
${errorSummary({ title: t('checkForm'), errors })}
<form method="post" action="/staff/facilities/new" novalidate>
  ${csrfInput(csrf)}
  ${facilityFields(lang, raw, errors, { withCode: true })}
  ${button({ label: t('create') })}
</form>
<p><a href="/staff/facilities">${t('backToList')}</a></p>`;
  return facilityPage(req, t('newTitle'), main);
}

export function registerNewFacilityPage(app: FastifyInstance, ctx: AppContext): void {
  const allow = mayManage(ctx.config);
  definePage(app, {
    method: 'GET',
    url: '/staff/facilities/new',
    summary: 'Form registering a childcare facility',
    auth: 'staff',
    allow,
    handler: ({ req, lang, csrf }) => render(req, lang, csrf, {}, []),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/facilities/new',
    summary: 'Register a childcare facility (audited)',
    auth: 'staff',
    allow,
    body: createFacilityBody,
    invalid: ({ req, lang, csrf, raw, errors }) => render(req, lang, csrf, raw, errors),
    async handler({ req, lang, actor, body, csrf }) {
      try {
        const f = await createFacility(ctx, staffActing(req, actor), body);
        return redirect(`/staff/facilities/${f.id}?done=created`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return { html: render(req, lang, csrf, rawOf(req.body), pageErrorsOf(err, lang)), status: 422 };
      }
    },
  });
}
