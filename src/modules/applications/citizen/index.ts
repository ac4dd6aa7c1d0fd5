/**
 * The citizen application screens, one file per screen: procedures (/apply) → start page → steps →
 * confirm → submit → the application's page (整理番号, payment, receipt, correction, withdrawal).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerConfirmPages } from './confirm.page.js';
import { registerCorrectionPage } from './correction.page.js';
import { registerLookupPages } from './lookup.page.js';
import { registerProcedureListPage } from './procedure-list.page.js';
import { registerProcedureStartPage } from './procedure-start.page.js';
import { registerReceiptPage } from './receipt.page.js';
import { registerSavePages } from './save.page.js';
import { registerStatusPage } from './status.page.js';
import { registerStepPages } from './step.page.js';
import { registerWithdrawPage } from './withdraw.page.js';

export function registerApplyPages(app: FastifyInstance, ctx: AppContext): void {
  registerProcedureListPage(app, ctx);
  registerProcedureStartPage(app, ctx);
  registerStepPages(app, ctx);
  registerSavePages(app, ctx);
  registerConfirmPages(app, ctx);
  registerLookupPages(app, ctx);
  registerStatusPage(app, ctx);
  registerReceiptPage(app, ctx);
  registerWithdrawPage(app, ctx);
  registerCorrectionPage(app, ctx);
}
