/**
 * `/my/reservations/:number/change/confirm?start=…` — change of date and time, step 3: the old and
 * the new time side by side; its form POSTs `/my/reservations/:number/change`, which moves the
 * booking (or says why not: the time filled up, or the rules no longer allow it).
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { button, csrfInput, summaryList } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { normaliseReservationNumber } from '../reservation-number.js';
import { notASlotPage } from './booking.view.js';
import { citizenPage, whenText } from './citizen.view.js';
import { findBookableSlot } from './find-bookable-slot.js';
import { changeMyBooking, requireMyBooking } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { bookingParams, changeBody, changeConfirmQuery } from './my-page.schemas.js';
import { changeRefusedPage } from './my-page.view.js';

export function registerMyChangeConfirmPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/reservations/:number/change/confirm',
    summary: 'Change a booking: confirm the new time',
    auth: 'my-page',
    params: bookingParams,
    query: changeConfirmQuery,
    async handler({ req, lang, actor: session, params, query, csrf }) {
      const t = myPageMessages.in(lang);
      const { booking: r, service: s } = await requireMyBooking(ctx, session, params.number);
      const found = await findBookableSlot(ctx, s, query.start);
      if (!found) return { html: notASlotPage(req, s), status: 422 };
      const { slot } = found;
      const main = html`<h1 class="page-title">${t('confirmHeading')}</h1>
<div class="card">${summaryList({
        items: [
          { term: t('from'), value: whenText(lang, r.start, r.end) },
          { term: t('to'), value: html`<strong>${whenText(lang, slot.start, slot.end)}</strong>` },
        ],
      })}</div>
<form method="post" action="/my/reservations/${r.reservationNumber}/change">
  ${csrfInput(csrf)}
  <input type="hidden" name="start" value="${jstIso(slot.start)}">
  ${button({ label: t('changeSubmit') })}
</form>
<p><a href="/my/reservations/${r.reservationNumber}">${t('keep')}</a></p>`;
      return citizenPage(req, t('confirmTitle'), main);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/my/reservations/:number/change',
    summary: 'Change a booking: move it to the confirmed time',
    auth: 'my-page',
    params: bookingParams,
    body: changeBody,
    async handler({ req, actor: session, params, body }) {
      try {
        const r = await changeMyBooking(ctx, session, params.number, { start: new Date(body.start) });
        return redirect(`/my/reservations/${r.reservationNumber}?changed=1`);
      } catch (err) {
        return changeRefusedPage(req, normaliseReservationNumber(params.number) ?? '', err);
      }
    },
  });
}
