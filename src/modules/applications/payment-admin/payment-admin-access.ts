/**
 * Who may use payment administration, and how its reads are audited. Only payment administrators
 * (role payment_admin in the digital promotion office, applications.policy.ts) — not department
 * administrators, not system administrators without the role: 403.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { isPaymentAdmin } from '../applications.policy.js';

/** Client address and request id of the request (auditContextOf(req) gives them). */
export type AuditMeta = Pick<AuditEvent, 'clientIp' | 'requestId'>;

export function assertPaymentAdmin(ctx: AppContext, actor: StaffActor): void {
  if (!isPaymentAdmin(actor, ctx.config)) throw errors.forbidden();
}

/** One audit record of a payment administrator's read or export (ids, dates and counts only). */
export function auditRead(
  tx: Queryable,
  ctx: AppContext,
  actor: StaffActor,
  meta: AuditMeta,
  { action, detail }: { action: string; detail: Record<string, unknown> },
): Promise<number> {
  return recordAudit(
    tx,
    {
      actor: { type: 'staff', id: actor.id, label: actor.loginId, departmentId: actor.currentDepartmentId },
      action,
      recordType: 'app_payment',
      clientIp: meta.clientIp ?? null,
      requestId: meta.requestId ?? null,
      detail,
    },
    ctx.clock.now(),
  );
}
