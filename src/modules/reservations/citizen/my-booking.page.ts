/**
 * `/my/reservations/:number` — one booking as the citizen sees it: its number and QR code to show at
 * the counter, what was booked and answered, and the ways to change or cancel it while the rules
 * allow. A cancelled booking says so and shows no QR code (nothing that looks valid at the counter).
 * A booking this browser may not open answers 404 with the ways to open it.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { errors } from '../../../http/errors.js';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { linkButton, notice, summaryList } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { personalOf } from '../reservations.repository.js';
import { findRulesForDay, windowProblem } from '../rules-loader.js';
import { findService } from '../services.repository.js';
import { STATUS_LABELS } from '../staff-queries.js';
import { citizenPage, svcName, valuesTable, whenText } from './citizen.view.js';
import { findMyBooking } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { bookingParams, bookingQuery } from './my-page.schemas.js';
import { displayNumber, notOpenPage } from './my-page.view.js';

export function registerMyBookingPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/reservations/:number',
    summary: 'One booking on My Page: number, QR code, details, change and cancel',
    auth: 'my-page',
    params: bookingParams,
    query: bookingQuery,
    async handler({ req, reply, lang, actor: session, params, query }) {
      const t = myPageMessages.in(lang);
      const r = await findMyBooking(ctx, session, params.number);
      if (!r) return notOpenPage(ctx, req, reply, params.number);
      const s = await findService(ctx.db, r.serviceId);
      const p = personalOf(ctx, r);
      if (!s || !p) throw errors.notFound();
      const isCancelled = r.status === 'cancelled';
      const canChange =
        r.status === 'booked' && !windowProblem(await findRulesForDay(ctx.db, s, r.start), r.start, ctx.clock.now(), 'change');
      const number = displayNumber(r.reservationNumber);
      const heading = isCancelled
        ? html`<h1 class="page-title">${t('cancelledHeading')}</h1>`
        : query.done === '1'
          ? notice({
              kind: 'success',
              body: html`<h1 class="page-title">${t('bookedHeading')}</h1>
        <p>${t('bookedNote')}${p.email ? t('mailSent') : ''}</p>`,
            })
          : html`<h1 class="page-title">${t('yourBooking')}</h1>`;
      const numberBlock = isCancelled
        ? html`<p class="reservation-number">${t('numberCancelled')}<br><del>${number}</del></p>`
        : html`<p class="reservation-number">${t('number')}<br><strong>${number}</strong></p>
  <img class="qr" src="${await QRCode.toDataURL(r.reservationNumber, { margin: 2, width: 200 })}" width="200" height="200" alt="${t('qrAlt', { number })}">`;
      const base = `/my/reservations/${r.reservationNumber}`;
      const main = html`${heading}
${query.cancelled === '1' && isCancelled ? notice({ kind: 'success', body: html`<p><strong>${t('cancelledNotice')}</strong></p>` }) : ''}
${isCancelled ? notice({ kind: 'warning', body: t('cancelledWarning') }) : ''}
${query.changed === '1' ? notice({ kind: 'success', body: t('changedNotice') }) : ''}
<div class="card reservation-card${isCancelled ? ' reservation-card--cancelled' : ''}">
  ${numberBlock}
  ${summaryList({
    items: [
      { term: t('status'), value: STATUS_LABELS[r.status][lang] },
      { term: t('service'), value: svcName(s, lang) },
      { term: t('when'), value: whenText(lang, r.start, r.end) },
      { term: t('place'), value: s.place },
    ],
  })}
  ${valuesTable(lang, s, { ...p, email: p.email ?? '' })}
</div>
${
  canChange
    ? html`<p>${linkButton({ href: `${base}/change`, label: t('changeTime') })}
     ${linkButton({ href: `${base}/edit`, label: t('changeDetails'), kind: 'secondary' })}
     ${linkButton({ href: `${base}/cancel`, label: t('cancelBooking'), kind: 'danger' })}</p>`
    : r.status === 'booked'
      ? notice({ kind: 'warning', body: t('changesClosed', { minutes: s.changeUntilMinutes }) })
      : ''
}
<p><a href="/my">${t('toMyPageTop')}</a></p>`;
      return citizenPage(req, isCancelled ? t('cancelledHeading') : t('yourBooking'), main);
    },
  });
}
