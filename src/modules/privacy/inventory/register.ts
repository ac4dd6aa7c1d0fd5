/**
 * The inventory part of the privacy module (issue 14, データ項目台帳): the staff screens /staff/privacy,
 * /staff/privacy/scopes/:scopeId and the CSV export for the privacy officer and department heads, and
 * `madoguchi privacy inventory [--json]`. computeInventory and inventoryCsv are the offline bundle's too.
 */
import { registerStaffNav } from '../../staff/index.js';
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';
import { privacyMessages } from '../privacy.messages.js';
import { canReadInventory } from '../privacy.policy.js';
import { inventoryCommands } from './inventory.cli.js';
import { INVENTORY_URL, registerInventoryPage } from './inventory.page.js';
import { registerScopePage } from './scope.page.js';

export function inventoryPart(registers: RegisterSource): PrivacyPart {
  return {
    register(app, ctx) {
      // The facility portal's DMZ process serves no staff pages.
      if (ctx.config.facility.portalOnly) return;
      registerInventoryPage(app, ctx, registers);
      registerScopePage(app, ctx, registers);
      registerStaffNav(app, {
        key: 'privacy',
        href: INVENTORY_URL,
        label: privacyMessages.text('navLabel'),
        visible: canReadInventory,
        order: 56,
      });
    },
    commands: inventoryCommands(registers),
  };
}
