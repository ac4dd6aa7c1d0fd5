/** The roster's portal screens (guard 'facility'): list with figures, registration, one person. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerStaffDetailPage } from './staff-detail.page.js';
import { registerStaffListPage } from './staff-list.page.js';
import { registerStaffNewPage } from './staff-new.page.js';

export function registerRosterPages(app: FastifyInstance, ctx: AppContext): void {
  registerStaffListPage(app, ctx);
  registerStaffNewPage(app, ctx);
  registerStaffDetailPage(app, ctx);
}
