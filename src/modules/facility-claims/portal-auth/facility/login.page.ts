/**
 * /facility/login — step one of the facility log-in (log-in ID and password). A public form with the
 * anonymous form token (no login CSRF); the password step's own defences (lockout, throttles) apply
 * whatever the token. On success the challenge id goes into the HttpOnly, SameSite=Strict cookie of
 * otp-cookie.ts and the browser goes on to the code form. The typed ID is kept; the password never is.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, notice, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { readFacilitySession } from '../../shared/facility-session.js';
import { setChallengeCookie } from '../otp-cookie.js';
import { portalAuthMessages } from '../portal-auth.messages.js';
import { startFacilityLogIn } from '../start-log-in.js';
import { renderLogInFrame } from './public-frame.js';

const t = portalAuthMessages;
const loginForm = z.object({
  loginId: z
    .string()
    .max(100)
    .refine((v) => v.trim().length > 0),
  password: z.string().min(1).max(1024),
});

type View = { loginId?: string; errors?: FieldMessage[]; refusal?: string; csrf: string };

const sameId = (field: string) => field;

function render(req: FastifyRequest, lang: Lang, o: View): string {
  const m = t.in(lang);
  const errors = o.errors ?? [];
  const main = html`<h1 class="page-title">${m('loginTitle')}</h1>
${o.refusal ? notice({ kind: 'error', body: o.refusal }) : errorSummary({ title: m('checkForm'), errors, fieldId: sameId })}
<p>${m('loginIntro')}</p>
<form method="post" action="/facility/login" novalidate>
  ${csrfInput(o.csrf)}
  ${textField({ lang, id: 'loginId', name: 'loginId', label: m('loginId'), value: o.loginId, autocomplete: 'username', required: true, maxLength: 100, errors })}
  ${textField({ lang, id: 'password', name: 'password', label: m('password'), type: 'password', autocomplete: 'current-password', required: true, errors })}
  ${button({ label: m('logIn') })}
</form>`;
  return renderLogInFrame(req, { title: m('loginTitle'), main, path: '/facility/login', hasErrors: errors.length > 0 });
}

/** Field errors of the form in the reader's language (zod's own messages replaced by this form's). */
function formErrors(lang: Lang, raw: Record<string, string>): FieldMessage[] {
  const out: FieldMessage[] = [];
  if (!raw.loginId?.trim()) out.push({ field: 'loginId', message: t.t(lang, 'loginIdRequired') });
  if (!raw.password) out.push({ field: 'password', message: t.t(lang, 'passwordRequired') });
  return out;
}

export function registerLogInPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/login',
    summary: 'Facility portal: the log-in form (ID and password)',
    auth: 'public',
    async handler({ req, lang, csrf }) {
      if (await readFacilitySession(ctx, req)) return redirect('/facility');
      return render(req, lang, { csrf });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/login',
    summary: 'Facility portal: check the ID and password, mail the code, go to the code form',
    auth: 'public',
    csrf: 'form',
    csrfRefusalShowsForm: true,
    body: loginForm,
    invalid: ({ req, lang, raw, errors, csrf }) =>
      errors.some((e) => e.field === '_csrf')
        ? render(req, lang, { loginId: raw.loginId, refusal: t.t(lang, 'formExpired'), csrf })
        : render(req, lang, { loginId: raw.loginId, errors: formErrors(lang, raw), csrf }),
    async handler({ req, reply, lang, body, csrf }) {
      try {
        const r = await startFacilityLogIn(ctx, { loginId: body.loginId, password: body.password, clientIp: req.ip, requestId: req.id });
        setChallengeCookie(ctx, reply, r.challengeId);
        return redirect('/facility/login/code');
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
        const view: View = { loginId: body.loginId, csrf };
        // a wrong ID or password is the password field's error; a throttle is the whole form's
        if (err.status === 401)
          return { html: render(req, lang, { ...view, errors: [{ field: 'password', message: err.text[lang] }] }), status: 401 };
        return { html: render(req, lang, { ...view, refusal: err.text[lang] }), status: err.status };
      }
    },
  });
}
