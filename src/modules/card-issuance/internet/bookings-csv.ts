/**
 * CSV export of the booking site's bookings for staff (issue 5 item 7), through the one CSV writer
 * (platform/csv/write.ts: UTF-8 with BOM or Shift_JIS/CP932, formula neutralisation, unencodable
 * characters replaced with 〓 and counted). Internet zone only: the rows hold pseudonymous
 * reservation ids, never names. The memo is decrypted (staff need it at the counter); the e-mail
 * address is left out (it exists only for the completion and reminder mails). One audit row per
 * export, in the same transaction as the read: ids, counts and the range only.
 */
import type { AppContext } from '../../../platform/context.js';
import { jstDate, jstDayEnd, jstDayStart, jstTime } from '../../../platform/japan-time.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { encodeCsv, type CsvEncoding } from '../../../platform/csv/write.js';
import { formatReservationId } from '../shared/normalise.js';

// i18n-exempt: file format — the CSV's fixed Japanese column names (staff open it in Excel; the export has no language)
export const BOOKINGS_CSV_HEADER = [
  '予約番号',
  '受取日',
  '開始時刻',
  '終了時刻',
  '受取場所',
  '人数',
  '状態',
  '受付',
  'ログインID',
  'メモ',
  '受付日時',
  '取消日時',
] as const;
export const BOOKINGS_CSV_MAX_DAYS = 366;

type Row = {
  ref: string;
  status: 'booked' | 'cancelled';
  party_size: number;
  starts_at: Date;
  ends_at: Date;
  name: string;
  created_by_staff: string | null;
  memo_enc: string | null;
  created_at: Date;
  cancelled_at: Date | null;
  members: string[];
};

const jst = (d: Date) => ({ date: jstDate(d), time: jstTime(d) });

/** Bookings whose slot starts in [from, to) (JST dates, inclusive `to` day), of one department. */
export async function exportBookingsCsv(
  ctx: AppContext,
  o: {
    departmentId: string;
    from: string;
    to: string;
    encoding: CsvEncoding;
    includeCancelled: boolean;
    actor: AuditActor;
    clientIp?: string | null;
    requestId?: string | null;
  },
): Promise<{ body: Buffer; rows: number; unencodable: number; filename: string }> {
  const from = jstDayStart(o.from);
  const to = jstDayEnd(o.to);
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<Row>(
      `SELECT b.ref, b.status, b.party_size, s.starts_at, s.ends_at, l.name, b.created_by_staff, b.memo_enc, b.created_at, b.cancelled_at,
         array(SELECT reservation_id FROM card_net_booking_members x WHERE x.booking_id = b.id ORDER BY reservation_id) AS members
       FROM card_net_bookings b JOIN card_net_slots s ON s.id = b.slot_id JOIN card_net_locations l ON l.id = s.location_id
       WHERE l.department_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 AND ($4 OR b.status = 'booked')
       ORDER BY s.starts_at, l.code, b.ref`,
      [o.departmentId, from, to, o.includeCancelled],
    );
    const lines: string[][] = [[...BOOKINGS_CSV_HEADER]];
    for (const b of r.rows) {
      const start = jst(b.starts_at);
      const created = jst(b.created_at);
      const cancelled = b.cancelled_at ? jst(b.cancelled_at) : undefined;
      lines.push([
        b.ref,
        start.date,
        start.time,
        jst(b.ends_at).time,
        b.name,
        String(b.party_size),
        // i18n-exempt: file format — the fixed Japanese values of the 状態 and 受付 columns, like the column names
        b.status === 'booked' ? '予約中' : '取消',
        b.created_by_staff ? '電話' : 'ウェブ', // i18n-exempt: file format (受付 column values)
        b.members.map(formatReservationId).join(' '),
        b.memo_enc ? ctx.crypto.decrypt(b.memo_enc, 'card_net_bookings.memo') : '',
        `${created.date} ${created.time}`,
        cancelled ? `${cancelled.date} ${cancelled.time}` : '',
      ]);
    }
    const out = encodeCsv(lines, o.encoding, { valueColumns: [1, 2, 3, 5, 10, 11] }); // dates, times, party size
    const now = ctx.clock.now();
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.bookings.export_csv',
        departmentId: o.departmentId,
        recordType: 'card_booking',
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: {
          from: o.from,
          to: o.to,
          rows: r.rows.length,
          encoding: o.encoding,
          unencodable: out.unencodable,
          includeCancelled: o.includeCancelled,
        },
      },
      now,
    );
    return { body: out.body, rows: r.rows.length, unencodable: out.unencodable, filename: `card-bookings-${o.from}-${o.to}.csv` };
  });
}
