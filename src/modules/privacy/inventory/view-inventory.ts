/**
 * The inventory as one staff member may see it (the privacy officer: every scope; a department head: their
 * departments' scopes, privacy.policy.ts), and the audit entry of each view and export. The entry names the
 * filters and how many scopes were shown, never a count of people or anything about a person.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import type { RegisterSource } from '../privacy-part.js';
import { canSeeScope } from '../privacy.policy.js';
import { computeInventory } from './compute-inventory.js';
import type { InventoryReport } from './inventory-report.js';

export async function inventoryFor(
  ctx: AppContext,
  registers: RegisterSource,
  actor: Pick<StaffActor, 'memberships'>,
): Promise<InventoryReport> {
  const report = await computeInventory(ctx.db, registers(), ctx.clock.now());
  return { ...report, scopes: report.scopes.filter((s) => canSeeScope(actor, s.scope)) };
}

export type InventoryAudit = {
  action: 'privacy.inventory_viewed' | 'privacy.inventory_exported';
  /** The scope shown alone, or none for the list and the export. */
  scopeId?: string;
  /** The scope's department; default the staff member's current one. */
  departmentId?: string | null;
  detail: Record<string, string | number | null>;
};

export async function auditInventory(
  ctx: AppContext,
  by: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
  e: InventoryAudit,
): Promise<void> {
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...by,
        action: e.action,
        recordType: 'privacy_inventory',
        recordId: e.scopeId ?? null,
        ...(e.departmentId ? { departmentId: e.departmentId } : {}),
        detail: e.detail,
      },
      ctx.clock.now(),
    ),
  );
}
