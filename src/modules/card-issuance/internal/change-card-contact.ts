/** Sets the contact printed on the card letters (everyday work of the office's members), audited. */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../card.policy.js';
import { setCardContact, type CardContact } from './card-contact-settings.js';

export async function changeCardContact(
  ctx: AppContext,
  o: { staff: StaffActor; departmentId: string; contact: CardContact } & Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<void> {
  assertCan(o.staff, 'change-deadlines', o.departmentId);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await setCardContact(tx, o.departmentId, o.contact, now);
    // The office's public contact, not personal data: recorded so a wrong number on letters can be traced.
    await recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.contact.update',
        departmentId: o.departmentId,
        recordType: 'card_settings',
        detail: o.contact,
      },
      now,
    );
  });
}
