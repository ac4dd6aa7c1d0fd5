/**
 * POST /staff/card/bookings — imports the signed booking file from the booking site and matches it
 * to the cards (an upload). Rows that do not match are listed for staff to check.
 */
import type { FastifyInstance } from 'fastify';
import { errors } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { ExchangeFileError } from '../../shared/exchange-file.js';
import { formatReservationId } from '../../shared/normalise.js';
import { ZoneKeyError } from '../../shared/zone-keys.js';
import { UPLOAD_DEFAULT_MAX_BYTES, officeOf, uploaded } from '../../staff-office.js';
import { importBookings } from '../import-bookings.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDashboard } from './dashboard.view.js';

const PROBLEM_KEYS = {
  unmatched: 'problemUnmatched',
  state_conflict: 'problemStateConflict',
  duplicate_in_file: 'problemSeveral',
} as const;

export function registerBookingsImportPage(scope: FastifyInstance, ctx: AppContext): void {
  definePage(scope, {
    method: 'POST',
    url: '/staff/card/bookings',
    summary: 'Card office: import and match the booking file from the booking site (upload)',
    auth: 'staff',
    routeConfig: { uploadMaxBytes: UPLOAD_DEFAULT_MAX_BYTES },
    allow: officeAllows(ctx, 'process'),
    async handler({ req, lang, actor, csrf }) {
      const office = await officeOf(ctx, actor);
      const file = uploaded(req);
      if (!file) throw errors.validation([{ field: 'file', message: cardOfficeMessages.text('chooseFile') }]);
      const t = cardOfficeMessages.in(lang);
      const page = async (message: ReturnType<typeof outcome>, status = 200) => ({
        html: await renderDashboard(ctx, req, { actor, csrf, message }),
        status,
      });
      try {
        const r = await importBookings(ctx, { settings: office, text: file.toString('utf8'), ...auditContextOf(req) });
        return await page(
          outcome(
            r.problems.length ? 'warning' : 'success',
            t('bookingsMatched', {
              rows: r.rows,
              booked: r.booked,
              cancelled: r.cancelled,
              unchanged: r.unchanged,
              problems: r.problems.length,
            }),
            r.problems.slice(0, 200).map((p) => `${formatReservationId(p.reservationId)} (${p.bookingRef}): ${t(PROBLEM_KEYS[p.reason])}`),
          ),
        );
      } catch (err) {
        if (err instanceof ZoneKeyError) return page(outcome('error', err.message), 503);
        if (!(err instanceof ExchangeFileError)) throw err;
        return page(outcome('error', err.text[lang]), 422);
      }
    },
  });
}
