/**
 * The citizen's My Page, one file per screen: the list (`/my`), log-in by number + phone, links by
 * e-mail, a booking with its QR code, change of date and time, change of details, cancellation.
 * Registers the 'my-page' page guard (the My Page session, my-session.ts) first.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerMyBookingPage } from './my-booking.page.js';
import { registerMyCancelPage } from './my-cancel.page.js';
import { registerMyChangeConfirmPage } from './my-change-confirm.page.js';
import { registerMyChangeDayPage } from './my-change-day.page.js';
import { registerMyChangePage } from './my-change.page.js';
import { registerMyEditPage } from './my-edit.page.js';
import { registerMyEmailPage } from './my-email.page.js';
import { registerMyHomePage } from './my-home.page.js';
import { registerMyLoginPage } from './my-login.page.js';
import { registerMyLogoutPage } from './my-logout.page.js';
import { registerMyMailedLinkPage } from './my-mailed-link.page.js';
import { registerMySignedLinkPage } from './my-signed-link.page.js';
import { registerMyPageGuard } from './my-session.js';

export function registerMyPages(app: FastifyInstance, ctx: AppContext): void {
  registerMyPageGuard(app, ctx);
  registerMyHomePage(app, ctx);
  registerMyLoginPage(app, ctx);
  registerMyEmailPage(app, ctx);
  registerMyMailedLinkPage(app, ctx);
  registerMySignedLinkPage(app, ctx);
  registerMyLogoutPage(app, ctx);
  registerMyBookingPage(app, ctx);
  registerMyChangePage(app, ctx);
  registerMyChangeDayPage(app, ctx);
  registerMyChangeConfirmPage(app, ctx);
  registerMyEditPage(app, ctx);
  registerMyCancelPage(app, ctx);
}
