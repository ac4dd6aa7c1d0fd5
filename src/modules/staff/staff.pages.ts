/** Staff HTML pages (server-rendered, work without JavaScript). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerAccountPages } from './pages/accounts.pages.js';
import { registerHomePages } from './pages/home.pages.js';
import { registerLoginPages } from './pages/login.pages.js';

export function registerStaffPages(app: FastifyInstance, ctx: AppContext): void {
  registerLoginPages(app, ctx);
  registerHomePages(app, ctx);
  registerAccountPages(app, ctx);
}
