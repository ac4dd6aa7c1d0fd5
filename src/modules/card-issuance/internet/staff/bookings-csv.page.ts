/** GET /staff/card-site/bookings.csv — the department's bookings of a date range as CSV (Shift_JIS or UTF-8); the export is audited. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, sent } from '../../../../http/page-route.js';
import { msg } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { BOOKINGS_CSV_MAX_DAYS, exportBookingsCsv } from '../bookings-csv.js';
import { cardSiteStaffMessages as m } from './card-site-staff.messages.js';
import { refused, renderCardSite } from './card-site.view.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const bookingsCsvQuery = z
  .object({
    from: z.string().regex(DATE, msg(m.text('csvBadFrom'))),
    to: z.string().regex(DATE, msg(m.text('csvBadTo'))),
    encoding: z.enum(['shift_jis', 'utf-8']).default('shift_jis'),
    cancelled: z.literal('1').optional(),
  })
  .refine(
    (q) =>
      !Number.isNaN(Date.parse(q.from)) &&
      !Number.isNaN(Date.parse(q.to)) &&
      q.to >= q.from &&
      Date.parse(q.to) - Date.parse(q.from) <= BOOKINGS_CSV_MAX_DAYS * 86_400_000,
    { path: ['to'], message: msg(m.text('csvBadRange', { days: BOOKINGS_CSV_MAX_DAYS })) },
  );

export function registerBookingsCsvPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card-site/bookings.csv',
    summary: 'Booking-site staff: bookings of a date range as CSV',
    auth: 'staff',
    query: bookingsCsvQuery,
    // a range that is not one: the screen again, with what is wrong (422)
    invalid: async ({ req, actor, csrf, errors }) =>
      renderCardSite(ctx, req, { actor, csrf, message: refused(errors.map((e) => e.message).join(' ')) }),
    async handler({ req, reply, actor, query }) {
      const dept = await siteDepartmentOf(ctx, actor);
      const out = await exportBookingsCsv(ctx, {
        departmentId: dept.id,
        from: query.from,
        to: query.to,
        encoding: query.encoding,
        includeCancelled: query.cancelled === '1',
        ...auditContextOf(req),
      });
      await reply
        .type(`text/csv; charset=${query.encoding === 'utf-8' ? 'utf-8' : 'Windows-31J'}`)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .header('X-Unencodable-Characters', String(out.unencodable))
        .header('Cache-Control', 'no-store')
        .send(out.body);
      return sent;
    },
  });
}
