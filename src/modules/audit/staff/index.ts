/** The audit module's staff screens, one file per screen. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerAuditLogPage } from './audit-log.page.js';
import { registerVerifyAuditPage } from './verify-audit.page.js';

export function registerAuditPages(app: FastifyInstance, ctx: AppContext): void {
  registerAuditLogPage(app, ctx);
  registerVerifyAuditPage(app, ctx);
}
