/**
 * POST /staff/reservation-services/:id/sensitive-readers — the roles of the service's department that may
 * read its sensitive answers (department administrators; applies at once; audited by the operation).
 * A role that is not a choice (a forged form) gives the service's screen again with the message.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { setServiceSensitiveReaders } from '../set-sensitive-readers.js';
import { mayManageServices, refusedServiceScreen, tryChange } from './service-edit.page.js';
import { sensitiveReadersForm, serviceParams } from './service-forms.schema.js';
import { redirect } from '../../../http/page-route.js';

export function registerServiceReadersPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/sensitive-readers',
    summary: "Set the roles that may read a booking service's sensitive answers (audited)",
    auth: 'staff',
    params: serviceParams,
    allow: mayManageServices,
    body: sensitiveReadersForm,
    invalid: (i) =>
      refusedServiceScreen(
        ctx,
        i,
        'readers',
        i.raw,
        i.errors.map((e) => ({ ...e, field: 'readers' })),
      ),
    handler: async (i) =>
      (await tryChange(ctx, i, 'readers', () =>
        setServiceSensitiveReaders(ctx, i.actor, i.params.id, i.body.readers, auditContextOf(i.req)),
      )) ?? redirect(`/staff/reservation-services/${i.params.id}?saved=readers#sensitive-readers`),
  });
}
