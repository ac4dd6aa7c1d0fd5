/**
 * POST `/my/email` — ask for a link that lists the bookings made with an address. The answer is the
 * same whether or not there are bookings with it (requestMyPageLink only enqueues; the job decides).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { notice } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { MY_LINK_TTL_MINUTES, requestMyPageLink } from '../my-page-link.js';
import { citizenPage } from './citizen.view.js';
import { myPageMessages } from './my-page.messages.js';
import { emailBody } from './my-page.schemas.js';
import { loginPage } from './my-page.view.js';

export function registerMyEmailPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/my/email',
    summary: 'Ask for a link by e-mail that lists the bookings made with the address',
    auth: 'public',
    csrf: 'form',
    body: emailBody,
    async handler({ req, reply, lang, body }) {
      const t = myPageMessages.in(lang);
      try {
        await requestMyPageLink(ctx, { email: body.email, clientIp: req.ip, lang });
      } catch (err) {
        const emailError =
          err instanceof AppError && err.status === 422 ? err.extra.fieldErrors?.find((f) => f.field === 'email') : undefined;
        if (!emailError) throw err;
        return { html: loginPage(ctx, req, reply, { email: body.email, emailError: emailError.message[lang] }), status: 422 };
      }
      const main = html`<h1 class="page-title">${t('checkMailHeading')}</h1>
${notice({ kind: 'success', body: t('checkMailSent', { minutes: MY_LINK_TTL_MINUTES }) })}
<p>${t('checkMailNone')} <a href="/my">${t('toMyPage')}</a></p>`;
      return citizenPage(req, t('checkMailTitle'), main);
    },
  });
}
