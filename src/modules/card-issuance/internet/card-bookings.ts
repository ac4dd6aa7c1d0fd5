/**
 * Household bookings on the booking site. The pickup location's schedule, closures, booking window
 * and seats are the reservation engine's: one booking takes `n` seats of a slot (capacity counts
 * people) with the engine's conditional upsert (booked + n <= capacity); a card is in at most one active
 * booking (partial unique index). Members other than the person logged in are verified with their
 * own id and password (same brute-force guard as log-in) and consent; staff booking by phone verify
 * the shipping number instead. Cancel gives the seats back.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { AppError, errors } from '../../../http/errors.js';
import { enqueue } from '../../../platform/jobs.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { pickupSlotChanged, releasePickupSeats, resolvePickupSlot, takePickupSeats } from '../../reservations/index.js';
import { findLocation } from './locations.js';
import { cardBookingMessages as msg } from './card-bookings.messages.js';
import { CODE_ALPHABETS, randomCode } from '../../../platform/random-code.js';
import type { Lang } from '../../../platform/i18n.js';

export const MAX_PARTY = 6;

function newRef(): string {
  return `C-${randomCode(CODE_ALPHABETS.cardCode, 8)}`;
}

export type BookingInput = {
  /** Pickup location code and the slot's start (must be a slot of the location's schedule). */
  location: string;
  start: Date;
  reservationIds: string[];
  email?: string | null;
  memo?: string | null;
  /** The language the booking was made in: its mails (completion, reminder, cancellation) are written in it. */
  lang?: Lang;
  actor: AuditActor;
  staffId?: string | null;
  clientIp?: string | null;
  requestId?: string | null;
};

