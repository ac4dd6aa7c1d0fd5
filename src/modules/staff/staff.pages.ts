/** Staff HTML pages (server-rendered, work without JavaScript; one file per screen in pages/) and their entries in the staff navigation. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerStaffScreens } from './pages/index.js';
import { registerStaffNav } from './staff-shell.js';
import { staffMessages } from './staff.messages.js';
import { isAnyAdmin, isSystemAdmin } from './staff.policy.js';
import { canReadSecurityEvents } from '../security/index.js';

export function registerStaffPages(app: FastifyInstance, ctx: AppContext): void {
  registerStaffScreens(app, ctx);
  // Menu positions leave room for other modules' entries (reservations 10, audit 40, their settings 70+).
  registerStaffNav(app, { key: 'home', href: '/staff', label: staffMessages.text('navHome'), order: 0 });
  registerStaffNav(app, {
    key: 'accounts',
    href: '/staff/accounts',
    label: staffMessages.text('navAccounts'),
    visible: isAnyAdmin,
    order: 20,
  });
  registerStaffNav(app, {
    key: 'account-review',
    href: '/staff/account-review',
    label: staffMessages.text('navAccountReview'),
    visible: isAnyAdmin,
    order: 30,
  });
  registerStaffNav(app, {
    key: 'security-events',
    href: '/staff/security-events',
    label: staffMessages.text('navSecurityEvents'),
    visible: canReadSecurityEvents,
    order: 50,
  });
  registerStaffNav(app, {
    key: 'departments',
    href: '/staff/departments',
    label: staffMessages.text('navDepartments'),
    visible: isSystemAdmin,
    order: 60,
  });
}
