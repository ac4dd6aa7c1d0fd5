/** The city's screens of the facility master: list and search, registration, the facility screen with its users and their forms. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerFacilityDetailPage } from './detail.page.js';
import { registerFacilityListPage } from './list.page.js';
import { registerNewFacilityPage } from './new.page.js';
import { registerFacilityUserActions } from './user-actions.page.js';
import { registerNewFacilityUserPage } from './user-new.page.js';

export function registerFacilityPages(app: FastifyInstance, ctx: AppContext): void {
  registerFacilityListPage(app, ctx);
  // /staff/facilities/new before /staff/facilities/:id (both match; the static route wins in Fastify anyway)
  registerNewFacilityPage(app, ctx);
  registerFacilityDetailPage(app, ctx);
  registerNewFacilityUserPage(app, ctx);
  registerFacilityUserActions(app, ctx);
}
