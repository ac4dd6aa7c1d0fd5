/**
 * The booking list for the internal zone, signed by the booking site: one row per card in every
 * booking of the department (active and cancelled, so cancellations travel too), with location,
 * date and time, status, e-mail if given, the ids booked together and the memo.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { writeExchangeFile } from '../shared/exchange-file.js';
import { sealBookingRows } from '../shared/field-seal.js';
import { internetFileRecipient, internetSigningKey } from '../shared/zone-keys.js';
import type { BookingRow } from '../internal/match-bookings.js';

export async function exportBookings(
  ctx: AppContext,
  o: { departmentCode: string; actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<{ text: string; fileId: string; sequence: number; rows: number }> {
  const key = internetSigningKey(ctx);
  const recipient = internetFileRecipient(ctx);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const dept = await tx.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [o.departmentCode]);
    const deptId = dept.rows[0]?.id;
    if (!deptId) throw new Error(`Department "${o.departmentCode}" does not exist.`);
    const r = await tx.query<{
      ref: string;
      reservation_id: string;
      code: string;
      name: string;
      starts_at: Date;
      ends_at: Date;
      status: 'booked' | 'cancelled';
      email_enc: string | null;
      memo_enc: string | null;
      grp: string[];
      created_at: Date;
    }>(
      `SELECT b.ref, m.reservation_id, l.code, l.name, s.starts_at, s.ends_at, b.status, b.email_enc, b.memo_enc, b.created_at,
         array(SELECT x.reservation_id FROM card_net_booking_members x WHERE x.booking_id = b.id ORDER BY x.reservation_id) AS grp
       FROM card_net_bookings b JOIN card_net_booking_members m ON m.booking_id = b.id
       JOIN card_net_slots s ON s.id = b.slot_id JOIN card_net_locations l ON l.id = s.location_id
       WHERE l.department_id = $1 ORDER BY b.created_at, b.ref, m.reservation_id`,
      [deptId],
    );
    const rows: BookingRow[] = r.rows.map((b) => ({
      bookingRef: b.ref,
      reservationId: b.reservation_id,
      location: b.code,
      locationName: b.name,
      start: b.starts_at.toISOString(),
      end: b.ends_at.toISOString(),
      status: b.status,
      email: b.email_enc ? ctx.crypto.decrypt(b.email_enc, 'card_net_bookings.email') : null,
      group: b.grp,
      memo: b.memo_enc ? ctx.crypto.decrypt(b.memo_enc, 'card_net_bookings.memo') : null,
    }));
    await tx.query('LOCK TABLE card_net_booking_exports IN EXCLUSIVE MODE');
    const seq = await tx.query<{ next: number }>('SELECT COALESCE(max(sequence), 0) + 1 AS next FROM card_net_booking_exports');
    const sequence = Number(seq.rows[0]?.next ?? 1);
    const fileId = crypto.randomUUID();
    // E-mail and memo are sealed for the internal zone first; the signature then covers the sealed file.
    const sealed = sealBookingRows(rows, recipient, fileId);
    const file = writeExchangeFile(
      {
        kind: 'card-bookings',
        fileId,
        sequence,
        createdAt: now.toISOString(),
        department: o.departmentCode,
        seal: sealed.seal,
        parts: { bookings: sealed.rows },
      },
      key,
    );
    await tx.query(
      'INSERT INTO card_net_booking_exports (file_id, sequence, row_count, sha256, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [fileId, sequence, rows.length, file.sha256, now, o.actor.id ?? o.actor.type],
    );
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.bookings.export',
        departmentId: deptId,
        recordType: 'card_booking_file',
        recordId: fileId,
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { sequence, rows: rows.length, sha256: file.sha256 },
      },
      now,
    );
    return { text: file.text, fileId, sequence, rows: rows.length };
  });
}
