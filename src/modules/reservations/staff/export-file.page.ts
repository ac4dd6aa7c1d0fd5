/**
 * /staff/reservations/export.csv and .xlsx — the download itself (department-scoped and audited by
 * exportForStaff). The query is the API's exportQuery: a wrong period shows the form again with the
 * refused field marked (422).
 */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { exportQuery } from '../reservations.schemas.js';
import { exportForStaff } from '../staff-queries.js';
import { renderExportForm } from './export.view.js';

export function registerExportFilePages(app: FastifyInstance, ctx: AppContext): void {
  for (const format of ['csv', 'xlsx'] as const)
    definePage(app, {
      method: 'GET',
      url: `/staff/reservations/export.${format}`,
      summary:
        format === 'csv'
          ? 'Download the bookings of a period as CSV (audited)'
          : 'Download the bookings of a period as an Excel workbook (audited)',
      auth: 'staff',
      query: exportQuery,
      invalid: async ({ req, actor, raw, errors }) => renderExportForm(ctx, req, actor, raw, errors),
      async handler({ req, reply, actor, query }) {
        const out = await exportForStaff(ctx, actor, query, query.encoding, auditContextOf(req), format);
        reply.header('Content-Type', out.contentType).header('Content-Disposition', `attachment; filename="${out.filename}"`);
        if (format === 'csv')
          reply.header('X-Unencodable-Characters', String(out.unencodable)).header('X-Dropped-Characters', String(out.dropped));
        await reply.send(out.body);
        return sent;
      },
    });
}
