/**
 * GET /line/my — My Page inside LINE: the bookings bound to the LINE user of the verified LIFF
 * session, one card each (service, when, place, number, status) with one button to the reservation's
 * own My Page for viewing, changing or cancelling. Without a LINE session: 401 and where to open it.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatWhen } from '../../../platform/japan-time.js';
import { linkButton, lineShell, notice, summaryList } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { displayNumber, myPageUrl, STATUS_LABELS } from '../../reservations/index.js';
import { lineMyPageMessages } from '../line.messages.js';
import { listLineBookings } from '../list-line-bookings.js';

export function registerLineMyBookingsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/line/my',
    summary: 'My bookings inside LINE (the LIFF session’s LINE user)',
    auth: 'line',
    async handler({ lang, actor }) {
      const t = lineMyPageMessages.in(lang);
      const title = t('title');
      if (!actor) {
        const main = html`<h1 class="page-title">${title}</h1>
${notice({ kind: 'warning', body: t('openFromLine') })}`;
        return { html: lineShell({ lang, title, main, path: '/line/my' }), status: 401 };
      }
      const rows = await listLineBookings(ctx, actor.lineUserId);
      const main = html`<h1 class="page-title">${title}</h1>
${
  rows.length === 0
    ? html`<p>${t('none')}</p>`
    : html`<ul class="booking-list">${rows.map(
        (r) => html`<li class="card">
  <h2>${lang === 'en' && r.serviceNameEn ? r.serviceNameEn : r.serviceName}</h2>
  ${summaryList({
    items: [
      { term: t('when'), value: formatWhen(r.startsAt, r.endsAt, lang) },
      ...(r.place ? [{ term: t('place'), value: r.place }] : []),
      { term: t('number'), value: displayNumber(r.reservationNumber) },
      { term: t('status'), value: html`<span class="badge">${STATUS_LABELS[r.status]?.[lang] ?? r.status}</span>` },
    ],
  })}
  ${r.status === 'booked' ? linkButton({ href: myPageUrl(ctx, r), label: t('manage') }) : ''}
</li>`,
      )}</ul>`
}
<p><a href="/">${t('bookAnother')}</a></p>`;
      return lineShell({ lang, title, main, path: '/line/my' });
    },
  });
}
