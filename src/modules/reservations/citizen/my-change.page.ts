/** `/my/reservations/:number/change` — change of date and time, step 1: the calendar of the booking's service. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { html } from '../../../web/html.js';
import { calendarSection, citizenPage, whenText } from './citizen.view.js';
import { requireMyBooking } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { bookingParams, changeQuery } from './my-page.schemas.js';

export function registerMyChangePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/reservations/:number/change',
    summary: 'Change a booking: choose the new day',
    auth: 'my-page',
    params: bookingParams,
    query: changeQuery,
    async handler({ req, lang, actor: session, params, query }) {
      const t = myPageMessages.in(lang);
      const { booking: r, service: s } = await requireMyBooking(ctx, session, params.number);
      const today = jstDate(ctx.clock.now());
      // the month asked for, else the booking's month (this month when the booking is already past)
      const month = query.month ?? (jstDate(r.start) < today ? today : jstDate(r.start)).slice(0, 7);
      const main = html`<p><a href="/my/reservations/${r.reservationNumber}">${t('back')}</a></p>
<h1 class="page-title">${t('changeHeading')}</h1>
<p>${t('now')}: ${whenText(lang, r.start, r.end)}</p>
${await calendarSection(ctx, lang, s, month, `/my/reservations/${r.reservationNumber}/change`)}`;
      return citizenPage(req, t('changeTitle'), main);
    },
  });
}
