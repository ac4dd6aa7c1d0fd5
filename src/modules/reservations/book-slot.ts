/**
 * Books a seat: the one path for the web, the API, staff proxy entry and LINE. Free of HTTP.
 *
 * One round trip for a citizen's booking: everything that needs a key or a clock (ciphertexts, blind
 * indexes, the token's hash, the number, the notice jobs, the stored answer) is computed here, then the
 * stored function rsv_book (migration 0056) does every write in one statement. Invariants (held by the
 * database, not by this code checking first):
 * - capacity: the seat is taken with a conditional upsert on the slot row (rsv_slots CHECK
 *   booked <= capacity), so no interleaving of processes can exceed it;
 * - idempotency: the key and its answer are written with the booking row (unique per scope and key);
 *   a concurrent retry waits on the key's advisory lock and then returns the first result; a failed
 *   attempt leaves no key behind;
 * - all or nothing: seat, booking, notices and key commit together (a staff booking's audit record in
 *   the same transaction).
 */
import crypto from 'node:crypto';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { isPgError, pgConstraint, prepared, type Queryable } from '../../platform/db.js';
import type { Lang } from '../../platform/i18n.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { seatsChanged } from './availability-announcer.js';
import { availabilityOf } from './availability.js';
import { isCalendarInstant } from './holidays.js';
import { jstIso, jstDate } from '../../platform/japan-time.js';
import { m, slotFullError, windowError } from './messages.js';
import { noticeJobs } from './notices.js';
import { assertCan } from './reservations.policy.js';
import { hashToken, newAccessToken, newReservationNumber } from './reservation-number.js';
import { CONTEXTS, encryptBooking, type Channel } from './reservations.repository.js';
import { findRulesForDay, findSlot, windowProblem } from './rules-loader.js';
import { validateBookingInput, type ContactInput } from './validate-input.js';

export type StaffBooking = {
  actor: StaffActor;
  /** Book outside the booking window (still never in the past or on a closed day). */
  overrideWindow?: boolean;
  /** Take a seat beyond capacity (department administrators only; audited). */
  overbook?: boolean;
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;
};

export type BookSlotInput = {
  serviceId: string;
  start: Date;
  contact: ContactInput;
  channel: Channel;
  lineUserId?: string | null;
  /** The language the booking is made in; every notice about it is written in it. Japanese when not given. */
  lang?: Lang;
  idempotency?: { scope: string; key: string };
  staff?: StaffBooking;
};

export type BookSlotResult = {
  reservationId: string;
  reservationNumber: string;
  accessToken: string;
  serviceId: string;
  start: string;
  end: string;
  status: 'booked';
  channel: Channel;
  overbooked: boolean;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
};

