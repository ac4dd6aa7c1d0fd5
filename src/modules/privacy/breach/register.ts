/**
 * The breach part of the privacy module (issue 14): the breach-impact report and its PPC draft on
 * /staff/privacy/breach (privacy officer; department heads for their departments), and
 * `madoguchi privacy breach-report` against the database, a restored backup or an offline bundle.
 */
import { registerStaffNav } from '../../staff/index.js';
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';
import { canReadInventory } from '../privacy.policy.js';
import { breachCommands } from './breach.cli.js';
import { breachMessages } from './breach.messages.js';
import { registerBreachPages } from './staff/breach.page.js';

export function breachPart(registers: RegisterSource): PrivacyPart {
  return {
    register(app, ctx) {
      // The facility portal's DMZ process serves no staff pages.
      if (ctx.config.facility.portalOnly) return;
      registerBreachPages(app, ctx, registers);
      // After the inventory's entry (/staff/privacy), which its own part registers.
      registerStaffNav(app, {
        key: 'privacy-breach',
        href: '/staff/privacy/breach',
        label: breachMessages.text('navLabel'),
        visible: canReadInventory,
        order: 57,
      });
    },
    commands: breachCommands(registers),
  };
}
