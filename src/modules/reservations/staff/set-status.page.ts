/** POST /staff/reservations/:id/status — a status button of the day view, the list or the detail; returns to where it was pressed. */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { statusFormBody } from '../reservations.schemas.js';
import { setReservationStatus } from '../set-status.js';
import { bookingParams } from './staff.schemas.js';

export function registerSetStatusPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/:id/status',
    summary: "Set a booking's status (arrived, done, no-show, back to booked); the return path must stay in the console",
    auth: 'staff',
    params: bookingParams,
    body: statusFormBody,
    async handler({ req, actor, params, body }) {
      await setReservationStatus(ctx, { reservationId: params.id, status: body.status, staff: { actor, audit: auditContextOf(req) } });
      return redirect(body.back ?? `/staff/reservations/${params.id}`);
    },
  });
}
