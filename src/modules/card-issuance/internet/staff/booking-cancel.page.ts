/** POST /staff/card-site/bookings/:id/cancel — staff cancel a booking at a place of their department (cancelCardBooking scopes it; 404 otherwise). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { cancelCardBooking } from '../card-bookings.js';
import { cardSiteStaffMessages as m } from './card-site-staff.messages.js';
import { done, renderCardSite } from './card-site.view.js';

export function registerBookingCancelPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/bookings/:id/cancel',
    summary: 'Booking-site staff: cancel a booking',
    auth: 'staff',
    params: z.object({ id: z.uuid() }),
    async handler({ req, lang, actor, csrf, params }) {
      const dept = await siteDepartmentOf(ctx, actor);
      await cancelCardBooking(ctx, { bookingId: params.id, of: { departmentId: dept.id }, ...auditContextOf(req) });
      return renderCardSite(ctx, req, { actor, csrf, message: done(m.t(lang, 'cancelled')) });
    },
  });
}
