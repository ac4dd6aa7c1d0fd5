/**
 * Routes and pages of procedures: the builder screens under /staff/procedures (department
 * administrators of the owning department; another department's procedure is a 404 everywhere) and
 * the public GET /api/v1/procedures.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerStaffNav } from '../../staff/index.js';
import { managedDepartmentIds } from './find-managed-procedure.js';
import { registerProcedureApi } from './procedures.api.js';
import { procedureMessages } from './procedures.messages.js';
import { registerExportPage } from './staff/export.page.js';
import { registerFieldPages } from './staff/field.page.js';
import { registerImportPage } from './staff/import.page.js';
import { registerProcedureListPage } from './staff/list.page.js';
import { registerNewProcedurePage } from './staff/new.page.js';
import { registerProcedureOverviewPage } from './staff/overview.page.js';
import { registerPreviewPage } from './staff/preview.page.js';
import { registerPublishPages } from './staff/publish.page.js';
import { registerSettingsPage } from './staff/settings.page.js';
import { registerStepPage } from './staff/step.page.js';
import { registerStructurePage } from './staff/structure.page.js';

export function registerProcedures(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, {
    key: 'procedures',
    href: '/staff/procedures',
    label: procedureMessages.text('navLabel'),
    order: 25,
    visible: (actor) => managedDepartmentIds(actor).length > 0,
  });
  registerProcedureApi(app, ctx);
  // fixed paths before /staff/procedures/:id
  registerProcedureListPage(app, ctx);
  registerNewProcedurePage(app, ctx);
  registerImportPage(app, ctx);
  registerProcedureOverviewPage(app, ctx);
  registerSettingsPage(app, ctx);
  registerFieldPages(app, ctx);
  registerStepPage(app, ctx);
  registerStructurePage(app, ctx);
  registerPublishPages(app, ctx);
  registerPreviewPage(app, ctx);
  registerExportPage(app, ctx);
}

export const jobs: JobDefinition[] = [];
