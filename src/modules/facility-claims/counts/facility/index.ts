/** The facility portal's child counts screens (guard 'facility': the session's facility only). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerFacilityMonthPage } from './month.page.js';
import { registerFacilityMonthsPage } from './months.page.js';

export function registerFacilityCountPages(app: FastifyInstance, ctx: AppContext): void {
  registerFacilityMonthsPage(app, ctx);
  registerFacilityMonthPage(app, ctx);
}
