/**
 * A temporary closure (臨時休業) on a day that already has bookings: which bookings it hits, and
 * cancelling them with a notice. Department administrators of the service only; every cancellation
 * is audited on its own (reservation.cancel) plus one summary entry. Free of HTTP.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { cancelReservation } from './cancel-reservation.js';
import { addDays } from './jst.js';
import { assertCan } from './reservations.policy.js';
import { personalOf, RESERVATION_SELECT, type ReservationRow } from './reservations.repository.js';
import { findService } from './services.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export type AffectedBooking = {
  id: string;
  reservationNumber: string;
  start: Date;
  end: Date;
  name: string | null;
  phone: string | null;
  channel: string;
  createdByStaff: boolean;
  /** A notice can reach the citizen (e-mail given, or booked through LINE). */
  canNotify: boolean;
};

async function bookedOn(ctx: AppContext, serviceId: string, day: string): Promise<ReservationRow[]> {
  const r = await ctx.db.query<ReservationRow>(
    `${RESERVATION_SELECT} WHERE r.service_id = $1 AND r.status = 'booked' AND r.starts_at >= $2 AND r.starts_at < $3 ORDER BY r.starts_at, r.created_at`,
    [serviceId, new Date(`${day}T00:00:00+09:00`), new Date(`${addDays(day, 1)}T00:00:00+09:00`)],
  );
  return r.rows;
}

async function authorised(ctx: AppContext, actor: StaffActor, serviceId: string) {
  const service = await findService(ctx.db, serviceId);
  if (!service) throw errors.notFound();
  assertCan(actor, 'manage-services', service.departmentId);
  return service;
}

/** The bookings still to be served on a day of a service (a closure day). */
export async function bookingsHitByClosure(ctx: AppContext, actor: StaffActor, serviceId: string, day: string): Promise<AffectedBooking[]> {
  await authorised(ctx, actor, serviceId);
  return (await bookedOn(ctx, serviceId, day)).map((r) => {
    const p = personalOf(ctx, r);
    return {
      id: r.id,
      reservationNumber: r.reservationNumber,
      start: r.start,
      end: r.end,
      name: p?.name ?? null,
      phone: p?.phone ?? null,
      channel: r.channel,
      createdByStaff: r.createdByStaffId !== null,
      canNotify: Boolean(r.emailEnc || r.lineUserId),
    };
  });
}

/**
 * Cancels every booking still booked on a closure day, each with the cancellation notice (where a
 * channel exists) carrying the reason. Only for a day that has a closure. Safe to repeat: bookings
 * already cancelled are no longer selected.
 */
export async function cancelForClosure(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  day: string,
  reason: string,
  audit: Audit,
): Promise<{ cancelled: number; notified: number }> {
  const service = await authorised(ctx, actor, serviceId);
  const closure = await ctx.db.query(
    `SELECT 1 FROM rsv_calendar_exceptions WHERE (service_id = $1 OR service_id IS NULL) AND day = $2 AND kind = 'closed'`,
    [serviceId, day],
  );
  if (!closure.rows.length)
    throw errors.conflict('no_closure', { ja: 'この日は臨時休業として登録されていません。', en: 'This day is not registered as a closure.' });
  let cancelled = 0;
  let notified = 0;
  for (const r of await bookedOn(ctx, serviceId, day)) {
    try {
      await cancelReservation(ctx, { reservationId: r.id, reason, staff: { actor, audit } });
    } catch (err) {
      // changed or cancelled by someone else meanwhile: leave it as it now is
      if (err instanceof Error && 'status' in err && (err as { status: number }).status === 409) continue;
      throw err;
    }
    cancelled++;
    if (r.emailEnc || r.lineUserId) notified++;
  }
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      { ...audit, action: 'reservation_service.closure_cancel', departmentId: service.departmentId, recordType: 'reservation_service', recordId: serviceId, detail: { day, cancelled, notified } },
      ctx.clock.now(),
    ),
  );
  return { cancelled, notified };
}
