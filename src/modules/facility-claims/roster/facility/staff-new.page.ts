/**
 * /facility/staff/new — registering a person once: personal fields, hire date, role, employment and
 * hours, qualifications with the 保育士登録番号, prior experience. Checked as typed (the API's schema and
 * the roster's cross-field rules); a refused form comes back with everything typed and each message
 * next to its field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import { fieldErrorsOf } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, errorSummary, type FieldMessage, linkButton } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { type FacilityActor, facilityAuditContext } from '../../shared/facility-session.js';
import { facilityCsrfField, renderFacilityPage } from '../../shared/facility-shell.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { createStaffMember } from '../create-staff-member.js';
import { rosterMessages } from '../roster.messages.js';
import { createStaffBody, formBody, fromForm } from '../roster.schemas.js';
import { formErrors, personFields, type Raw, rawOf } from './roster.view.js';

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  raw: Raw,
  errors: FieldMessage[],
): Promise<string> {
  const t = rosterMessages.in(lang);
  const facility = await loadFacilityProfile(ctx.db, actor.facilityId);
  const main = html`<h1 class="page-title">${t('newTitle')}</h1>
${errorSummary({ title: t('checkForm'), errors })}
<form method="post" action="/facility/staff/new" novalidate>
  ${facilityCsrfField(actor)}
  ${personFields(lang, raw, errors, true)}
  <p>${button({ label: t('create') })}</p>
</form>
<p>${linkButton({ href: '/facility/staff', label: t('backToList'), kind: 'secondary' })}</p>`;
  return renderFacilityPage(req, actor, {
    title: t('newTitle'),
    main,
    active: 'roster',
    facilityName: facility?.name,
    hasErrors: errors.length > 0,
  });
}

export function registerStaffNewPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/staff/new',
    summary: 'The form registering a staff member',
    auth: 'facility',
    handler: ({ req, lang, actor }) => render(ctx, req, lang, actor, {}, []),
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/staff/new',
    summary: 'Register a staff member (checked as typed; everything typed kept on error)',
    auth: 'facility',
    body: formBody,
    async handler({ req, lang, actor, body }) {
      const raw = rawOf(body);
      const parsed = createStaffBody.safeParse(fromForm(body));
      if (!parsed.success) {
        const errors = formErrors(fieldErrorsOf(parsed.error), lang);
        return { html: await render(ctx, req, lang, actor, raw, errors), status: 422 };
      }
      try {
        const r = await createStaffMember(ctx, actor, parsed.data, facilityAuditContext(req, actor));
        return redirect(`/facility/staff/${r.id}?done=created`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return { html: await render(ctx, req, lang, actor, raw, formErrors(err.extra.fieldErrors ?? [], lang)), status: 422 };
      }
    },
  });
}
