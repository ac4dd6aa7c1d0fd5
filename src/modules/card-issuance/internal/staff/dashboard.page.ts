/** GET /staff/card — the card office's dashboard (members of a card office; others get 404). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { officeAllows } from './card-office.view.js';
import { renderDashboard } from './dashboard.view.js';

export function registerDashboardPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card',
    summary: 'Card office: counts, search, imports, letters and the file exchange',
    auth: 'staff',
    allow: officeAllows(ctx, 'view'),
    handler: ({ req, actor, csrf }) => renderDashboard(ctx, req, { actor, csrf }),
  });
}
