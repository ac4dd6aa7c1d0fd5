/**
 * What the pickup-deadlines screen shows: the office's deadlines, lifecycle periods and letter contact,
 * and the cards past their deadline. Listing the overdue cards is audited (their count).
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../card.policy.js';
import { getCardContact, type CardContact } from './card-contact-settings.js';
import { getCardDeadlines, overdueCards, type CardDeadlines, type OverdueCard } from './card-deadlines.js';
import { getCardLifecycle, type CardLifecycle } from './card-lifecycle-settings.js';

export type DeadlinesView = { deadlines: CardDeadlines; lifecycle: CardLifecycle; contact: CardContact; overdue: OverdueCard[] };

export async function listOverdueCards(
  ctx: AppContext,
  o: { staff: StaffActor; departmentId: string } & Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<DeadlinesView> {
  assertCan(o.staff, 'view', o.departmentId);
  const now = ctx.clock.now();
  const [deadlines, lifecycle, contact] = [
    await getCardDeadlines(ctx.db, o.departmentId),
    await getCardLifecycle(ctx.db, o.departmentId),
    await getCardContact(ctx.db, o.departmentId),
  ];
  if (!deadlines || !lifecycle || !contact) throw errors.notFound();
  const overdue = await overdueCards(ctx.db, o.departmentId, now);
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.overdue.list',
        departmentId: o.departmentId,
        recordType: 'card',
        detail: { count: overdue.length },
      },
      now,
    ),
  );
  return { deadlines, lifecycle, contact, overdue };
}
