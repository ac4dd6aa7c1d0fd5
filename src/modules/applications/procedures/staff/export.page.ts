/** GET /staff/procedures/:id/export(?version=N) — the procedure as a shared JSON file (the definition only), audited. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { exportProcedure } from '../export-procedure.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { procedureParams } from './builder.view.js';

export function registerExportPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id/export',
    summary: 'Download the procedure as a madoguchi.procedure/1 JSON file',
    auth: 'staff',
    params: procedureParams,
    query: z.object({ version: z.coerce.number().int().min(1).max(100000).optional() }),
    allow: (actor, { params }) => mayManageProcedure(ctx.db, actor, params.id),
    async handler(i) {
      const file = await exportProcedure(ctx, i.actor, i.params.id, i.query.version, auditContextOf(i.req));
      await i.reply
        .type('application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${file.filename}"`)
        .send(file.json);
      return sent;
    },
  });
}
