/**
 * Books a seat: the one path for the web, the API, staff proxy entry and LINE. Free of HTTP.
 *
 * Invariants (held by the database, not by this code checking first):
 * - capacity: the seat is taken with a conditional UPDATE on the slot row (rsv_slots CHECK
 *   booked <= capacity), so no interleaving of processes can exceed it;
 * - idempotency: the key row is inserted in the same transaction; a concurrent retry waits on the
 *   unique key and then returns the first result; a failed attempt leaves no key behind;
 * - all or nothing: seat, booking, history, notices, audit and key commit together.
 */
import crypto from 'node:crypto';
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { availabilityOf } from './availability.js';
import { isCalendarInstant } from './holidays.js';
import { jstIso, jstDate } from '../../platform/japan-time.js';
import { m, slotFullError, windowError } from './messages.js';
import { scheduleNotices } from './notices.js';
import { assertCan } from './reservations.policy.js';
import { hashToken, newAccessToken, newReservationNumber } from './reservation-number.js';
import { CONTEXTS, encryptPersonal, takeOverbookedSeat, takeSeat, type Channel } from './reservations.repository.js';
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

  const result = await ctx.db.transaction(async (tx) => {
    if (input.idempotency) {
      const claimed = await tx.query(
        `INSERT INTO rsv_idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
        [input.idempotency.scope, input.idempotency.key, requestHash, now],
      );
      if (!claimed.rowCount) {
        const prior = await tx.query<{ request_hash: string; response_enc: string | null }>(
          'SELECT request_hash, response_enc FROM rsv_idempotency_keys WHERE scope = $1 AND key = $2',
          [input.idempotency.scope, input.idempotency.key],
        );
        const row = prior.rows[0];
        if (!row?.response_enc || row.request_hash !== requestHash)
          throw errors.validation([{ field: 'Idempotency-Key', message: m.idempotencyMismatch }]);
        return { ...(JSON.parse(ctx.crypto.decrypt(row.response_enc, CONTEXTS.idempotency)) as BookSlotResult), replayed: true };
      }
    }

    let seat = await takeSeat(tx, service.id, start, end, service.capacity);
    let overbooked = false;
    if (!seat) {
      if (!input.staff?.overbook) throw slotFullError();
      seat = await takeOverbookedSeat(tx, service.id, start);
      overbooked = true;
    }

    const accessToken = newAccessToken();
    const enc = encryptPersonal(ctx, value);
    let inserted: { id: string; reservation_number: string } | undefined;
    const by = input.staff
      ? { type: 'staff', staffId: input.staff.actor.id }
      : { type: input.channel === 'line' ? 'line' : 'citizen', staffId: null };
    for (let attempt = 0; !inserted && attempt < 5; attempt++) {
      // the booking and its first history row in one statement; a (rare) number collision inserts nothing and retries
      const r = await tx.query<{ id: string; reservation_number: string }>(
        `WITH r AS (
           INSERT INTO rsv_reservations (reservation_number, access_token_hash, service_id, department_id, slot_id, starts_at,
             ends_at, channel, line_user_id, name_enc, phone_enc, phone_index, email_enc, fields_enc, created_by_staff_id,
             created_at, updated_at, email_index, lang)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16,$18,$19)
           ON CONFLICT (reservation_number) DO NOTHING RETURNING id, reservation_number),
         h AS (INSERT INTO rsv_status_history (reservation_id, status, changed_at, changed_by_staff_id, actor_type)
           SELECT id, 'booked', $16, $15, $17 FROM r)
         SELECT id, reservation_number FROM r`,
        [
          newReservationNumber(),
          hashToken(accessToken),
          service.id,
          service.departmentId,
          seat.slotId,
          start,
          end,
          input.channel,
          input.lineUserId ?? null,
          enc.nameEnc,
          enc.phoneEnc,
          enc.phoneIndex,
          enc.emailEnc,
          enc.fieldsEnc,
          by.staffId,
          now,
          by.type,
          enc.emailIndex,
          input.lang === 'en' ? 'en' : 'ja',
        ],
      );
      inserted = r.rows[0];
    }
    if (!inserted) throw new Error('could not allocate a unique reservation number');

    await scheduleNotices(
      tx,
      now,
      service,
      { id: inserted.id, start, hasChannel: Boolean(value.email || input.lineUserId) },
      'confirmation',
    );
    if (input.staff) {
      await recordAudit(
        tx,
        {
          ...input.staff.audit,
          action: overbooked ? 'reservation.overbook' : 'reservation.create',
          departmentId: service.departmentId,
          recordType: 'reservation',
          recordId: inserted.id,
          detail: { serviceId: service.id, slotId: seat.slotId, channel: input.channel, overrideWindow: Boolean(problem), overbooked },
        },
        now,
      );
    }
    const out: BookSlotResult = {
      reservationId: inserted.id,
      reservationNumber: inserted.reservation_number,
      accessToken,
      serviceId: service.id,
      start: jstIso(start),
      end: jstIso(end),
      status: 'booked',
      channel: input.channel,
      overbooked,
      replayed: false,
    };
    if (input.idempotency)
      await tx.query('UPDATE rsv_idempotency_keys SET reservation_id = $3, response_enc = $4 WHERE scope = $1 AND key = $2', [
        input.idempotency.scope,
        input.idempotency.key,
        inserted.id,
        ctx.crypto.encrypt(JSON.stringify(out), CONTEXTS.idempotency),
      ]);
    return out;
  });
  availabilityOf(ctx).invalidate(service.id, start);
  return result;
}
