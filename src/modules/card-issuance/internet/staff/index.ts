/** The booking-site staff screens (/staff/card-site, internet zone), one file per screen, and the menu entry. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerStaffNav } from '../../../staff/index.js';
import { cardSiteDepartments, memberOfAny, withUploads } from '../../staff-office.js';
import { registerBookingCancelPage } from './booking-cancel.page.js';
import { registerBookingFileExportPage } from './booking-file-export.page.js';
import { registerBookingsCsvPage } from './bookings-csv.page.js';
import { registerBundleImportPage } from './bundle-import.page.js';
import { cardSiteStaffMessages } from './card-site-staff.messages.js';
import { registerLocationExceptionPages } from './location-exceptions.page.js';
import { registerLocationPages } from './location.page.js';
import { registerPhoneBookingPage } from './phone-booking.page.js';
import { registerSitePage } from './site.page.js';
import { registerUnlockPage } from './unlock.page.js';

export async function registerCardSiteStaffPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const sites = cardSiteDepartments(ctx);
  await sites.refresh();
  registerStaffNav(app, {
    key: 'card-site',
    href: '/staff/card-site',
    label: cardSiteStaffMessages.text('navLabel'),
    visible: memberOfAny(sites),
    order: 90,
  });
  registerSitePage(app, ctx);
  await withUploads(app, (scope) => registerBundleImportPage(scope, ctx));
  registerBookingFileExportPage(app, ctx);
  registerBookingsCsvPage(app, ctx);
  registerLocationPages(app, ctx);
  registerLocationExceptionPages(app, ctx);
  registerPhoneBookingPage(app, ctx);
  registerUnlockPage(app, ctx);
  registerBookingCancelPage(app, ctx);
}
