/** Sets the card office's pickup deadlines (everyday work of its members), audited in the same transaction. */
import { z } from 'zod';
import type { StaffActor } from '../../../http/actor.js';
import { zodMessage } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../card.policy.js';
import { setCardDeadlines } from './card-deadlines.js';
import { cardSettingsMessages } from './staff/card-settings.messages.js';

const days = z
  .string()
  .regex(/^\s*[0-9]{1,3}\s*$/, zodMessage(cardSettingsMessages, 'deadlineRange'))
  .transform(Number)
  .pipe(z.number().min(1, zodMessage(cardSettingsMessages, 'deadlineRange')).max(730, zodMessage(cardSettingsMessages, 'deadlineRange')));

/** The deadlines form: whole days from 1 to 730 (the table's CHECKs hold the same bounds). */
export const cardDeadlinesSchema = z.object({ noticeDeadlineDays: days, renoticeDeadlineDays: days });
export type CardDeadlinesInput = z.output<typeof cardDeadlinesSchema>;

export async function changeCardDeadlines(
  ctx: AppContext,
  o: { staff: StaffActor; departmentId: string; deadlines: CardDeadlinesInput } & Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<void> {
  assertCan(o.staff, 'change-deadlines', o.departmentId);
  const d = o.deadlines;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await setCardDeadlines(tx, o.departmentId, d, now);
    await recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.deadlines.update',
        departmentId: o.departmentId,
        recordType: 'card_settings',
        detail: { notice: d.noticeDeadlineDays, renotice: d.renoticeDeadlineDays },
      },
      now,
    );
  });
}
