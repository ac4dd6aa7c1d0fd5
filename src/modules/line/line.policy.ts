/**
 * Who may do what with the LINE channel. Staff send a one-off LINE message only about bookings of a
 * department they are a member of (others: 404, so booking ids cannot be probed). A LINE user sees only
 * the bookings bound to the verified LIFF session's own LINE user id: listLineBookings selects by it, and
 * no route takes a LINE user id from the browser.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';

type ActorLike = Pick<StaffActor, 'memberships'>;

export function canMessageAboutBooking(actor: ActorLike, booking: { departmentId: string }): boolean {
  return actor.memberships.some((m) => m.departmentId === booking.departmentId);
}

/** Throws 404 unless canMessageAboutBooking. */
export function assertMayMessageAboutBooking(actor: ActorLike, booking: { departmentId: string }): void {
  if (!canMessageAboutBooking(actor, booking)) throw errors.notFound();
}
