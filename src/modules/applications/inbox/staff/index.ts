/** The inbox's staff screens (受付一覧, application screen and its forms, the reading of sensitive answers with a reason, bulk change, CSV export). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerDetailActions } from './actions.page.js';
import { registerBulkStatusPage } from './bulk-status.page.js';
import { registerDetailPage } from './detail.page.js';
import { registerExportPages } from './export.page.js';
import { registerInboxPage } from './inbox.page.js';
import { registerSensitiveReadPage } from './sensitive-read.page.js';

export function registerInboxPages(app: FastifyInstance, ctx: AppContext): void {
  registerInboxPage(app, ctx);
  registerBulkStatusPage(app, ctx);
  registerExportPages(app, ctx);
  registerDetailPage(app, ctx);
  registerDetailActions(app, ctx);
  registerSensitiveReadPage(app, ctx);
}
