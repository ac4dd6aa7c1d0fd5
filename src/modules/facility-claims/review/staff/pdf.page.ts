/** GET /staff/facility-claims/:id/pdf — the printed form of any version sent to the city (both divisions; audited). */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { canFacility } from '../../facility.policy.js';
import { printSubmissionForStaff } from '../print-submission.js';
import { idParams } from '../review.schemas.js';

export function registerStaffPdfPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-claims/:id/pdf',
    summary: 'Download the form of a facility submission as PDF (A4; unapproved versions marked as such; audited)',
    auth: 'staff',
    params: idParams,
    allow: (actor) => canFacility(actor, 'view', ctx.config),
    async handler({ req, reply, actor, params }) {
      const out = await printSubmissionForStaff(ctx, actor, params.id, auditContextOf(req));
      reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `attachment; filename="${out.filename}"`);
      await reply.send(out.pdf);
      return sent;
    },
  });
}
