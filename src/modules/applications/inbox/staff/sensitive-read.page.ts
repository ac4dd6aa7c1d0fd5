/**
 * POST /staff/applications/:id/sensitive — read an application's sensitive answers (要配慮個人情報) with
 * the reason staff typed: the operation checks the procedure lets the person's role read them (403
 * otherwise; another department's application is a 404) and audits the read with the reason and the
 * field keys. The answer is the application screen with the values, never cached; there is no GET URL
 * that shows them, and the form carries a single-use token, so a shared link or a reload (which posts
 * the form again) shows the masked screen. An empty or too long reason
 * shows the masked screen again with the message at the field and what was typed.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { getApplicationForStaff } from '../get-application.js';
import { applicationParams, sensitiveReadBody } from '../inbox.schemas.js';
import { renderDetail } from './detail.view.js';

export function registerSensitiveReadPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/applications/:id/sensitive',
    summary: 'Read the sensitive answers of an application, with a reason (audited privacy.sensitive_read; allowed roles only)',
    auth: 'staff',
    params: applicationParams,
    body: sensitiveReadBody,
    async invalid({ req, actor, params, csrf, raw, errors }) {
      const d = await getApplicationForStaff(ctx, actor, params.id, auditContextOf(req));
      return { html: renderDetail(req, d, csrf, { errors, raw }), status: 422 };
    },
    async handler({ req, reply, actor, params, body, csrf }) {
      const d = await getApplicationForStaff(ctx, actor, params.id, auditContextOf(req), { reveal: body });
      reply.header('Cache-Control', 'no-store');
      return renderDetail(req, d, csrf, { errors: [], raw: {} });
    },
  });
}
