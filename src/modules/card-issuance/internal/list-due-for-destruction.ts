/** What the destruction screen shows: the office's periods and the cards due at now (earliest first); audited (the count). */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan, can } from '../card.policy.js';
import { countDueForDestruction, dueForDestruction, type DueCard } from './card-destruction.js';
import { getCardLifecycle, type CardLifecycle } from './card-lifecycle-settings.js';

export type DestructionView = { lifecycle: CardLifecycle; total: number; cards: DueCard[]; mayConfirm: boolean };

export async function listDueForDestruction(
  ctx: AppContext,
  o: { staff: StaffActor; departmentId: string } & Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<DestructionView> {
  assertCan(o.staff, 'view', o.departmentId);
  const now = ctx.clock.now();
  const lifecycle = await getCardLifecycle(ctx.db, o.departmentId);
  if (!lifecycle) throw errors.notFound();
  const total = await countDueForDestruction(ctx.db, o.departmentId, now);
  const cards = await dueForDestruction(ctx.db, o.departmentId, now);
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.destruction.list',
        departmentId: o.departmentId,
        recordType: 'card',
        detail: { count: total },
      },
      now,
    ),
  );
  return { lifecycle, total, cards, mayConfirm: can(o.staff, 'confirm-destruction', o.departmentId) };
}
