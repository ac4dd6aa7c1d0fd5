/** The portal's claim screens (facility users), one file per screen. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerAdditionsPage } from './additions.page.js';
import { registerClaimsListPage } from './claims-list.page.js';
import { registerMonthlyClaimPage } from './monthly-claim.page.js';
import { registerShoguPage } from './shogu.page.js';
import { registerSubmissionPage } from './submission.page.js';

export function registerClaimPages(app: FastifyInstance, ctx: AppContext): void {
  registerClaimsListPage(app, ctx);
  registerMonthlyClaimPage(app, ctx);
  registerShoguPage(app, ctx);
  registerAdditionsPage(app, ctx);
  registerSubmissionPage(app, ctx);
}
