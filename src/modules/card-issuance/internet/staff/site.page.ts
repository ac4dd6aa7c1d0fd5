/** GET /staff/card-site — the booking-site staff screen (its department's site: siteDepartmentOf, 404 for others). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { renderCardSite } from './card-site.view.js';

export function registerSitePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card-site',
    summary: 'Booking-site staff screen: file exchange, phone booking, unlock, places, CSV, bookings',
    auth: 'staff',
    handler: ({ req, actor, csrf }) => renderCardSite(ctx, req, { actor, csrf }),
  });
}
