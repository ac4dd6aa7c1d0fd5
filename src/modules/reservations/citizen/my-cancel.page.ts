/** `/my/reservations/:number/cancel` — "cancel this booking?" and the cancellation itself. */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, csrfInput } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { normaliseReservationNumber } from '../reservation-number.js';
import { citizenPage, svcName, whenText } from './citizen.view.js';
import { cancelMyBooking, requireMyBooking } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { bookingParams } from './my-page.schemas.js';
import { changeRefusedPage, displayNumber } from './my-page.view.js';

export function registerMyCancelPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/reservations/:number/cancel',
    summary: 'Cancel a booking: the question',
    auth: 'my-page',
    params: bookingParams,
    async handler({ req, lang, actor: session, params, csrf }) {
      const t = myPageMessages.in(lang);
      const { booking: r, service: s } = await requireMyBooking(ctx, session, params.number);
      const main = html`<h1 class="page-title">${t('cancelHeading')}</h1>
<div class="card"><p><strong>${svcName(s, lang)}</strong><br>${whenText(lang, r.start, r.end)}<br>${t('numberShort')}: ${displayNumber(r.reservationNumber)}</p></div>
<form method="post" action="/my/reservations/${r.reservationNumber}/cancel">
  ${csrfInput(csrf)}
  ${button({ label: t('cancelSubmit'), kind: 'danger' })}
</form>
<p><a href="/my/reservations/${r.reservationNumber}">${t('keepBooking')}</a></p>`;
      return citizenPage(req, t('cancelTitle'), main);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/my/reservations/:number/cancel',
    summary: 'Cancel a booking',
    auth: 'my-page',
    params: bookingParams,
    async handler({ req, actor: session, params }) {
      try {
        const r = await cancelMyBooking(ctx, session, params.number);
        return redirect(`/my/reservations/${r.reservationNumber}?cancelled=1`);
      } catch (err) {
        return changeRefusedPage(req, normaliseReservationNumber(params.number) ?? '', err);
      }
    },
  });
}
