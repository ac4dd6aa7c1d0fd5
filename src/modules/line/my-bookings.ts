/**
 * GET /line/my — My Page inside LINE: the bookings bound to the LINE user of the verified LIFF
 * session (never a user id from the browser), each linking to the reservation's own My Page for
 * viewing, changing or cancelling.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { html } from '../../web/html.js';
import { layout } from '../../web/layout.js';
import { formatJst, myPageUrl } from '../reservations/index.js';
import { lineUserOf } from './liff.js';

type Row = { id: string; reservationNumber: string; serviceName: string; serviceNameEn: string | null; startsAt: Date; status: string };

/** Upcoming and recent bookings of a LINE user (read-only view over the reservations table). */
async function bookingsOf(q: Queryable, lineUserId: string, since: Date): Promise<Row[]> {
  const r = await q.query<Row>(
    `SELECT r.id, r.reservation_number AS "reservationNumber", s.name AS "serviceName", s.name_en AS "serviceNameEn",
            r.starts_at AS "startsAt", r.status
     FROM rsv_reservations r JOIN rsv_services s ON s.id = r.service_id
     WHERE r.line_user_id = $1 AND r.anonymised_at IS NULL AND r.starts_at >= $2
     ORDER BY r.starts_at LIMIT 50`,
    [lineUserId, since],
  );
  return r.rows;
}

const STATUS: Record<string, { ja: string; en: string }> = {
  booked: { ja: '予約中', en: 'Booked' },
  arrived: { ja: '受付済み', en: 'Checked in' },
  done: { ja: '完了', en: 'Done' },
  no_show: { ja: '未来所', en: 'No-show' },
  cancelled: { ja: '取消済み', en: 'Cancelled' },
};

export function registerMyBookings(app: FastifyInstance, ctx: AppContext): void {
  app.get('/line/my', async (req, reply) => {
    const lang = req.lang;
    const userId = lineUserOf(ctx, req);
    const title = lang === 'ja' ? 'マイページ（LINE）' : 'My bookings (LINE)';
    if (!userId) {
      const main = html`<h1 class="page-title">${title}</h1>
<p class="notice notice--warning">${lang === 'ja' ? 'LINEアプリのメニュー「予約の確認」から開いてください。' : 'Please open this page from the “My bookings” item of the menu in the LINE app.'}</p>`;
      return reply.code(401).type('text/html; charset=utf-8').send(layout({ lang, title, main, path: '/line/my' }).toString());
    }
    const since = new Date(ctx.clock.now().getTime() - 24 * 3600 * 1000);
    const rows = await bookingsOf(ctx.db, userId, since);
    const main = html`<h1 class="page-title">${title}</h1>
${rows.length === 0
  ? html`<p>${lang === 'ja' ? 'LINEから予約したご予約はありません。' : 'You have no bookings made through LINE.'}</p>`
  : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${lang === 'ja' ? '予約番号' : 'Number'}</th><th scope="col">${lang === 'ja' ? '内容' : 'Service'}</th><th scope="col">${lang === 'ja' ? '日時' : 'Date and time'}</th><th scope="col">${lang === 'ja' ? '状態' : 'Status'}</th><th scope="col"><span class="muted">${lang === 'ja' ? '操作' : 'Action'}</span></th></tr></thead>
<tbody>${rows.map((r) => {
      const when = formatJst(r.startsAt).slice(0, 16).replace('T', ' ');
      return html`<tr><td>${r.reservationNumber}</td><td>${lang === 'en' && r.serviceNameEn ? r.serviceNameEn : r.serviceName}</td><td>${when}</td><td>${(STATUS[r.status] ?? { ja: r.status, en: r.status })[lang]}</td>
<td>${r.status === 'booked' ? html`<a class="button button--small" href="${myPageUrl(ctx, r)}">${lang === 'ja' ? '確認・変更・取消' : 'View, change, cancel'}</a>` : ''}</td></tr>`;
    })}</tbody></table></div>`}
<p><a href="/">${lang === 'ja' ? '別の窓口を予約する' : 'Book another counter'}</a></p>`;
    return reply.type('text/html; charset=utf-8').send(layout({ lang, title, main, path: '/line/my' }).toString());
  });
}
