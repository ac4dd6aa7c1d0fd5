/**
 * The reservations module's staff screens, one file per screen (the service settings register from their
 * own files), and the staff API route that reads a booking's sensitive answers with a reason (its own
 * file, registered here with the screen that does the same).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerServicePages } from './services-index.js';
import { registerCancelPage } from './cancel.page.js';
import { registerDayPage } from './day.page.js';
import { registerDetailPage } from './detail.page.js';
import { registerExportCheckPage } from './export-check.page.js';
import { registerExportFilePages } from './export-file.page.js';
import { registerExportPage } from './export.page.js';
import { registerListPage } from './list.page.js';
import { registerPhoneBookingPage } from './phone-booking.page.js';
import { registerSetStatusPage } from './set-status.page.js';
import { registerSensitiveReadPage } from './sensitive-read.page.js';
import { registerSensitiveApi } from '../sensitive-api.routes.js';

export function registerStaffPages(app: FastifyInstance, ctx: AppContext): void {
  registerDayPage(app, ctx);
  registerListPage(app, ctx);
  registerExportPage(app, ctx);
  registerExportFilePages(app, ctx);
  registerExportCheckPage(app, ctx);
  registerPhoneBookingPage(app, ctx);
  registerDetailPage(app, ctx);
  registerSensitiveReadPage(app, ctx);
  registerSensitiveApi(app, ctx);
  registerSetStatusPage(app, ctx);
  registerCancelPage(app, ctx);
  registerServicePages(app, ctx);
}
