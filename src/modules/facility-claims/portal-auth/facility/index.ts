/** The portal-auth screens of facility users: log-in (ID and password, then the e-mailed code), log-out, home, account. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerAccountPage } from './account.page.js';
import { registerCodePage } from './code.page.js';
import { registerHomePage } from './home.page.js';
import { registerLogInPage } from './login.page.js';
import { registerLogOutPage } from './logout.page.js';

export function registerPortalAuthPages(app: FastifyInstance, ctx: AppContext): void {
  registerLogInPage(app, ctx);
  registerCodePage(app, ctx);
  registerLogOutPage(app, ctx);
  registerHomePage(app, ctx);
  registerAccountPage(app, ctx);
}
