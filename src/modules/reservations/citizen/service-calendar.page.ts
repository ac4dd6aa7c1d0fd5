/** `/services/:id` — a service's description and facts, and the month calendar of bookable days. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { html } from '../../../web/html.js';
import { bookingMessages } from './booking.messages.js';
import { calendarQuery, serviceParams } from './booking.schemas.js';
import { calendarSection, citizenPage, serviceFacts, svcDescription, svcName } from './citizen.view.js';
import { findActiveService } from './find-bookable-slot.js';

export function registerServiceCalendarPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/services/:id',
    summary: 'A service and its calendar of bookable days (?month=YYYY-MM)',
    auth: 'public',
    // overloaded: 503 + Retry-After and the error page at once, not a wait until the browser gives up
    routeConfig: { shed: 'read' },
    params: serviceParams,
    query: calendarQuery,
    async handler({ req, lang, params, query }) {
      const s = await findActiveService(ctx, params.id);
      const month = query.month ?? jstDate(ctx.clock.now()).slice(0, 7);
      const main = html`<p><a href="/">${bookingMessages.t(lang, 'allServices')}</a></p>
<h1 class="page-title">${svcName(s, lang)}</h1>
<p>${svcDescription(s, lang)}</p>
${serviceFacts(s, lang)}
${await calendarSection(ctx, lang, s, month, `/services/${s.id}`)}`;
      return citizenPage(req, svcName(s, lang), main);
    },
  });
}
