/**
 * /facility/account — the password change, and the registered e-mail address shown masked with who
 * changes it (the city's childcare facility division, from the facility's notification): no field for it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, errorSummary, notice, summaryList, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { facilityCsrfField, renderFacilityPage } from '../../shared/facility-shell.js';
import type { FacilityActor } from '../../shared/facility-session.js';
import { changeOwnPassword } from '../change-own-password.js';
import { PASSWORD_MIN_LENGTH } from '../../../staff/index.js';
import { portalAuthMessages } from '../portal-auth.messages.js';
import { readPortalAccount, type PortalAccount } from '../read-account.js';

const passwordForm = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) });

type View = { errors?: FieldMessage[]; refusal?: string; isDone?: boolean };

const sameId = (field: string) => field;

function render(req: FastifyRequest, lang: Lang, actor: FacilityActor, a: PortalAccount, o: View): string {
  const m = portalAuthMessages.in(lang);
  const errors = o.errors ?? [];
  const main = html`<h1 class="page-title">${m('accountTitle')}</h1>
${o.isDone ? notice({ kind: 'success', body: m('passwordChanged') }) : ''}
${o.refusal ? notice({ kind: 'error', body: o.refusal }) : errorSummary({ title: m('checkForm'), errors, fieldId: sameId })}
${summaryList({
  items: [
    { term: m('you'), value: a.loginId },
    { term: m('registeredEmail'), value: a.maskedEmail },
  ],
})}
${notice({ kind: 'info', body: m('emailByCity') })}
<h2>${m('changePassword')}</h2>
<form method="post" action="/facility/account" novalidate>
  ${facilityCsrfField(actor)}
  ${textField({ lang, id: 'currentPassword', name: 'currentPassword', label: m('currentPassword'), type: 'password', autocomplete: 'current-password', required: true, errors })}
  ${textField({
    lang,
    id: 'newPassword',
    name: 'newPassword',
    label: m('newPassword'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    hint: m('newPasswordHint', { min: PASSWORD_MIN_LENGTH }),
    errors,
  })}
  ${button({ label: m('changePasswordButton') })}
</form>`;
  return renderFacilityPage(req, actor, { title: m('accountTitle'), main, facilityName: a.facility.name, hasErrors: errors.length > 0 });
}

export function registerAccountPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/account',
    summary: 'Facility portal: password change and the registered address (masked)',
    auth: 'facility',
    handler: async ({ req, lang, actor }) => render(req, lang, actor, await readPortalAccount(ctx, actor), {}),
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/account',
    summary: 'Facility portal: change the password',
    auth: 'facility',
    body: passwordForm,
    // passwords are never shown again
    invalid: async ({ req, lang, actor, raw }) =>
      render(req, lang, actor, await readPortalAccount(ctx, actor), {
        errors: (['currentPassword', 'newPassword'] as const)
          .filter((f) => !raw[f])
          .map((field) => ({ field, message: portalAuthMessages.t(lang, 'passwordRequired') })),
      }),
    async handler({ req, reply, lang, actor, body }) {
      try {
        await changeOwnPassword(ctx, req, actor, body);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
        const account = await readPortalAccount(ctx, actor);
        const fieldErrors = (err.extra.fieldErrors ?? []).map((f) => ({ field: f.field, message: f.message[lang] }));
        const view: View = fieldErrors.length ? { errors: fieldErrors } : { refusal: err.text[lang] };
        return { html: render(req, lang, actor, account, view), status: err.status };
      }
      return render(req, lang, actor, await readPortalAccount(ctx, actor), { isDone: true });
    },
  });
}
