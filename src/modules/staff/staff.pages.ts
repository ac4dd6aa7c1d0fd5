/** Staff HTML pages (server-rendered, work without JavaScript) and their entries in the staff navigation. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerAccountPages } from './pages/accounts.pages.js';
import { registerHomePages } from './pages/home.pages.js';
import { registerLoginPages } from './pages/login.pages.js';
import { registerStaffNav } from './staff-shell.js';
import { isAnyAdmin, isSystemAdmin } from './staff.policy.js';

export function registerStaffPages(app: FastifyInstance, ctx: AppContext): void {
  registerLoginPages(app, ctx);
  registerHomePages(app, ctx);
  registerAccountPages(app, ctx);
  // Menu positions leave room for other modules' entries (reservations 10, audit 40, their settings 70+).
  registerStaffNav(app, { key: 'home', href: '/staff', label: { ja: 'ホーム', en: 'Home' }, order: 0 });
  registerStaffNav(app, { key: 'accounts', href: '/staff/accounts', label: { ja: 'アカウント', en: 'Accounts' }, visible: isAnyAdmin, order: 20 });
  registerStaffNav(app, {
    key: 'account-review',
    href: '/staff/account-review',
    label: { ja: 'アカウント棚卸し', en: 'Account review' },
    visible: isAnyAdmin,
    order: 30,
  });
  registerStaffNav(app, {
    key: 'security-events',
    href: '/staff/security-events',
    label: { ja: 'セキュリティイベント', en: 'Security events' },
    visible: isSystemAdmin,
    order: 50,
  });
  registerStaffNav(app, { key: 'departments', href: '/staff/departments', label: { ja: '所属', en: 'Departments' }, visible: isSystemAdmin, order: 60 });
}
