/** POST /staff/card-site/export — the signed booking file for the internal zone (a download). */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { ZoneKeyError } from '../../shared/zone-keys.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { exportBookings } from '../export-bookings.js';
import { refused, renderCardSite } from './card-site.view.js';

export function registerBookingFileExportPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/export',
    summary: 'Booking-site staff: export the signed booking file',
    auth: 'staff',
    async handler({ req, reply, actor, csrf }) {
      const dept = await siteDepartmentOf(ctx, actor);
      try {
        const r = await exportBookings(ctx, { departmentCode: dept.code, ...auditContextOf(req) });
        await reply
          .type('application/json')
          .header('Content-Disposition', `attachment; filename="card-bookings-${r.sequence}.json"`)
          .send(r.text);
        return sent;
      } catch (err) {
        if (!(err instanceof ZoneKeyError)) throw err;
        return { html: await renderCardSite(ctx, req, { actor, csrf, message: refused(err.message) }), status: 503 };
      }
    },
  });
}
