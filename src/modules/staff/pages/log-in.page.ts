/**
 * /staff/login — the password step of a staff log-in.
 *
 * CSRF: the form carries the anonymous form token (csrf: 'form'), so another site cannot log a
 * member of staff into an account of its choosing (login CSRF). A token refused because the page was
 * left open shows the form again with the login ID kept. Guessing is throttled by logIn itself: per
 * account (lockout) and per account and address, whatever the token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { Lang } from '../../../platform/i18n.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, errorSummary, notice, textField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { actorForSession } from '../authenticator.js';
import { logIn } from '../log-in.js';
import { setSessionCookie } from '../sessions.js';
import { renderStaffPage } from '../staff-shell.js';
import { logInBody } from '../staff.schemas.js';
import { logInMessages } from './log-in.messages.js';
import { nextStep, refusalErrors, safeNext, sameId } from './staff-pages.view.js';

const loginQuery = z.object({ next: z.string().max(500).optional() });
const loginForm = logInBody.extend({ next: z.string().max(500).optional() });

type View = { loginId?: string; next?: string; errors?: FieldMessage[]; refusal?: string; csrf: string };

function render(req: FastifyRequest, lang: Lang, o: View): string {
  const t = logInMessages.in(lang);
  const errors = o.errors ?? [];
  const main = html`<h1 class="page-title">${t('logInTitle')}</h1>
${o.refusal ? notice({ kind: 'error', body: o.refusal }) : errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<form method="post" action="/staff/login" novalidate>
  ${csrfInput(o.csrf)}
  <input type="hidden" name="next" value="${safeNext(o.next)}">
  ${textField({ lang, id: 'loginId', name: 'loginId', label: t('loginId'), value: o.loginId, autocomplete: 'username', required: true, errors })}
  ${textField({ lang, id: 'password', name: 'password', label: t('password'), type: 'password', autocomplete: 'current-password', required: true, errors })}
  ${button({ label: t('logIn') })}
</form>`;
  return renderStaffPage(req, { title: t('logInTitle'), main });
}

export function registerLogInPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/login',
    summary: 'Staff log-in form (password step)',
    auth: 'public',
    query: loginQuery,
    handler: ({ req, lang, query, csrf }) => render(req, lang, { next: query.next, csrf }),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/login',
    summary: 'Staff log-in: check the password, start the session, go to the next step',
    auth: 'public',
    csrf: 'form',
    csrfRefusalShowsForm: true,
    body: loginForm,
    // The password is never shown again.
    invalid: ({ req, lang, raw, errors, csrf }) => render(req, lang, { loginId: raw.loginId, next: raw.next, errors, csrf }),
    async handler({ req, reply, lang, body, csrf }) {
      try {
        const r = await logIn(ctx, {
          loginId: body.loginId,
          password: body.password,
          clientIp: req.ip,
          userAgent: String(req.headers['user-agent'] ?? ''),
          requestId: req.id,
        });
        setSessionCookie(reply, ctx.config, r.token);
        const actor = await actorForSession(ctx, r.tokenHash);
        return redirect(actor ? nextStep(actor, safeNext(body.next)) : '/staff/login');
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
        const message = refusalErrors(err, lang, 'password')
          .map((e) => e.message)
          .join(' ');
        // A wrong password is the password field's error; a lock, throttle or network refusal is the whole form's.
        const view: View = { loginId: body.loginId, next: body.next, csrf };
        if (err.status === 401) return { html: render(req, lang, { ...view, errors: [{ field: 'password', message }] }), status: 401 };
        return { html: render(req, lang, { ...view, refusal: message }), status: err.status };
      }
    },
  });
}
