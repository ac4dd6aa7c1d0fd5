/**
 * GET /line/my — My Page inside LINE: the bookings bound to the LINE user of the verified LIFF
 * session (never a user id from the browser), one card each (service, when, place, number, status)
 * with one button to the reservation's own My Page for viewing, changing or cancelling. Number, time
 * and status are written as on the web pages and in the notices.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { html } from '../../web/html.js';
import { layout } from '../../web/layout.js';
import { formatWhen } from '../../platform/japan-time.js';
import { displayNumber, myPageUrl, STATUS_LABELS } from '../reservations/index.js';
import { lineUserOf } from './liff.js';
import { lineMyPageMessages } from './line.messages.js';

type Row = {
  id: string;
  reservationNumber: string;
  serviceName: string;
  serviceNameEn: string | null;
  place: string;
  startsAt: Date;
  endsAt: Date;
  status: keyof typeof STATUS_LABELS;
};

/** Upcoming and recent bookings of a LINE user (read-only view over the reservations table). */
async function bookingsOf(q: Queryable, lineUserId: string, since: Date): Promise<Row[]> {
  const r = await q.query<Row>(
    `SELECT r.id, r.reservation_number AS "reservationNumber", s.name AS "serviceName", s.name_en AS "serviceNameEn",
            s.place, r.starts_at AS "startsAt", r.ends_at AS "endsAt", r.status
     FROM rsv_reservations r JOIN rsv_services s ON s.id = r.service_id
     WHERE r.line_user_id = $1 AND r.anonymised_at IS NULL AND r.starts_at >= $2
     ORDER BY r.starts_at LIMIT 50`,
    [lineUserId, since],
  );
  return r.rows;
}

export function registerMyBookings(app: FastifyInstance, ctx: AppContext): void {
  app.get('/line/my', async (req, reply) => {
    const lang = req.lang;
    const t = lineMyPageMessages.in(lang);
    const userId = lineUserOf(ctx, req);
    const title = t('title');
    if (!userId) {
      const main = html`<h1 class="page-title">${title}</h1>
<p class="notice notice--warning">${t('openFromLine')}</p>`;
      return reply.code(401).type('text/html; charset=utf-8').send(layout({ lang, title, main, path: '/line/my' }).toString());
    }
    const since = new Date(ctx.clock.now().getTime() - 24 * 3600 * 1000);
    const rows = await bookingsOf(ctx.db, userId, since);
    const main = html`<h1 class="page-title">${title}</h1>
${rows.length === 0
  ? html`<p>${t('none')}</p>`
  : html`<ul class="booking-list">${rows.map((r) => html`<li class="card">
  <h2>${lang === 'en' && r.serviceNameEn ? r.serviceNameEn : r.serviceName}</h2>
  <dl class="facts">
    <div><dt>${t('when')}</dt><dd>${formatWhen(r.startsAt, r.endsAt, lang)}</dd></div>
    ${r.place ? html`<div><dt>${t('place')}</dt><dd>${r.place}</dd></div>` : ''}
    <div><dt>${t('number')}</dt><dd>${displayNumber(r.reservationNumber)}</dd></div>
    <div><dt>${t('status')}</dt><dd><span class="badge">${STATUS_LABELS[r.status]?.[lang] ?? r.status}</span></dd></div>
  </dl>
  ${r.status === 'booked' ? html`<a class="button" href="${myPageUrl(ctx, r)}">${t('manage')}</a>` : ''}
</li>`)}</ul>`}
<p><a href="/">${t('bookAnother')}</a></p>`;
    return reply.type('text/html; charset=utf-8').send(layout({ lang, title, main, path: '/line/my' }).toString());
  });
}
