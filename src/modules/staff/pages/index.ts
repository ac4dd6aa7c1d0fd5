/** The staff module's screens, one file per screen. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerAccountReviewPage } from './account-review.page.js';
import { registerAccountPage } from './account.page.js';
import { registerAccountsPage } from './accounts.page.js';
import { registerChangePasswordPage } from './change-password.page.js';
import { registerDepartmentsPage } from './departments.page.js';
import { registerHomePage } from './home.page.js';
import { registerLogInPage } from './log-in.page.js';
import { registerLogOutPage } from './log-out.page.js';
import { registerMfaSettingsPage } from './mfa-settings.page.js';
import { registerMfaPage } from './mfa.page.js';
import { registerSecurityEventsPage } from './security-events.page.js';
import { registerSwitchDepartmentPage } from './switch-department.page.js';

export function registerStaffScreens(app: FastifyInstance, ctx: AppContext): void {
  registerLogInPage(app, ctx);
  registerMfaPage(app, ctx);
  registerChangePasswordPage(app, ctx);
  registerLogOutPage(app, ctx);
  registerSwitchDepartmentPage(app, ctx);
  registerHomePage(app, ctx);
  registerMfaSettingsPage(app, ctx);
  registerSecurityEventsPage(app, ctx);
  registerAccountsPage(app, ctx);
  registerAccountPage(app, ctx);
  registerDepartmentsPage(app, ctx);
  registerAccountReviewPage(app, ctx);
}
