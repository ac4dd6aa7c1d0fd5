/**
 * /facility/login/code — step two: the code from the e-mail, for the challenge in this browser's
 * HttpOnly cookie (never in the URL). A public form with the anonymous form token. A right code opens the
 * session and goes to the portal home; a wrong one says how many tries are left; a dead, used or expired
 * challenge sends the person back to step one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, linkButton, notice, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { normaliseCode } from '../login-rules.js';
import { clearChallengeCookie, readChallengeCookie } from '../otp-cookie.js';
import { portalAuthMessages } from '../portal-auth.messages.js';
import { verifyFacilityCode } from '../verify-code.js';
import { renderLogInFrame } from './public-frame.js';

const t = portalAuthMessages;
const codeForm = z.object({
  code: z
    .string()
    .max(32)
    .refine((c) => normaliseCode(c) !== undefined),
});

type View = { errors?: FieldMessage[]; closed?: boolean; refusal?: string; csrf: string };

const sameId = (field: string) => field;

function render(req: FastifyRequest, lang: Lang, o: View): string {
  const m = t.in(lang);
  const errors = o.errors ?? [];
  const main = o.closed
    ? html`<h1 class="page-title">${m('codeTitle')}</h1>
${notice({ kind: 'error', body: o.refusal ?? m('noChallenge') })}
<p>${linkButton({ href: '/facility/login', label: m('startAgain') })}</p>`
    : html`<h1 class="page-title">${m('codeTitle')}</h1>
${o.refusal ? notice({ kind: 'error', body: o.refusal }) : errorSummary({ title: m('checkForm'), errors, fieldId: sameId })}
<p>${m('codeIntro')}</p>
<form method="post" action="/facility/login/code" novalidate>
  ${csrfInput(o.csrf)}
  ${textField({
    lang,
    id: 'code',
    name: 'code',
    label: m('code'),
    hint: m('codeHint'),
    required: true,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    maxLength: 32,
    errors,
  })}
  ${button({ label: m('confirmCode') })}
</form>
<p><a href="/facility/login">${m('startAgain')}</a></p>`;
  return renderLogInFrame(req, { title: m('codeTitle'), main, path: '/facility/login/code', hasErrors: errors.length > 0 });
}

export function registerCodePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/login/code',
    summary: 'Facility portal: the form for the e-mailed code',
    auth: 'public',
    handler({ req, lang, csrf }) {
      if (!readChallengeCookie(req)) return redirect('/facility/login');
      return render(req, lang, { csrf });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/login/code',
    summary: 'Facility portal: check the code, open the session',
    auth: 'public',
    csrf: 'form',
    csrfRefusalShowsForm: true,
    body: codeForm,
    invalid: ({ req, lang, errors, csrf }) =>
      errors.some((e) => e.field === '_csrf')
        ? render(req, lang, { refusal: t.t(lang, 'formExpired'), csrf })
        : render(req, lang, { errors: [{ field: 'code', message: t.t(lang, 'codeShape') }], csrf }),
    async handler({ req, reply, lang, body, csrf }) {
      const challengeId = readChallengeCookie(req);
      if (!challengeId) return { html: render(req, lang, { closed: true, csrf }), status: 401 };
      const c = await verifyFacilityCode(ctx, reply, { challengeId, code: body.code, clientIp: req.ip, requestId: req.id });
      if (c.result === 'ok') {
        clearChallengeCookie(reply);
        return redirect('/facility');
      }
      if (c.result === 'closed') {
        clearChallengeCookie(reply);
        return { html: render(req, lang, { closed: true, refusal: t.t(lang, 'codeClosed'), csrf }), status: 401 };
      }
      return {
        html: render(req, lang, { errors: [{ field: 'code', message: t.t(lang, 'codeWrong', { left: c.triesLeft }) }], csrf }),
        status: 401,
      };
    },
  });
}