export async function bookCardSlot(ctx: AppContext, o: BookingInput): Promise<{ bookingId: string; ref: string; start: Date; end: Date }> {
  const ids = [...new Set(o.reservationIds)];
  if (ids.length === 0 || ids.length > MAX_PARTY)
    throw errors.validation([{ field: 'members', message: msg.text('partySize', { max: MAX_PARTY }) }]);
  const loc = await findLocation(ctx.db, o.location, null);
  if (!loc || !loc.isActive) throw errors.validation([{ field: 'location', message: msg.text('unknownLocation') }]);
  const now = ctx.clock.now();
  // schedule, closures and booking window: the reservation engine's rules (read before the transaction)
  const slot = await resolvePickupSlot(ctx, loc.serviceId, o.start, { now, staff: Boolean(o.staffId) });
  let result: { bookingId: string; ref: string; start: Date; end: Date };
  try {
    result = await ctx.db.transaction(async (tx) => {
      let slotId: number;
      try {
        slotId = await takePickupSeats(tx, slot, ids.length);
      } catch (err) {
        if (err instanceof AppError && err.code === 'slot_full')
          throw errors.conflict('slot_full', msg.text('slotFull', { count: ids.length }));
        throw err;
      }
      const bookingId = crypto.randomUUID();
      const ref = newRef();
      await tx.query(
        `INSERT INTO card_net_bookings (id, ref, slot_id, party_size, status, email_enc, memo_enc, created_at, created_by_staff, lang)
         VALUES ($1, $2, $3, $4, 'booked', $5, $6, $7, $8, $9)`,
        [
          bookingId,
          ref,
          slotId,
          ids.length,
          o.email ? ctx.crypto.encrypt(o.email, 'card_net_bookings.email') : null,
          o.memo ? ctx.crypto.encrypt(o.memo, 'card_net_bookings.memo') : null,
          now,
          o.staffId ?? null,
          o.lang ?? 'ja',
        ],
      );
      const m = await tx.query(
        `INSERT INTO card_net_booking_members (booking_id, reservation_id, is_active)
         SELECT $1, reservation_id, true FROM card_net_cards WHERE reservation_id = ANY($2::text[]) AND is_active AND department_id = $3`,
        [bookingId, ids, loc.departmentId],
      );
      if (m.rowCount !== ids.length) throw errors.conflict('card_not_bookable', msg.text('cardNotBookable'));
      if (o.email)
        await enqueue(
          tx,
          'card.booking-mail',
          { bookingId, kind: 'completion' },
          { runAt: ctx.clock.now(), dedupeKey: `card-completion:${bookingId}` },
        );
      await recordAudit(
        tx,
        {
          actor: o.actor,
          action: 'card.booking.create',
          departmentId: loc.departmentId,
          recordType: 'card_booking',
          recordId: bookingId,
          clientIp: o.clientIp,
          requestId: o.requestId,
          detail: { party: ids.length, location: loc.code, start: slot.start.toISOString(), byStaff: Boolean(o.staffId) },
        },
        now,
      );
      return { bookingId, ref, start: slot.start, end: slot.end };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw errors.conflict('already_booked', msg.text('alreadyBooked'));
    throw err;
  }
  pickupSlotChanged(loc.serviceId, slot.start);
  return result;
}

export type BookingView = {
  id: string;
  ref: string;
  status: 'booked' | 'cancelled';
  partySize: number;
  members: string[];
  startsAt: Date;
  endsAt: Date;
  locationCode: string;
  locationName: string;
  locationNameEn: string;
  departmentId: string;
  createdByStaff: string | null;
};

const VIEW_SQL = `SELECT b.id, b.ref, b.status, b.party_size, s.starts_at, s.ends_at, l.code, l.name, l.name_en, l.department_id,
    b.created_by_staff, array(SELECT reservation_id FROM card_net_booking_members x WHERE x.booking_id = b.id ORDER BY reservation_id) AS members
  FROM card_net_bookings b JOIN card_net_slots s ON s.id = b.slot_id JOIN card_net_locations l ON l.id = s.location_id`;

type ViewRow = {
  id: string;
  ref: string;
  status: 'booked' | 'cancelled';
  party_size: number;
  starts_at: Date;
  ends_at: Date;
  code: string;
  name: string;
  name_en: string;
  department_id: string;
  created_by_staff: string | null;
  members: string[];
};
const toView = (r: ViewRow): BookingView => ({
  id: r.id,
  ref: r.ref,
  status: r.status,
  partySize: r.party_size,
  members: r.members,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  locationCode: r.code,
  locationName: r.name,
  locationNameEn: r.name_en,
  departmentId: r.department_id,
  createdByStaff: r.created_by_staff,
});

/** The active booking that includes this card, if any. */
export async function activeBookingOf(ctx: AppContext, reservationId: string): Promise<BookingView | undefined> {
  const r = await ctx.db.query<ViewRow>(
    `${VIEW_SQL} WHERE b.id = (SELECT booking_id FROM card_net_booking_members WHERE reservation_id = $1 AND is_active)`,
    [reservationId],
  );
  return r.rows[0] ? toView(r.rows[0]) : undefined;
}

export async function listBookings(
  ctx: AppContext,
  departmentIds: string[],
  o: { from: Date; to: Date; limit?: number },
): Promise<BookingView[]> {
  const r = await ctx.db.query<ViewRow>(
    `${VIEW_SQL} WHERE l.department_id = ANY($1::uuid[]) AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at, b.ref LIMIT $4`,
    [departmentIds, o.from, o.to, o.limit ?? 500],
  );
  return r.rows.map(toView);
}

/**
 * Whose cancellation it is: a booking-site session may cancel only a booking its card is in; staff
 * only a booking at a pickup place of their department. The check is part of the cancellation (same
 * transaction, row locked), so no caller can cancel a booking outside its reach.
 */
export type CancelScope = { session: { reservationId: string } } | { departmentId: string };

/**
 * Cancels a booking within `of`; the seats go back to the slot and, when an address was given, a
 * cancellation mail goes out. Throws 404 for a booking outside the scope (or none); false when it
 * was already cancelled.
 */
export async function cancelCardBooking(
  ctx: AppContext,
  o: { bookingId: string; of: CancelScope; actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<boolean> {
  let released: { service_id: string; starts_at: Date } | undefined;
  const byCard = 'session' in o.of ? o.of.session.reservationId : null;
  const byDepartment = 'departmentId' in o.of ? o.of.departmentId : null;
  const done = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const found = await tx.query<{ status: string; has_email: boolean }>(
      `SELECT b.status, b.email_enc IS NOT NULL AS has_email FROM card_net_bookings b
       WHERE b.id = $1
         AND (($2::text IS NOT NULL AND EXISTS (SELECT 1 FROM card_net_booking_members m WHERE m.booking_id = b.id AND m.reservation_id = $2 AND m.is_active))
           OR ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM card_net_slots s JOIN card_net_locations l ON l.id = s.location_id WHERE s.id = b.slot_id AND l.department_id = $3)))
       FOR UPDATE OF b`,
      [o.bookingId, byCard, byDepartment],
    );
    const mine = found.rows[0];
    if (!mine) throw errors.notFound();
    if (mine.status !== 'booked') return false;
    const b = await tx.query<{ slot_id: number; party_size: number }>(
      `UPDATE card_net_bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1 AND status = 'booked' RETURNING slot_id, party_size`,
      [o.bookingId, now],
    );
    const row = b.rows[0];
    if (!row) return false;
    await tx.query('UPDATE card_net_booking_members SET is_active = false WHERE booking_id = $1', [o.bookingId]);
    await releasePickupSeats(tx, row.slot_id, row.party_size);
    const s = await tx.query<{ department_id: string; service_id: string; starts_at: Date }>(
      'SELECT l.department_id, l.service_id, s.starts_at FROM card_net_slots s JOIN card_net_locations l ON l.id = s.location_id WHERE s.id = $1',
      [row.slot_id],
    );
    released = s.rows[0];
    if (mine.has_email)
      await enqueue(
        tx,
        'card.booking-mail',
        { bookingId: o.bookingId, kind: 'cancellation' },
        { runAt: now, dedupeKey: `card-cancellation:${o.bookingId}` },
      );
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.booking.cancel',
        departmentId: s.rows[0]?.department_id ?? null,
        recordType: 'card_booking',
        recordId: o.bookingId,
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { party: row.party_size, byStaff: byDepartment !== null },
      },
      now,
    );
    return true;
  });
  if (released) pickupSlotChanged(released.service_id, released.starts_at);
  return done;
}
