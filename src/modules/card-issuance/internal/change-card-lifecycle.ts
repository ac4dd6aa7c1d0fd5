/**
 * Sets how long uncollected cards wait for destruction and how long personal data is kept: only the
 * office's department administrator (card policy 'change-lifecycle'), audited in the same transaction.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../card.policy.js';
import { setCardLifecycle, type CardLifecycle } from './card-lifecycle-settings.js';

export async function changeCardLifecycle(
  ctx: AppContext,
  o: { staff: StaffActor; departmentId: string; lifecycle: CardLifecycle } & Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<void> {
  assertCan(o.staff, 'change-lifecycle', o.departmentId);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await setCardLifecycle(tx, o.departmentId, o.lifecycle, now);
    await recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.lifecycle.update',
        departmentId: o.departmentId,
        recordType: 'card_settings',
        detail: o.lifecycle,
      },
      now,
    );
  });
}
