/** /staff/mfa — the second step of a log-in: a code from the authenticator app or a recovery code. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { button, csrfInput, errorSummary, textField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { actorForSession } from '../authenticator.js';
import { verifyMfaLogin } from '../mfa.js';
import { renderStaffPage } from '../staff-shell.js';
import { mfaCodeBody } from '../staff.schemas.js';
import { logInMessages } from './log-in.messages.js';
import { nextStep, refusalErrors, sameId } from './staff-pages.view.js';

function render(req: FastifyRequest, lang: Lang, csrf: string, errors: FieldMessage[] = []): string {
  const t = logInMessages.in(lang);
  const main = html`<h1 class="page-title">${t('mfaTitle')}</h1>
${errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<p>${t('mfaIntro')}</p>
<form method="post" action="/staff/mfa" novalidate>
  ${csrfInput(csrf)}
  ${textField({ lang, id: 'code', name: 'code', label: t('code'), autocomplete: 'one-time-code', inputmode: 'numeric', required: true, errors })}
  ${button({ label: t('verify') })}
</form>`;
  return renderStaffPage(req, { title: t('mfaTitle'), main });
}

export function registerMfaPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/mfa',
    summary: 'Second log-in step: enter a TOTP or recovery code',
    auth: 'staff',
    incompleteLogin: true,
    handler: ({ req, lang, actor, csrf }) => (actor.mfaPending ? render(req, lang, csrf) : redirect(nextStep(actor))),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/mfa',
    summary: 'Check the second-factor code and go to the next step',
    auth: 'staff',
    incompleteLogin: true,
    body: mfaCodeBody,
    invalid: ({ req, lang, csrf, errors }) => render(req, lang, csrf, errors),
    async handler({ req, reply, lang, actor, body, csrf }) {
      try {
        await verifyMfaLogin(ctx, actor, body.code, { clientIp: req.ip, requestId: req.id });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
        return { html: render(req, lang, csrf, refusalErrors(err, lang, 'code')), status: err.status };
      }
      const fresh = await actorForSession(ctx, actor.sessionTokenHash);
      return redirect(fresh ? nextStep(fresh) : '/staff/login');
    },
  });
}
