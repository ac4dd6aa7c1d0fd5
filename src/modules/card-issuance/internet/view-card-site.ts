/**
 * What the booking-site staff screen shows, for the staff member's site department: the bookings of
 * the next 30 days (the view is audited: it lists bookings), the pickup places and their closures.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { listPickupExceptions, type PickupException } from '../../reservations/index.js';
import { siteDepartmentOf } from '../staff-office.js';
import { listBookings, type BookingView } from './card-bookings.js';
import { listLocations, type Location } from './locations.js';

export type CardSiteView = { bookings: BookingView[]; locations: Location[]; exceptionsOf: Map<string, PickupException[]> };

export async function viewCardSite(
  ctx: AppContext,
  staff: StaffActor,
  who: { actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<CardSiteView> {
  const dept = await siteDepartmentOf(ctx, staff);
  const now = ctx.clock.now();
  const bookings = await listBookings(ctx, [dept.id], {
    from: new Date(now.getTime() - 86_400_000),
    to: new Date(now.getTime() + 30 * 86_400_000),
  });
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      { ...who, action: 'card.bookings.list', departmentId: dept.id, recordType: 'card_booking', detail: { count: bookings.length } },
      now,
    ),
  );
  const locations = await listLocations(ctx.db, [dept.id]);
  const exceptionsOf = new Map<string, PickupException[]>();
  for (const l of locations) exceptionsOf.set(l.code, await listPickupExceptions(ctx.db, l.serviceId, jstDate(now)));
  return { bookings, locations, exceptionsOf };
}
