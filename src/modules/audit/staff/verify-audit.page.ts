/** POST /staff/audit/verify — "verify now" on the audit screen (system administrators; refusals are audited). */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { verifyNow } from '../read-audit-log.js';

export function registerVerifyAuditPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/audit/verify',
    summary: 'Run a verification of the audit hash chain now',
    auth: 'staff',
    async handler({ req, actor }) {
      // The policy check is inside verifyNow, which also records a refusal in the audit log.
      await verifyNow(ctx, req, actor);
      return redirect('/staff/audit#verification');
    },
  });
}
