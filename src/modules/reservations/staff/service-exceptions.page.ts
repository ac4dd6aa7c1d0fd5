/**
 * POST /staff/reservation-services/:id/exceptions — add a closure or an extra opening of one day;
 * a closure on a day with bookings leads to the list of those bookings, to contact or cancel them.
 * POST …/exceptions/:exceptionId/delete — remove one.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { bookingsHitByClosure } from '../closure-bookings.js';
import { addException, removeException } from '../manage-services.js';
import { mayManageServices, refusedServiceScreen, tryChange } from './service-edit.page.js';
import { exceptionForm, exceptionParams, serviceParams } from './service-forms.schema.js';

export function registerServiceExceptionPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/exceptions',
    summary: 'Add a closure or an extra opening of one day to a booking service',
    auth: 'staff',
    params: serviceParams,
    allow: mayManageServices,
    body: exceptionForm,
    invalid: (i) => refusedServiceScreen(ctx, i, 'exception', i.raw, i.errors),
    async handler(i) {
      const { day, kind, start, end, note } = i.body;
      const refused = await tryChange(
        ctx,
        i,
        'exception',
        () => addException(ctx, i.actor, i.params.id, { day, kind, start, end, note }, auditContextOf(i.req)),
        // an opening's hours are checked as a schedule range (schedule.0)
        (field) => (field.startsWith('schedule.') ? 'start' : field),
      );
      if (refused) return refused;
      if (kind === 'closed' && (await bookingsHitByClosure(ctx, i.actor, i.params.id, day)).length)
        return redirect(`/staff/reservation-services/${i.params.id}/closures/${day}`);
      return redirect(`/staff/reservation-services/${i.params.id}?saved=1`);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/exceptions/:exceptionId/delete',
    summary: 'Remove a closure or an extra opening of a booking service',
    auth: 'staff',
    params: exceptionParams,
    allow: mayManageServices,
    async handler({ req, actor, params }) {
      await removeException(ctx, actor, params.id, params.exceptionId, auditContextOf(req));
      return redirect(`/staff/reservation-services/${params.id}?saved=1`);
    },
  });
}