export async function bookSlot(ctx: AppContext, input: BookSlotInput): Promise<BookSlotResult> {
  const now = ctx.clock.now();
  const service = await availabilityOf(ctx).service(ctx.db, input.serviceId);
  if (!service || service.kind === 'card_pickup' || (!service.isActive && !input.staff))
    throw errors.validation([{ field: 'serviceId', message: m.serviceUnknown }]);
  if (input.staff) assertCan(input.staff.actor, input.staff.overbook ? 'overbook' : 'book', service.departmentId);

  const { errors: fieldErrors, value } = validateBookingInput(service, input.contact);
  // the month's rules (calendar exceptions included) come from the availability cache (TTL seconds)
  // an invalid or far-away start (year 9999, 0001) is no slot and never reaches the database
  const known = isCalendarInstant(input.start);
  const rules = !known
    ? await findRulesForDay(ctx.db, service, input.start)
    : await availabilityOf(ctx).rules(ctx.db, service, jstDate(input.start).slice(0, 7));
  const slot = known ? findSlot(rules, input.start) : undefined;
  if (!slot) fieldErrors.push({ field: 'start', message: m.notASlot });
  if (fieldErrors.length) throw errors.validation(fieldErrors);
  const problem = windowProblem(rules, input.start, now, 'book');
  if (problem && !(input.staff?.overrideWindow && problem !== 'past'))
    windowError(problem, { minutes: service.bookUntilMinutes, days: service.opensDaysAhead, mode: 'book' });
  const { start, end } = slot as { start: Date; end: Date };

  const requestHash = crypto
    .createHash('sha256')
    .update(JSON.stringify([service.id, start.toISOString(), value, input.channel, input.lineUserId ?? null]))
    .digest('hex');

  const by = input.staff ? { type: 'staff', staffId: input.staff.actor.id } : { staffId: null };
  const book = async (q: Queryable): Promise<BookSlotResult & { slotId?: number }> => {
    // a (rare, ~2^-40) reservation number or token collision rolls the statement back: new ones, again
    for (let attempt = 1; ; attempt++) {
      const id = crypto.randomUUID();
      const accessToken = newAccessToken();
      const reservationNumber = newReservationNumber();
      const answer = (overbooked: boolean): BookSlotResult => ({
        reservationId: id,
        reservationNumber,
        accessToken,
        serviceId: service.id,
        start: jstIso(start),
        end: jstIso(end),
        status: 'booked',
        channel: input.channel,
        overbooked,
        replayed: false,
      });
      const enc = encryptBooking(ctx, value, input.idempotency ? [answer(false), ...(input.staff?.overbook ? [answer(true)] : [])] : []);
      const jobs = noticeJobs(now, service, { id, start, hasChannel: Boolean(value.email || input.lineUserId) }, 'confirmation');
      try {
        const r = await q.query<{ outcome: BookOutcome; slot: number | null; answer: string | null }>(BOOK_SQL, [
          id,
          reservationNumber,
          hashToken(accessToken),
          service.id,
          service.departmentId,
          start,
          end,
          service.capacity,
          input.channel,
          input.lineUserId ?? null,
          enc.nameEnc,
          enc.phoneEnc,
          enc.phoneIndex,
          enc.emailEnc,
          enc.emailIndex,
          enc.fieldsEnc,
          by.staffId,
          now,
          input.lang === 'en' ? 'en' : 'ja',
          Boolean(input.staff?.overbook),
          input.idempotency?.scope ?? null,
          input.idempotency?.key ?? null,
          requestHash,
          enc.answers[0] ?? null,
          enc.answers[1] ?? null,
          jobs.length ? JSON.stringify(jobs) : null,
        ]);
        const row = r.rows[0] as { outcome: BookOutcome; slot: number | null; answer: string | null };
        if (row.outcome === 'full') throw slotFullError();
        if (row.outcome === 'mismatch') throw errors.validation([{ field: 'Idempotency-Key', message: m.idempotencyMismatch }]);
        if (row.outcome === 'replay')
          return { ...(JSON.parse(ctx.crypto.decrypt(row.answer as string, CONTEXTS.idempotency)) as BookSlotResult), replayed: true };
        return { ...answer(row.outcome === 'overbooked'), slotId: row.slot as number };
      } catch (err) {
        const collided = isPgError(err, '23505') && UNIQUE_PER_BOOKING.has(pgConstraint(err) ?? '');
        // inside a staff transaction the failed statement aborted it: the transaction is retried instead
        if (!collided || attempt >= 5 || q !== ctx.db) throw err;
      }
    }
  };

  let result: BookSlotResult & { slotId?: number };
  if (!input.staff) result = await book(ctx.db);
  else {
    const staff = input.staff;
    result = await retryCollision(() =>
      ctx.db.transaction(async (tx) => {
        const out = await book(tx);
        if (!out.replayed)
          await recordAudit(
            tx,
            {
              ...staff.audit,
              action: out.overbooked ? 'reservation.overbook' : 'reservation.create',
              departmentId: service.departmentId,
              recordType: 'reservation',
              recordId: out.reservationId,
              detail: {
                serviceId: service.id,
                slotId: out.slotId,
                channel: input.channel,
                overrideWindow: Boolean(problem),
                overbooked: out.overbooked,
              },
            },
            now,
          );
        return out;
      }),
    );
  }
  if (!result.replayed) seatsChanged(ctx, service.id, start);
  const { slotId: _slotId, ...out } = result;
  return out;
}

type BookOutcome = 'booked' | 'overbooked' | 'full' | 'replay' | 'mismatch';

/** The unique constraints a new booking's random values must not collide with (retried with new ones). */
const UNIQUE_PER_BOOKING = new Set(['rsv_reservations_reservation_number_key', 'rsv_reservations_access_token_hash_key']);

async function retryCollision<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(isPgError(err, '23505') && UNIQUE_PER_BOOKING.has(pgConstraint(err) ?? '')) || attempt >= 5) throw err;
    }
  }
}

/** The whole booking in one statement (migration 0056): idempotency, seat, booking row and notice jobs. */
const BOOK_SQL = prepared(
  `SELECT outcome, slot, answer FROM rsv_book($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
     $21, $22, $23, $24, $25, $26)`,
);
