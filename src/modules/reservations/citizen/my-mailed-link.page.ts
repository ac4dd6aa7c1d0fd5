/**
 * `/my/e/:token` — the single-use link mailed to an address. The GET only shows a button; the POST
 * spends the link and opens the list of that address's bookings (mail scanners that follow links
 * must not spend it). A used or expired link answers 410 with the log-in forms.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput, notice } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { citizenPage } from './citizen.view.js';
import { openMyBookingsByMailedLink } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { mailedLinkParams } from './my-page.schemas.js';
import { loginPage } from './my-page.view.js';

export function registerMyMailedLinkPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/e/:token',
    summary: 'The landing page of a mailed My Page link (a button; the link is spent by the POST)',
    auth: 'public',
    params: mailedLinkParams,
    handler({ req, lang, params, csrf }) {
      const t = myPageMessages.in(lang);
      const main = html`<h1 class="page-title">${t('openHeading')}</h1>
<form method="post" action="/my/e/${params.token}">
  ${csrfInput(csrf)}
  ${button({ label: t('showBookings') })}
</form>`;
      return citizenPage(req, t('openHeading'), main);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/my/e/:token',
    summary: "Spend a mailed My Page link: list that address's bookings",
    auth: 'public',
    csrf: 'form',
    params: mailedLinkParams,
    async handler({ req, reply, lang, params }) {
      if (await openMyBookingsByMailedLink(ctx, req, reply, params.token)) return redirect('/my');
      const intro = notice({ kind: 'error', body: myPageMessages.t(lang, 'linkUnusable') });
      return { html: loginPage(ctx, req, reply, { intro }), status: 410 };
    },
  });
}
