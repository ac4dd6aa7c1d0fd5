/**
 * POST /staff/reservations/:id/line-message — the form on a booking's detail page sending a one-off
 * LINE message to the person who booked through LINE (the same operation as the API; it scopes to
 * the staff member's departments and records the sending). Back to the booking with lineSent=1.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { lineMessageBody, sendStaffLineMessage } from '../staff-message.js';

export function registerLineMessagePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/:id/line-message',
    summary: 'Send a one-off LINE message from the booking’s detail page',
    auth: 'staff',
    params: z.object({ id: z.uuid() }),
    body: lineMessageBody,
    async handler({ req, actor, params, body }) {
      await sendStaffLineMessage(ctx, req, actor, params.id, body.text);
      return redirect(`/staff/reservations/${params.id}?lineSent=1`);
    },
  });
}
