/** POST /staff/reservation-services/:id/schedule — the weekly opening hours of a service (one text field per weekday). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { replaceSchedule } from '../manage-services.js';
import { changeService, mayManageServices, refusedServiceScreen } from './service-edit.page.js';
import { scheduleForm, serviceParams } from './service-forms.schema.js';

export function registerServiceSchedulePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/schedule',
    summary: 'Replace the weekly schedule of a booking service',
    auth: 'staff',
    params: serviceParams,
    allow: mayManageServices,
    body: scheduleForm,
    invalid: (i) => refusedServiceScreen(ctx, i, 'schedule', i.raw, i.errors),
    handler: (i) =>
      changeService(
        ctx,
        i,
        'schedule',
        () => replaceSchedule(ctx, i.actor, i.params.id, i.body, auditContextOf(i.req)),
        // the operation names a range by its index (schedule.3): show it at its weekday's field
        (field) => {
          const range = i.body[Number(/^schedule\.(\d+)$/.exec(field)?.[1] ?? -1)];
          return range ? `w${range.weekday}` : field;
        },
      ),
  });
}
