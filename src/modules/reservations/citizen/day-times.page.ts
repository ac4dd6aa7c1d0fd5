/** `/services/:id/days/:date` — the free times of one day, each a link to the details form. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong, jstIso } from '../../../platform/japan-time.js';
import { html } from '../../../web/html.js';
import { getAvailability } from '../availability.js';
import { bookingMessages } from './booking.messages.js';
import { dayParams } from './booking.schemas.js';
import { citizenPage, svcName, timesList } from './citizen.view.js';
import { findActiveService } from './find-bookable-slot.js';

export function registerDayTimesPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/services/:id/days/:date',
    summary: 'The free times of one day of a service',
    auth: 'public',
    // overloaded: 503 + Retry-After and the error page at once, not a wait until the browser gives up
    routeConfig: { shed: 'read' },
    params: dayParams,
    async handler({ req, lang, params }) {
      const t = bookingMessages.in(lang);
      const s = await findActiveService(ctx, params.id);
      const { date } = params;
      const a = await getAvailability(ctx, s.id, { from: date, to: date, now: ctx.clock.now() });
      const main = html`<p><a href="/services/${s.id}?month=${date.slice(0, 7)}">${t('backToCalendar')}</a></p>
<h1 class="page-title">${svcName(s, lang)}</h1>
<h2>${formatDateLong(date, lang)} — ${t('chooseTime')}</h2>
${timesList(lang, a?.slots ?? [], (x) => `/services/${s.id}/book?start=${encodeURIComponent(jstIso(x.start))}`)}`;
      return citizenPage(req, `${svcName(s, lang)} ${formatDateLong(date, lang)}`, main);
    },
  });
}
