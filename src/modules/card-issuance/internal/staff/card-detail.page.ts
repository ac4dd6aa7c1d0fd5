/** GET /staff/card/cards/:id — one card (a view of personal data: audited; another department's card is 404). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { cardParams, renderCardDetail } from './card-detail.view.js';

export function registerCardDetailPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card/cards/:id',
    summary: 'Card office: one card with its dates, booking and notes (audited view)',
    auth: 'staff',
    params: cardParams,
    // No `allow`: viewCard answers only for the person's departments' cards (404 otherwise).
    handler: ({ req, actor, csrf, params }) => renderCardDetail(ctx, req, { actor, csrf, cardId: params.id }),
  });
}
