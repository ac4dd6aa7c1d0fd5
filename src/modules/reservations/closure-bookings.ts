/**
 * A temporary closure (臨時休業) on a day that already has bookings: which bookings it hits, and
 * either cancelling them with a notice or only telling them the counter is closed (the booking
 * stays; the citizen changes or cancels it on My Page). Department administrators of the service
 * only; every cancellation or notice is audited on its own plus one summary entry. Free of HTTP.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import { reservationMessages } from './messages.js';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { cancelReservation } from './cancel-reservation.js';
import { scheduleClosureNotice } from './notices.js';
import { jstDayEnd, jstDayStart } from '../../platform/japan-time.js';
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
  /** Already told that this closure closes their day ("notify only"). */
  notified: boolean;
};

async function bookedOn(q: Queryable, serviceId: string, day: string): Promise<ReservationRow[]> {
  const r = await q.query<ReservationRow>(
    `${RESERVATION_SELECT} WHERE r.service_id = $1 AND r.status = 'booked' AND r.starts_at >= $2 AND r.starts_at < $3 ORDER BY r.starts_at, r.created_at`,
    [serviceId, jstDayStart(day), jstDayEnd(day)],
  );
  return r.rows;
}

async function authorised(ctx: AppContext, actor: StaffActor, serviceId: string) {
  const service = await findService(ctx.db, serviceId);
  if (!service) throw errors.notFound();
  assertCan(actor, 'manage-services', service.departmentId);
  return service;
}

/** The closure of a service on a day (its own or the whole city's), if there is one. */
async function closureOn(ctx: AppContext, serviceId: string, day: string): Promise<{ id: string } | undefined> {
  const r = await ctx.db.query<{ id: string }>(
    `SELECT id FROM rsv_calendar_exceptions WHERE (service_id = $1 OR service_id IS NULL) AND day = $2 AND kind = 'closed' ORDER BY service_id NULLS LAST, created_at LIMIT 1`,
    [serviceId, day],
  );
  return r.rows[0];
}

const noClosure = () => errors.conflict('no_closure', reservationMessages.text('noClosure'));

/** The bookings still to be served on a day of a service (a closure day). */
export async function bookingsHitByClosure(ctx: AppContext, actor: StaffActor, serviceId: string, day: string): Promise<AffectedBooking[]> {
  await authorised(ctx, actor, serviceId);
  const closure = await closureOn(ctx, serviceId, day);
  const told = new Set(
    closure
      ? (
          await ctx.db.query<{ reservation_id: string }>('SELECT reservation_id FROM rsv_closure_notices WHERE exception_id = $1', [
            closure.id,
          ])
        ).rows.map((n) => n.reservation_id)
      : [],
  );
  return (await bookedOn(ctx.db, serviceId, day)).map((r) => {
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
      notified: told.has(r.id),
    };
  });
}

/**
 * "Notify only": tells every booking on a closure day that can be reached (e-mail or LINE) that the
 * counter is closed, with staff's message and the My Page link to change or cancel; the bookings
 * stay. Once per (closure, booking): the row in rsv_closure_notices is written with the notice's
 * job in one transaction, so a second run, a double click or a retry sends nothing twice.
 */
export async function notifyForClosure(
  ctx: AppContext,
  actor: StaffActor,
  serviceId: string,
  day: string,
  message: string,
  audit: Audit,
): Promise<{ notified: number; alreadyNotified: number; unreachable: number }> {
  const service = await authorised(ctx, actor, serviceId);
  const closure = await closureOn(ctx, serviceId, day);
  if (!closure) throw noClosure();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let notified = 0;
    let alreadyNotified = 0;
    let unreachable = 0;
    for (const r of await bookedOn(tx, serviceId, day)) {
      if (!r.emailEnc && !r.lineUserId) {
        unreachable++;
        continue;
      }
      const first = await tx.query(
        'INSERT INTO rsv_closure_notices (exception_id, reservation_id, notified_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING reservation_id',
        [closure.id, r.id, now],
      );
      if (!first.rows.length) {
        alreadyNotified++;
        continue;
      }
      await scheduleClosureNotice(tx, now, r, { id: closure.id, message });
      await recordAudit(
        tx,
        {
          ...audit,
          action: 'reservation.closure_notice',
          departmentId: service.departmentId,
          recordType: 'reservation',
          recordId: r.id,
          detail: { day },
        },
        now,
      );
      notified++;
    }
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'reservation_service.closure_notify',
        departmentId: service.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { day, notified, alreadyNotified, unreachable },
      },
      now,
    );
    return { notified, alreadyNotified, unreachable };
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
  if (!(await closureOn(ctx, serviceId, day))) throw noClosure();
  let cancelled = 0;
  let notified = 0;
  for (const r of await bookedOn(ctx.db, serviceId, day)) {
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
      {
        ...audit,
        action: 'reservation_service.closure_cancel',
        departmentId: service.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { day, cancelled, notified },
      },
      ctx.clock.now(),
    ),
  );
  return { cancelled, notified };
}
