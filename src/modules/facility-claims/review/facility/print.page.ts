/**
 * GET /facility/submissions/:id/pdf — a facility user prints an APPROVED form of their own facility
 * (the facility comes from the session; another facility's id or a version not approved: 404). Audited.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { facilityAuditContext } from '../../shared/facility-session.js';
import { printSubmissionForFacility } from '../print-submission.js';
import { idParams } from '../review.schemas.js';

export function registerFacilityPrintPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/submissions/:id/pdf',
    summary: "Download an approved form of the facility's own as PDF (A4; audited)",
    auth: 'facility',
    params: idParams,
    async handler({ req, reply, actor, params }) {
      const out = await printSubmissionForFacility(ctx, actor, params.id, facilityAuditContext(req, actor));
      reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `attachment; filename="${out.filename}"`);
      await reply.send(out.pdf);
      return sent;
    },
  });
}
