/** The card booking site's citizen screens (internet zone), one file per screen, and its JSON log-in. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerCardSiteGuard } from '../card-session.js';
import { registerBookingPage } from './booking.page.js';
import { registerCancelPage } from './cancel.page.js';
import { registerLoginPage } from './login.page.js';
import { registerLogoutPage } from './logout.page.js';
import { registerCardSessionApi } from './session.api.js';

export function registerCardSitePages(app: FastifyInstance, ctx: AppContext): void {
  registerCardSiteGuard(app, ctx);
  registerCardSessionApi(app, ctx);
  registerLoginPage(app, ctx);
  registerLogoutPage(app, ctx);
  registerBookingPage(app, ctx);
  registerCancelPage(app, ctx);
}
