/**
 * Renderers several My Page screens share: the two log-in forms (number + phone; a link by e-mail)
 * with the page around them, the answer for a booking this browser may not open, the details form,
 * and the answer when a change or cancellation is refused. Texts come from my-page.messages.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { formCsrfToken } from '../../../http/form-csrf.js';
import type { PageResult } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, errorSummary, notice, textField, type FieldMessage } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { MY_LINK_TTL_MINUTES } from '../my-page-link.js';
import { displayNumber, normaliseReservationNumber } from '../reservation-number.js';
import type { ReservationRow } from '../reservations.repository.js';
import type { Service } from '../services.repository.js';
import { citizenMessages } from './citizen.messages.js';
import { bookingFields, citizenPage, formErrorSummary, type FormValues } from './citizen.view.js';
import { myPageMessages } from './my-page.messages.js';

export { displayNumber };

export type LoginState = {
  /** The number + phone form was refused. */
  loginError?: string;
  number?: string;
  email?: string;
  emailError?: string;
  intro?: SafeHtml;
};

function loginForms(req: FastifyRequest, csrf: string, o: LoginState): SafeHtml {
  const lang = req.lang;
  const t = myPageMessages.in(lang);
  const loginErrors: FieldMessage[] = o.loginError ? [{ field: 'number', message: o.loginError }] : [];
  const emailErrors: FieldMessage[] = o.emailError ? [{ field: 'email', message: o.emailError }] : [];
  return html`<section aria-labelledby="login-one">
<h2 id="login-one">${t('oneHeading')}</h2>
<p>${t('oneIntro')}</p>
${errorSummary({ title: citizenMessages.t(lang, 'checkInput'), errors: loginErrors, fieldId: () => 'my-number' })}
<form method="post" action="/my/login" novalidate>
  ${csrfInput(csrf)}
  ${textField({
    lang,
    name: 'number',
    id: 'my-number',
    label: t('number'),
    hint: t('numberHint'),
    required: true,
    value: o.number ?? '',
    autocomplete: 'off',
    attributes: { autocapitalize: 'characters' },
  })}
  ${textField({ lang, name: 'phone', id: 'my-phone', label: t('phone'), type: 'tel', inputmode: 'tel', autocomplete: 'tel', required: true })}
  ${button({ label: t('showBooking') })}
</form>
</section>
<section aria-labelledby="login-email">
<h2 id="login-email">${t('emailHeading')}</h2>
<p>${t('emailIntro', { minutes: MY_LINK_TTL_MINUTES })}</p>
${errorSummary({ title: citizenMessages.t(lang, 'checkInput'), errors: emailErrors, fieldId: () => 'my-email', labels: { email: t('email') } })}
<form method="post" action="/my/email" novalidate>
  ${csrfInput(csrf)}
  ${textField({ lang, name: 'email', id: 'my-email', label: t('email'), type: 'email', autocomplete: 'email', required: true, value: o.email ?? '', errors: emailErrors })}
  ${button({ label: t('sendLink'), kind: 'secondary' })}
</form>
</section>`;
}

/** My Page for a browser without a session: how to open a booking or the list. */
export function loginPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, o: LoginState = {}): string {
  const t = myPageMessages.in(req.lang);
  const main = html`<h1 class="page-title">${t('loginHeading')}</h1>
${o.intro ?? ''}
${loginForms(req, formCsrfToken(ctx, req, reply), o)}`;
  return citizenPage(req, t('title'), main, { hasErrors: Boolean(o.loginError || o.emailError) });
}

/** A booking this browser may not open (yet): how to open it, with the form (a bookmark, another phone). 404. */
export function notOpenPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, rawNumber: string): PageResult {
  const t = myPageMessages.in(req.lang);
  const number = normaliseReservationNumber(rawNumber);
  const intro = notice({
    kind: 'warning',
    role: 'status',
    body: html`<p><strong>${t('notOpenTitle')}</strong></p>
  <p>${t('notOpenNotCancelled')}</p>
  <ul>
    <li>${t('notOpenByMail')}</li>
    <li>${t('notOpenByForm')}</li>
  </ul>`,
  });
  return { html: loginPage(ctx, req, reply, { number: number ? displayNumber(number) : '', intro }), status: 404 };
}

/** The details form of a booking, with what was typed and each field's error. */
export function editPage(
  req: FastifyRequest,
  csrf: string,
  r: ReservationRow,
  s: Service,
  v: FormValues,
  errs: readonly FieldMessage[],
): string {
  const lang = req.lang;
  const t = myPageMessages.in(lang);
  const main = html`<p><a href="/my/reservations/${r.reservationNumber}">${t('back')}</a></p>
<h1 class="page-title">${t('editHeading')}</h1>
${formErrorSummary(lang, s, errs)}
<form method="post" action="/my/reservations/${r.reservationNumber}/edit" novalidate>
  ${csrfInput(csrf)}
  ${bookingFields(lang, s, v, errs)}
  ${button({ label: t('save') })}
</form>`;
  return citizenPage(req, t('editHeading'), main, { hasErrors: errs.length > 0 });
}

/** A change or cancellation the booking rules refused (409 full, 422 not allowed now), with the way back; anything else is rethrown. */
export function changeRefusedPage(req: FastifyRequest, reservationNumber: string, err: unknown): PageResult {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
  const lang = req.lang;
  const t = myPageMessages.in(lang);
  const fieldMessages = (err.extra.fieldErrors ?? []).map((f) => f.message[lang]).join(' ');
  const message = err.status === 409 ? t('justFull') : fieldMessages || err.text[lang];
  const main = html`<h1 class="page-title">${t('notChanged')}</h1>
${notice({ kind: 'error', body: message })}
<p><a href="/my/reservations/${reservationNumber}">${t('backToBooking')}</a></p>`;
  return { html: citizenPage(req, t('notChanged'), main), status: err.status };
}
