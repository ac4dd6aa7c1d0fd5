/** /staff/reservations/export — the export form: a period (today to the end of the booking window at first), a service, an encoding. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { exportFormQuery } from './staff.schemas.js';
import { renderExportForm } from './export.view.js';

export function registerExportPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations/export',
    summary: 'The export form (Excel .xlsx, CSV in Shift_JIS or UTF-8, or a check of the characters first)',
    auth: 'staff',
    query: exportFormQuery,
    handler: async ({ req, actor, query }) => renderExportForm(ctx, req, actor, query),
  });
}
