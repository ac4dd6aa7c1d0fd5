/**
 * POST `/services/:id/times` — "choose another time" for another day, keeping the answers: the
 * form of the other-days buttons posts the day and the answers here.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { otherTimesBody, serviceParams } from './booking.schemas.js';
import { otherTimesPage } from './booking.view.js';
import { readForm } from './citizen.view.js';
import { findActiveService } from './find-bookable-slot.js';

export function registerOtherTimesPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/services/:id/times',
    summary: 'Choose another time on another day, keeping the answers typed',
    auth: 'public',
    csrf: { exempt: 'shows the times of a day with the typed answers in hidden inputs; nothing is stored or changed' },
    params: serviceParams,
    body: otherTimesBody,
    async handler({ req, params, body }) {
      const s = await findActiveService(ctx, params.id);
      return otherTimesPage(ctx, req, s, body.date ?? jstDate(ctx.clock.now()), readForm(s, body));
    },
  });
}
