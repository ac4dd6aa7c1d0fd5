/**
 * The card office's staff screens (/staff/card, internal zone only), one file per screen, and the
 * menu entry. Uploads are declared inside the module's upload scope (withUploads), where the person
 * is authenticated before any of the body is read.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../platform/context.js';
import { registerStaffNav } from '../../../staff/index.js';
import { cardOfficeDepartments, memberOfAny, withUploads } from '../../staff-office.js';
import { registerBookingsImportPage } from './bookings-import.page.js';
import { registerBundleExportPage } from './bundle-export.page.js';
import { registerCardDetailPage } from './card-detail.page.js';
import { registerCardNotePage } from './card-note.page.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { registerCardSearchPage } from './card-search.page.js';
import { registerCardStatePage } from './card-state.page.js';
import { registerColumnMappingPages } from './column-mapping.page.js';
import { registerContactSettingsPage } from './contact-settings.page.js';
import { registerDashboardPage } from './dashboard.page.js';
import { registerDeadlinesPages } from './deadlines.page.js';
import { registerDestructionPages } from './destruction.page.js';
import { registerIssuanceListImportPage } from './issuance-list-import.page.js';
import { registerLettersConfirmPage } from './letters-confirm.page.js';
import { registerLettersPreviewPage } from './letters-preview.page.js';
import { registerLettersPrintPage } from './letters-print.page.js';
import { registerLifecycleSettingsPage } from './lifecycle-settings.page.js';
import { registerProgressImportPage } from './progress-import.page.js';

export async function registerCardOfficePages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Only members of a card office see the entry (everyone else would get 404 behind it).
  const offices = cardOfficeDepartments(ctx);
  await offices.refresh();
  registerStaffNav(app, {
    key: 'card',
    href: '/staff/card',
    label: cardOfficeMessages.text('navLabel'),
    visible: memberOfAny(offices),
    order: 80,
  });
  registerDashboardPage(app, ctx);
  registerColumnMappingPages(app, ctx);
  registerDeadlinesPages(app, ctx);
  registerLifecycleSettingsPage(app, ctx);
  registerContactSettingsPage(app, ctx);
  registerDestructionPages(app, ctx);
  await withUploads(app, (scope) => {
    registerIssuanceListImportPage(scope, ctx);
    registerProgressImportPage(scope, ctx);
    registerBookingsImportPage(scope, ctx);
  });
  registerLettersPreviewPage(app, ctx);
  registerLettersConfirmPage(app, ctx);
  registerLettersPrintPage(app, ctx);
  registerBundleExportPage(app, ctx);
  registerCardSearchPage(app, ctx);
  registerCardDetailPage(app, ctx);
  registerCardStatePage(app, ctx);
  registerCardNotePage(app, ctx);
}
