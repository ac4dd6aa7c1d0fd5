/** /staff/facilities/:id/users/new — register a facility user from the facility's written notification (at most two active). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { jstDate } from '../../../../platform/japan-time.js';
import { button, csrfInput, dateField, errorSummary, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { createFacilityUser } from '../create-facility-user.js';
import { facilitiesMessages } from '../facilities.messages.js';
import { createUserBody, facilityIdParams } from '../facilities.schemas.js';
import { staffActing, type Acting } from '../facility-admin.js';
import { getFacility } from '../get-facility.js';
import { facilityPage, mayManage, rawOf } from './facility-form.view.js';

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  by: Acting,
  facilityId: string,
  csrf: string,
  raw: Record<string, string>,
  errors: FieldMessage[],
): Promise<string> {
  const f = await getFacility(ctx, by, facilityId);
  const lang = req.lang;
  const t = facilitiesMessages.in(lang);
  const base = { lang, errors };
  const title = t('newUserTitle', { name: f.name });
  const main = html`<h1 class="page-title">${title}</h1>
${errorSummary({ title: t('checkForm'), errors })}
<p>${t('usersIntro')}</p>
<form method="post" action="/staff/facilities/${f.id}/users/new" novalidate>
  ${csrfInput(csrf)}
  ${textField({ ...base, name: 'loginId', label: t('loginId'), hint: t('loginIdHint'), value: raw.loginId, required: true, maxLength: 40, autocomplete: 'off' })}
  ${textField({ ...base, name: 'displayName', label: t('displayName'), value: raw.displayName, required: true, maxLength: 100, autocomplete: 'off' })}
  ${textField({ ...base, name: 'email', label: t('email'), hint: t('emailHint'), type: 'email', value: raw.email, required: true, maxLength: 254, autocomplete: 'off' })}
  ${dateField({ ...base, name: 'notifiedOn', label: t('notifiedOn'), hint: t('notifiedOnHint'), value: raw.notifiedOn, max: jstDate(ctx.clock.now()) })}
  ${textField({ ...base, name: 'notificationRef', label: t('notificationRef'), hint: t('notificationRefHint'), value: raw.notificationRef, maxLength: 40 })}
  ${textField({ ...base, name: 'password', label: t('password'), hint: t('passwordHint'), type: 'password', autocomplete: 'new-password', value: '', required: true })}
  ${button({ label: t('create') })}
</form>
<p><a href="/staff/facilities/${f.id}">${t('backToFacility')}</a></p>`;
  return facilityPage(req, title, main);
}

export function registerNewFacilityUserPage(app: FastifyInstance, ctx: AppContext): void {
  const base = { auth: 'staff', allow: mayManage(ctx.config), params: facilityIdParams } as const;
  definePage(app, {
    ...base,
    method: 'GET',
    url: '/staff/facilities/:id/users/new',
    summary: 'Form registering a facility user',
    handler: ({ req, actor, params, csrf }) => render(ctx, req, staffActing(req, actor), params.id, csrf, {}, []),
  });
  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/facilities/:id/users/new',
    summary: 'Register a facility user (at most two active per facility; audited)',
    body: createUserBody,
    invalid: ({ req, actor, params, csrf, raw, errors }) => render(ctx, req, staffActing(req, actor), params.id, csrf, raw, errors),
    async handler({ req, lang, actor, params, body, csrf }) {
      const by = staffActing(req, actor);
      try {
        const u = await createFacilityUser(ctx, by, params.id, body);
        return redirect(`/staff/facilities/${params.id}?done=userCreated&user=${u.id}`);
      } catch (err) {
        // a refused field (422) or the limit of two (409) comes back at the form, with what was typed
        if (!(err instanceof AppError) || (err.status !== 422 && err.status !== 409)) throw err;
        const errors = err.status === 409 ? [{ field: 'loginId', message: err.text[lang] }] : pageErrorsOf(err, lang);
        return { html: await render(ctx, req, by, params.id, csrf, rawOf(req.body), errors), status: err.status };
      }
    },
  });
}
