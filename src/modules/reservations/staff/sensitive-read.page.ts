/**
 * POST /staff/reservations/:id/sensitive — read a booking's sensitive answers (要配慮個人情報) with the
 * reason staff typed: the operation checks the service lets the person's role read them (403 otherwise;
 * another department's booking is a 404) and audits the read with the reason and the field keys. The
 * answer is the booking's screen with the values, never cached; there is no GET URL that shows them, and
 * the form carries a single-use token, so a shared link or a reload (which posts the form again) shows
 * the masked screen. An empty or too long reason shows the masked screen
 * again with the message at the field and what was typed.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { auditContextOf } from '../../audit/index.js';
import { sensitiveReadBody } from '../reservations.schemas.js';
import { detailForStaff } from '../staff-queries.js';
import { renderDetailScreen } from './detail.page.js';
import { bookingParams } from './staff.schemas.js';

export function registerSensitiveReadPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/:id/sensitive',
    summary: 'Read the sensitive answers of a booking, with a reason (audited privacy.sensitive_read; allowed roles only)',
    auth: 'staff',
    params: bookingParams,
    body: sensitiveReadBody,
    async invalid({ req, actor, params, csrf, raw, errors }) {
      const d = await detailForStaff(ctx, actor, params.id, auditContextOf(req), req.lang);
      return { html: await renderDetailScreen(ctx, req, actor, csrf, d, {}, { raw, errors }), status: 422 };
    },
    async handler({ req, reply, actor, params, body, csrf }) {
      const d = await detailForStaff(ctx, actor, params.id, auditContextOf(req), req.lang, { reveal: body });
      reply.header('Cache-Control', 'no-store');
      return renderDetailScreen(ctx, req, actor, csrf, d, {});
    },
  });
}
