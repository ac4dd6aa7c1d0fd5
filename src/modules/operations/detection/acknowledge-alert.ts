/**
 * Acknowledging an alert ("we are on it"), audited in its transaction. An alert outside the
 * administrator's scope does not exist for them (404); a closed one cannot be acknowledged (409);
 * acknowledging an acknowledged alert changes nothing and records nothing. An acknowledged alert still
 * takes new hits, but they no longer go into digest mails.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { alertInScope } from './alerts.repository.js';
import { detectionMessages } from './detection.messages.js';
import { alertScope } from './detection.policy.js';

export async function acknowledgeAlert(
  ctx: AppContext,
  actor: StaffActor,
  id: number,
  meta: Pick<AuditEvent, 'clientIp' | 'requestId'>,
): Promise<void> {
  const a = await alertInScope(ctx.db, alertScope(actor), id);
  if (!a) throw errors.notFound();
  if (a.status === 'closed') throw errors.conflict('alert_closed', detectionMessages.text('alreadyClosed'));
  if (a.status !== 'open') return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query(
      `UPDATE alerts SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, updated_at = $2, digest_pending = false
        WHERE id = $1 AND status = 'open'`,
      [id, now, actor.id],
    );
    if (r.rowCount !== 1) return; // acknowledged or closed meanwhile
    await recordAudit(
      tx,
      {
        ...meta,
        actor: { type: 'staff', id: actor.id, label: actor.loginId, departmentId: actor.currentDepartmentId },
        action: 'alert.acknowledged',
        recordType: 'alert',
        recordId: String(id),
        detail: { detector: a.detector },
      },
      now,
    );
  });
}
