/**
 * Closing an alert with an optional note, audited in its transaction (the note stays on the alert; the
 * audit entry says only whether there was one: it never carries free text). Outside the administrator's
 * scope: 404; already closed: 409. Hits after the close count towards a new alert, never this one.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { alertInScope } from './alerts.repository.js';
import { detectionMessages } from './detection.messages.js';
import { alertScope } from './detection.policy.js';

export async function closeAlert(
  ctx: AppContext,
  actor: StaffActor,
  id: number,
  note: string | undefined,
  meta: Pick<AuditEvent, 'clientIp' | 'requestId'>,
): Promise<void> {
  const a = await alertInScope(ctx.db, alertScope(actor), id);
  if (!a) throw errors.notFound();
  const closed = () => errors.conflict('alert_closed', detectionMessages.text('alreadyClosed'));
  if (a.status === 'closed') throw closed();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query(
      `UPDATE alerts SET status = 'closed', closed_at = $2, closed_by = $3, close_note = $4, updated_at = $2, digest_pending = false,
              acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by = coalesce(acknowledged_by, $3)
        WHERE id = $1 AND status <> 'closed'`,
      [id, now, actor.id, note ?? null],
    );
    if (r.rowCount !== 1) throw closed();
    await recordAudit(
      tx,
      {
        ...meta,
        actor: { type: 'staff', id: actor.id, label: actor.loginId, departmentId: actor.currentDepartmentId },
        action: 'alert.closed',
        recordType: 'alert',
        recordId: String(id),
        detail: { detector: a.detector, previousStatus: a.status, hasNote: Boolean(note) },
      },
      now,
    );
  });
}
