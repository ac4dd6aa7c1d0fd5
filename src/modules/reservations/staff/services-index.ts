/** The service settings screens (予約窓口の設定) of the reservations module, one file per screen. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerStaffNav } from '../../staff/index.js';
import { managesAnyService } from '../reservations.policy.js';
import { registerServiceClosureNoticePage } from './service-closure-notice.page.js';
import { registerServiceClosurePages } from './service-closure.page.js';
import { registerServiceEditPage } from './service-edit.page.js';
import { registerServiceExceptionPages } from './service-exceptions.page.js';
import { registerServiceFieldsPage } from './service-fields.page.js';
import { registerServiceListPage } from './service-list.page.js';
import { registerServiceReadersPage } from './service-readers.page.js';
import { registerServiceSchedulePage } from './service-schedule.page.js';
import { servicesMessages } from './services.messages.js';

export function registerServicePages(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, {
    key: 'reservation-services',
    href: '/staff/reservation-services',
    label: servicesMessages.text('navLabel'),
    visible: managesAnyService,
    order: 70,
  });
  registerServiceListPage(app, ctx);
  registerServiceEditPage(app, ctx);
  registerServiceSchedulePage(app, ctx);
  registerServiceFieldsPage(app, ctx);
  registerServiceReadersPage(app, ctx);
  registerServiceExceptionPages(app, ctx);
  registerServiceClosurePages(app, ctx);
  registerServiceClosureNoticePage(app, ctx);
}
