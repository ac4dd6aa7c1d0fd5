/** POST /staff/card-site/phone-booking — a booking taken on the phone (log-in ID and shipping number checked: bookCardByPhone). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatWhen } from '../../../../platform/japan-time.js';
import { auditContextOf } from '../../../audit/index.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { bookCardByPhone } from '../book-card-by-phone.js';
import { cardSiteStaffMessages as m } from './card-site-staff.messages.js';
import { done, refused, renderCardSite } from './card-site.view.js';

const text = z.string().catch('');
const phoneBookingBody = z.object({ reservationId: text, shippingNo: text, location: text, date: text, time: text });

export function registerPhoneBookingPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/phone-booking',
    summary: 'Booking-site staff: book for a caller (log-in ID and shipping number checked)',
    auth: 'staff',
    body: phoneBookingBody,
    async handler({ req, lang, actor, csrf, body }) {
      const dept = await siteDepartmentOf(ctx, actor);
      try {
        const r = await bookCardByPhone(ctx, { departmentId: dept.id, staffId: actor.id, ...body, ...auditContextOf(req) });
        return renderCardSite(ctx, req, {
          actor,
          csrf,
          message: done(m.t(lang, 'phoneBooked', { ref: r.ref, when: formatWhen(r.start, r.end, lang) })),
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const message = refused(err.extra.fieldErrors?.[0]?.message[lang] ?? err.text[lang]);
        return { html: await renderCardSite(ctx, req, { actor, csrf, message }), status: err.status };
      }
    },
  });
}
