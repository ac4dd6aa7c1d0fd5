/** The bookings of one LINE user for My Page inside LINE: from a day ago on, at most 50 (read-only). */
import type { AppContext } from '../../platform/context.js';
import type { STATUS_LABELS } from '../reservations/index.js';

export type LineBooking = {
  id: string;
  reservationNumber: string;
  serviceName: string;
  serviceNameEn: string | null;
  place: string;
  startsAt: Date;
  endsAt: Date;
  status: keyof typeof STATUS_LABELS;
};

/** Only the bookings bound to this LINE user (the verified LIFF session's, never one sent by the browser). */
export async function listLineBookings(ctx: AppContext, lineUserId: string): Promise<LineBooking[]> {
  const since = new Date(ctx.clock.now().getTime() - 24 * 3600 * 1000);
  const r = await ctx.db.query<LineBooking>(
    `SELECT r.id, r.reservation_number AS "reservationNumber", s.name AS "serviceName", s.name_en AS "serviceNameEn",
            s.place, r.starts_at AS "startsAt", r.ends_at AS "endsAt", r.status
     FROM rsv_reservations r JOIN rsv_services s ON s.id = r.service_id
     WHERE r.line_user_id = $1 AND r.anonymised_at IS NULL AND r.starts_at >= $2
     ORDER BY r.starts_at LIMIT 50`,
    [lineUserId, since],
  );
  return r.rows;
}
