/**
 * What My Page does with bookings, each operation checking itself that the session may open the
 * booking (a page cannot forget it): list, find, change and cancel the session's bookings, and the
 * three ways a browser proves access (issue 9):
 *
 * - number + phone → that one booking only (a phone number proves nothing about other bookings);
 * - the signed link in a booking's e-mails → that one booking;
 * - a single-use link mailed to an address → every booking made with that address (the only list).
 *
 * Writes go through changeReservation / cancelReservation (transaction, audit record) inside the
 * context's admission limiter.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { admissionOf } from '../admission-instance.js';
import { cancelReservation } from '../cancel-reservation.js';
import { changeReservation, type ChangeResult } from '../change-reservation.js';
import { findForCitizen } from '../find-reservation.js';
import { useMyPageLink } from '../my-page-link.js';
import { normaliseReservationNumber } from '../reservation-number.js';
import { findReservationByNumber, type ReservationRow } from '../reservations.repository.js';
import { findService, type Service } from '../services.repository.js';
import type { ContactInput } from '../validate-input.js';
import { listSessionBookings } from './my-session.repository.js';
import { grantMySession, sessionCanOpen, type MySession } from './my-session.js';

/** Bookings that ended more than a day ago drop off the list. */
const LIST_ENDED_WITHIN_MS = 86_400_000;

/** The bookings this session lists (none without a session). */
export async function listMyBookings(ctx: AppContext, session: MySession | null): Promise<ReservationRow[]> {
  if (!session) return [];
  return listSessionBookings(ctx.db, session, new Date(ctx.clock.now().getTime() - LIST_ENDED_WITHIN_MS));
}

/** The booking with this number if the session may open it, else null (unknown, anonymised or not this session's). */
export async function findMyBooking(ctx: AppContext, session: MySession | null, rawNumber: string): Promise<ReservationRow | null> {
  const number = normaliseReservationNumber(rawNumber);
  if (!number || !session) return null;
  const r = await findReservationByNumber(ctx.db, number);
  if (!r || r.anonymisedAt || !(await sessionCanOpen(ctx, session, r))) return null;
  return r;
}

/** The session's booking and its service, or 404 (whether it exists or is someone else's is not told). */
export async function requireMyBooking(
  ctx: AppContext,
  session: MySession | null,
  rawNumber: string,
): Promise<{ booking: ReservationRow; service: Service }> {
  const booking = await findMyBooking(ctx, session, rawNumber);
  const service = booking ? await findService(ctx.db, booking.serviceId) : undefined;
  if (!booking || !service) throw errors.notFound();
  return { booking, service };
}

/** Moves the session's booking to another time or replaces its details. */
export async function changeMyBooking(
  ctx: AppContext,
  session: MySession | null,
  rawNumber: string,
  change: { start: Date } | { contact: ContactInput },
): Promise<ChangeResult> {
  const { booking } = await requireMyBooking(ctx, session, rawNumber);
  return admissionOf(ctx).run(() => changeReservation(ctx, { reservationId: booking.id, ...change }));
}

/** Cancels the session's booking. */
export async function cancelMyBooking(
  ctx: AppContext,
  session: MySession | null,
  rawNumber: string,
): Promise<{ reservationNumber: string }> {
  const { booking } = await requireMyBooking(ctx, session, rawNumber);
  return admissionOf(ctx).run(() => cancelReservation(ctx, { reservationId: booking.id }));
}

/** Number + phone: lets this browser open that one booking (404 when either is wrong; throttled). */
export async function openMyBookingByPhone(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  input: { number: string; phone: string },
): Promise<{ reservationNumber: string }> {
  const r = await findForCitizen(ctx, input.number, { phone: input.phone }, req.ip);
  await grantMySession(ctx, req, reply, { reservationId: r.id });
  return { reservationNumber: r.reservationNumber };
}

/** The signed link of a booking's e-mails: lets this browser open that one booking. */
export async function openMyBookingBySignedLink(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  link: { number: string; id: string; sig: string },
): Promise<{ reservationNumber: string }> {
  const r = await findForCitizen(ctx, link.number, { signature: link.sig, reservationId: link.id }, req.ip);
  await grantMySession(ctx, req, reply, { reservationId: r.id });
  return { reservationNumber: r.reservationNumber };
}

/** A single-use link mailed to an address: lets this browser list that address's bookings. False when used or expired. */
export async function openMyBookingsByMailedLink(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<boolean> {
  const emailIndex = await useMyPageLink(ctx, token);
  if (!emailIndex) return false;
  await grantMySession(ctx, req, reply, { emailIndex });
  return true;
}
