/** POST /staff/reservation-services/:id/fields — the input fields a service asks for, with their privacy classification. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { replaceFields } from '../manage-services.js';
import { changeService, mayManageServices, refusedServiceScreen } from './service-edit.page.js';
import { fieldsForm, serviceParams } from './service-forms.schema.js';

/** The table's column of each property the operation refuses (fields.2.labelJa → lj<row>). */
const COLUMN: Record<string, string> = {
  key: 'k',
  labelJa: 'lj',
  labelEn: 'le',
  type: 't',
  options: 'o',
  maxLength: 'm',
  classification: 'c',
};

export function registerServiceFieldsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/fields',
    summary: 'Replace the input fields of a booking service',
    auth: 'staff',
    params: serviceParams,
    allow: mayManageServices,
    body: fieldsForm,
    invalid: (i) => refusedServiceScreen(ctx, i, 'fields', i.raw, i.errors),
    handler: (i) =>
      changeService(
        ctx,
        i,
        'fields',
        () => replaceFields(ctx, i.actor, i.params.id, i.body.fields, auditContextOf(i.req)),
        (field) => {
          const m = /^fields\.(\d+)\.(\w+)$/.exec(field);
          const row = m ? i.body.rows[Number(m[1])] : undefined;
          const column = m ? COLUMN[m[2] as string] : undefined;
          return row !== undefined && column ? `${column}${row}` : field;
        },
      ),
  });
}
