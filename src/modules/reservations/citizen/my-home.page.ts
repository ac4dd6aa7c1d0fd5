/**
 * `/my` — My Page: the bookings this browser's session may list (those it opened one by one, and
 * with a mailed link every booking of that address), or the log-in forms when it has no session.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { notice, postButtonForm } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { listServices } from '../services.repository.js';
import { STATUS_LABELS } from '../staff-queries.js';
import { citizenPage, svcName, whenText } from './citizen.view.js';
import { listMyBookings } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { homeQuery } from './my-page.schemas.js';
import { displayNumber, loginPage } from './my-page.view.js';

export function registerMyHomePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my',
    summary: "The bookings this browser's My Page session may list, or the log-in forms",
    auth: 'my-page',
    query: homeQuery,
    async handler({ req, reply, lang, actor: session, query, csrf }) {
      const t = myPageMessages.in(lang);
      if (!session)
        return loginPage(ctx, req, reply, query.closed === '1' ? { intro: notice({ kind: 'success', body: t('closedNotice') }) } : {});
      const list = await listMyBookings(ctx, session);
      const services = new Map((await listServices(ctx.db)).map((s) => [s.id, s]));
      const main = html`<h1 class="page-title">${t('title')}</h1>
<p>${session.emailIndex ? t('listByEmail') : t('listByDevice')}</p>
${
  list.length
    ? html`<ul class="booking-list">${list.map((r) => {
        const s = services.get(r.serviceId);
        return html`<li class="card"><a href="/my/reservations/${r.reservationNumber}"><strong>${s ? svcName(s, lang) : ''}</strong></a><br>
        ${whenText(lang, r.start, r.end)}<br>${t('numberShort')}: ${displayNumber(r.reservationNumber)}
        <span class="badge">${STATUS_LABELS[r.status][lang]}</span></li>`;
      })}</ul>`
    : html`<p>${t('noBookings')}</p>`
}
<p><a href="/">${t('newBooking')}</a> · <a href="/my/login">${t('openAnother')}</a></p>
${postButtonForm({ action: '/my/logout', csrf, label: t('close'), kind: 'secondary' })}`;
      return citizenPage(req, t('title'), main);
    },
  });
}
