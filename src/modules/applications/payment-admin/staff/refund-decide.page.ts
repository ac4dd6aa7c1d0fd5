/**
 * POST /staff/payments/refunds/:id/decide — a second payment administrator approves (the refund is
 * made at the provider) or rejects a refund someone else asked for; decideRefund (payments part)
 * refuses the person who asked (409) and audits. Back to the refunds screen saying what happened.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { decideRefund } from '../../payments/index.js';
import { idParams, refundDecisionBody } from '../payment-admin.schemas.js';

export function registerRefundDecidePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/payments/refunds/:id/decide',
    summary: 'Approve or reject a refund asked by another payment administrator',
    auth: 'staff',
    params: idParams,
    allow: (actor) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
    body: refundDecisionBody,
    async handler({ req, actor, params, body }) {
      const r = await decideRefund(ctx, actor, { refundId: params.id, approve: body.decision === 'approve' }, auditContextOf(req));
      return redirect(`/staff/payments/refunds?done=${r.status}`);
    },
  });
}
