/**
 * `/card` — the log-in form (the log-in ID and password printed on the letter; the shipping number
 * too while the circuit breaker is tripped) and POST `/card/login`. A public form with the anonymous
 * form token; a refused log-in keeps the typed ID (only the password is typed again).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, csrfInput, notice, textField } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { siteKeypad } from '../card-office.js';
import { startCardSession } from '../card-session.js';
import { credentialError } from '../credential-error.js';
import { readBreaker, verifyCardCredential } from '../verify-credential.js';
import { cardSiteMessages } from './card-site.messages.js';
import { cardPage } from './card-site.view.js';

const text = z.string().catch('');
const loginQuery = z.object({ id: z.string().optional().catch(undefined) });
const loginBody = z.object({ reservationId: text, password: text, shippingNo: z.string().optional().catch(undefined) });

async function loginPage(
  ctx: AppContext,
  req: FastifyRequest,
  csrf: string,
  o: { error?: string; typedId?: string } = {},
): Promise<string> {
  const lang = req.lang;
  const t = cardSiteMessages.in(lang);
  const settings = await readBreaker(ctx);
  const numeric = (await siteKeypad(ctx.db, settings.login_keypad)) === 'numeric';
  const main = html`<h1 class="page-title">${t('loginHeading')}</h1>
${o.error ? notice({ kind: 'error', body: o.error }) : ''}
<p>${t('loginIntro')}</p>
<form method="post" action="/card/login">${csrfInput(csrf)}
${textField({ lang, name: 'reservationId', id: 'rid', label: t('loginId'), hint: t('loginIdHint'), required: true, autocomplete: 'off', value: (o.typedId ?? '').slice(0, 20) })}
${textField({ lang, name: 'password', id: 'pw', type: 'password', label: t('password'), hint: t('passwordHint'), required: true, autocomplete: 'off', inputmode: numeric ? 'numeric' : undefined })}
${settings.isTripped ? textField({ lang, name: 'shippingNo', id: 'ship', label: t('shippingNo'), hint: t('shippingNoHint'), required: true, autocomplete: 'off' }) : ''}
${button({ label: t('loginButton') })}</form>`;
  return cardPage(req, { title: t('loginTitle'), main, path: req.method === 'GET' ? req.url : '/card' });
}

export function registerLoginPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/card',
    summary: 'Card booking site: the log-in form',
    auth: 'public',
    query: loginQuery,
    handler: ({ req, query, csrf }) => loginPage(ctx, req, csrf, { typedId: query.id }),
  });

  definePage(app, {
    method: 'POST',
    url: '/card/login',
    summary: 'Card booking site: log in with the letter’s log-in ID and password',
    auth: 'public',
    csrf: 'form',
    body: loginBody,
    csrfRefusalShowsForm: true,
    // only a refused token comes here (every field reads as text): the form again, the typed ID kept
    invalid: async ({ req, lang, raw, csrf }) =>
      loginPage(ctx, req, csrf, { error: cardSiteMessages.t(lang, 'loginExpired'), typedId: raw.reservationId }),
    async handler({ req, reply, lang, body, csrf }) {
      const c = await verifyCardCredential(ctx, { ...body, clientIp: req.ip });
      if (c.result !== 'ok') {
        const e = credentialError(c);
        if (e.extra.retryAfterSeconds) reply.header('Retry-After', String(e.extra.retryAfterSeconds));
        const error = e.text[lang].replace('{seconds}', String(e.extra.retryAfterSeconds ?? ''));
        return { html: await loginPage(ctx, req, csrf, { error, typedId: body.reservationId }), status: e.status };
      }
      await startCardSession(ctx, reply as FastifyReply, c.reservationId);
      return redirect('/card/booking');
    },
  });
}
