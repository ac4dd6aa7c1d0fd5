/**
 * A booking taken by booking-site staff on the phone: the caller's log-in ID and the shipping number
 * printed on the letter must match an active card of the staff member's department; then
 * bookCardSlot with the staff member's privileges (after the online booking closes, never outside
 * the hours).
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { jstInstant } from '../../../platform/japan-time.js';
import type { AuditActor } from '../../audit/index.js';
import { normaliseNumber, normaliseReservationId } from '../shared/normalise.js';
import { bookCardSlot } from './card-bookings.js';
import { findLocation } from './locations.js';
import { cardSiteStaffMessages as m } from './staff/card-site-staff.messages.js';

export async function bookCardByPhone(
  ctx: AppContext,
  o: {
    departmentId: string;
    staffId: string;
    reservationId: string;
    shippingNo: string;
    location: string;
    date: string;
    time: string;
    actor: AuditActor;
    clientIp?: string | null;
    requestId?: string | null;
  },
): Promise<{ ref: string; start: Date; end: Date }> {
  const id = normaliseReservationId(o.reservationId);
  const card = await ctx.db.query(
    'SELECT 1 FROM card_net_cards WHERE reservation_id = $1 AND shipping_no = $2 AND department_id = $3 AND is_active',
    [id, normaliseNumber(o.shippingNo), o.departmentId],
  );
  if (card.rows.length === 0) throw errors.validation([{ field: 'reservationId', message: m.text('noMatch') }]);
  const loc = await findLocation(ctx.db, o.location, [o.departmentId]);
  if (!loc) throw errors.validation([{ field: 'location', message: m.text('choosePlace') }]);
  const time = o.time.normalize('NFKC').padStart(5, '0');
  const start = jstInstant(o.date, time);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || !/^\d{2}:\d{2}$/.test(time) || Number.isNaN(start.getTime()))
    throw errors.validation([{ field: 'date', message: m.text('needDateTime') }]);
  return bookCardSlot(ctx, {
    location: loc.code,
    start,
    reservationIds: [id],
    actor: o.actor,
    staffId: o.staffId,
    clientIp: o.clientIp,
    requestId: o.requestId,
  });
}
