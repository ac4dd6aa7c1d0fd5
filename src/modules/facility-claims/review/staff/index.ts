/** The city's review screens (month view, submission screen and its decision forms, PDF, CSV). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerDecisionPages } from './decide.page.js';
import { registerDetailPage } from './detail.page.js';
import { registerExportPage } from './export.page.js';
import { registerListPage } from './list.page.js';
import { registerStaffPdfPage } from './pdf.page.js';

export function registerReviewPages(app: FastifyInstance, ctx: AppContext): void {
  registerListPage(app, ctx);
  registerExportPage(app, ctx);
  registerDetailPage(app, ctx);
  registerDecisionPages(app, ctx);
  registerStaffPdfPage(app, ctx);
}
