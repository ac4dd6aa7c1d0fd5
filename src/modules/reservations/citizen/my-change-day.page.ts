/** `/my/reservations/:number/change/days/:date` — change of date and time, step 2: the free times of a day. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong, jstIso } from '../../../platform/japan-time.js';
import { html } from '../../../web/html.js';
import { getAvailability } from '../availability.js';
import { citizenPage, timesList } from './citizen.view.js';
import { requireMyBooking } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { changeDayParams } from './my-page.schemas.js';

export function registerMyChangeDayPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/reservations/:number/change/days/:date',
    summary: 'Change a booking: choose the new time on a day',
    auth: 'my-page',
    params: changeDayParams,
    async handler({ req, lang, actor: session, params }) {
      const t = myPageMessages.in(lang);
      const { booking: r } = await requireMyBooking(ctx, session, params.number);
      const { date } = params;
      const a = await getAvailability(ctx, r.serviceId, { from: date, to: date, now: ctx.clock.now() });
      // the booking's own time is not a change
      const slots = (a?.slots ?? []).filter((x) => x.start.getTime() !== r.start.getTime());
      const main = html`<p><a href="/my/reservations/${r.reservationNumber}/change?month=${date.slice(0, 7)}">${t('backToCalendar')}</a></p>
<h1 class="page-title">${formatDateLong(date, lang)}</h1>
<p>${t('chooseNewTime')}</p>
${timesList(lang, slots, (x) => `/my/reservations/${r.reservationNumber}/change/confirm?start=${encodeURIComponent(jstIso(x.start))}`)}`;
      return citizenPage(req, formatDateLong(date, lang), main);
    },
  });
}
