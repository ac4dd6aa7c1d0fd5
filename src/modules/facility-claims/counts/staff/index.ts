/** The city's child counts screens (both childcare divisions; the import and the answers: the enrolment division). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerStaffNav } from '../../../staff/index.js';
import { canFacility } from '../../facility.policy.js';
import { countMessages } from '../counts.messages.js';
import { registerFacilityMonthPage } from './facility-month.page.js';
import { registerImportPage } from './import.page.js';
import { registerOverviewPage } from './overview.page.js';

export function registerStaffCountPages(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, {
    key: 'facility-counts',
    href: '/staff/facility-counts',
    label: countMessages.text('navLabel'),
    visible: (actor) => canFacility(actor, 'view', ctx.config),
    order: 61,
  });
  registerOverviewPage(app, ctx);
  registerImportPage(app, ctx);
  registerFacilityMonthPage(app, ctx);
}
