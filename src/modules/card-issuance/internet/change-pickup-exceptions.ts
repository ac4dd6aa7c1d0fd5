/**
 * A pickup place's own closures and extra openings (staff): added or removed with the audit record
 * in one transaction. The place is found only in the staff member's department (404 otherwise).
 */
import { errors } from '../../../http/errors.js';
import type { Text } from '../../../http/i18n.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { addPickupException, removePickupException } from '../../reservations/index.js';
import { findLocation } from './locations.js';
import { cardSiteStaffMessages as m } from './staff/card-site-staff.messages.js';

type Who = { actor: AuditActor; clientIp?: string | null; requestId?: string | null };

export async function addLocationException(
  ctx: AppContext,
  o: Who & { departmentId: string; code: string; day: string; kind: 'open' | 'closed'; start: string; end: string; note: string },
): Promise<{ ok: true } | { ok: false; problem: Text }> {
  const loc = await findLocation(ctx.db, o.code, [o.departmentId]);
  if (!loc) throw errors.notFound();
  const start = o.start.normalize('NFKC');
  const end = o.end.normalize('NFKC');
  const today = jstDate(ctx.clock.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.day) || Number.isNaN(Date.parse(o.day)) || o.day < today)
    return { ok: false, problem: m.text('badDay') };
  if (o.kind === 'open' && !(/^([01]\d|2[0-3]):[0-5]\d$/.test(start) && /^([01]\d|2[0-4]):[0-5]\d$/.test(end) && start < end))
    return { ok: false, problem: m.text('badOpening') };
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const id = await addPickupException(tx, loc.serviceId, { day: o.day, kind: o.kind, start, end, note: o.note.slice(0, 200) });
    await recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.location.exception_add',
        departmentId: o.departmentId,
        recordType: 'card_location',
        recordId: loc.id,
        detail: { exceptionId: id, day: o.day, kind: o.kind },
      },
      now,
    );
  });
  return { ok: true };
}

/** Removes one closure or extra opening of a place of the department; 404 when there is none such. */
export async function removeLocationException(
  ctx: AppContext,
  o: Who & { departmentId: string; code: string; exceptionId: string },
): Promise<void> {
  const loc = await findLocation(ctx.db, o.code, [o.departmentId]);
  if (!loc) throw errors.notFound();
  const now = ctx.clock.now();
  const removed = await ctx.db.transaction(async (tx) => {
    const done = await removePickupException(tx, loc.serviceId, o.exceptionId);
    if (done)
      await recordAudit(
        tx,
        {
          actor: o.actor,
          clientIp: o.clientIp,
          requestId: o.requestId,
          action: 'card.location.exception_remove',
          departmentId: o.departmentId,
          recordType: 'card_location',
          recordId: loc.id,
          detail: { exceptionId: o.exceptionId },
        },
        now,
      );
    return done;
  });
  if (!removed) throw errors.notFound();
}
