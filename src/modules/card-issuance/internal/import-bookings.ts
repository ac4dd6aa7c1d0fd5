/**
 * Imports the booking list from the internet zone: verifies the signature (peer key), decrypts the
 * e-mail and memo sealed for this zone (a file whose fields do not all open is refused before anything
 * is written), refuses a replay (file id or a sequence not above the last), then matches every row to its card in one
 * transaction (the cards are locked), marking cards booked (or back to letter sent when a booking
 * was cancelled) and reporting unmatched or conflicting rows. The e-mail address and memo are kept
 * encrypted.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { ExchangeFileError, readExchangeFile, replayed } from '../shared/exchange-file.js';
import { openBookingRows } from '../shared/field-seal.js';
import { internalFileKeys, trustedByInternal } from '../shared/zone-keys.js';
import { cardImportMessages } from './card-imports.messages.js';
import { encryptText } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import type { CardState } from './card-states.js';
import { matchBookings, type BookingRow, type CardForMatch, type MatchProblem } from './match-bookings.js';

const rowSchema = z
  .object({
    bookingRef: z.string().regex(/^[A-Z0-9-]{4,40}$/),
    reservationId: z.string().regex(/^[0-9A-Z]{4,32}$/),
    location: z.string().max(40),
    locationName: z.string().max(100),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    status: z.enum(['booked', 'cancelled']),
    email: z.string().max(254).nullable(),
    group: z.array(z.string().regex(/^[0-9A-Z]{4,32}$/)).max(10),
    memo: z.string().max(500).nullable(),
  })
  .strict();

/** As written in the file: e-mail and memo sealed (base64 of nonce, ciphertext and tag). */
const sealed = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);
const fileRowSchema = z.object({ ...rowSchema.shape, email: sealed.nullable(), memo: sealed.nullable() }).strict();

const badRow = (issues: z.core.$ZodIssue[]) =>
  new ExchangeFileError('bad_row', cardImportMessages.text('badBookingRow', { row: String(issues[0]?.path[0] ?? '?') }));

export type BookingImportResult = {
  fileId: string;
  sequence: number;
  rows: number;
  booked: number;
  cancelled: number;
  unchanged: number;
  problems: MatchProblem[];
};

export async function importBookings(
  ctx: AppContext,
  o: { settings: CardSettings; text: string; actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<BookingImportResult> {
  const file = readExchangeFile(o.text, 'card-bookings', trustedByInternal(ctx));
  if (file.manifest.department !== o.settings.departmentCode)
    throw new ExchangeFileError('wrong_kind', cardImportMessages.text('otherDepartment', { department: file.manifest.department }));
  const inFile = z.array(fileRowSchema).safeParse(file.parts.bookings ?? []);
  if (!inFile.success) throw badRow(inFile.error.issues);
  const parsed = z.array(rowSchema).safeParse(openBookingRows(inFile.data, file.manifest, internalFileKeys(ctx)));
  if (!parsed.success) throw badRow(parsed.error.issues);
  const rows = parsed.data as BookingRow[];
  const { fileId, sequence } = file.manifest;
  const deptId = o.settings.departmentId;
  try {
    return await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      // One booking import at a time, so "sequence above the last" holds.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('card_int_booking_imports'))");
      const seen = await tx.query<{ file_id: string; sequence: number }>(
        'SELECT file_id, sequence FROM card_int_booking_imports WHERE file_id = $1 OR sequence >= $2 LIMIT 1',
        [fileId, sequence],
      );
      if (seen.rows[0]) throw replayed(seen.rows[0].file_id === fileId ? 'fileId' : 'sequence');
      const cards = new Map<string, CardForMatch>();
      const ids = [...new Set(rows.map((r) => r.reservationId))];
      for (let i = 0; i < ids.length; i += 20_000) {
        const r = await tx.query<{ id: string; control_no: string; state: CardState; booking_ref: string | null }>(
          `SELECT id, control_no, state, booking_ref FROM card_int_cards
           WHERE department_id = $1 AND control_no = ANY($2::text[]) ORDER BY id FOR UPDATE`,
          [deptId, ids.slice(i, i + 20_000)],
        );
        for (const c of r.rows) cards.set(c.control_no, { id: c.id, controlNo: c.control_no, state: c.state, bookingRef: c.booking_ref });
      }
      const m = matchBookings(rows, cards);
      for (let i = 0; i < m.book.length; i += 5000) {
        const b = m.book.slice(i, i + 5000);
        await tx.query(
          `UPDATE card_int_cards c SET state = 'booked', booked_at = $1, state_changed_at = $1, booking_ref = u.ref,
             booking_location = u.loc, booking_start = u.st, booking_end = u.en, booking_email_enc = u.email,
             booking_group = string_to_array(u.grp, ','), booking_memo_enc = u.memo, booking_file_id = $2
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[], $10::text[])
             AS u(id, ref, loc, st, en, email, grp, memo)
           WHERE c.id = u.id`,
          [
            now,
            fileId,
            b.map((x) => x.card.id),
            b.map((x) => x.row.bookingRef),
            b.map((x) => `${x.row.location}|${x.row.locationName}`),
            b.map((x) => x.row.start),
            b.map((x) => x.row.end),
            b.map((x) => (x.row.email ? encryptText(ctx.crypto, x.row.email, 'booking_email') : null)),
            b.map((x) => x.row.group.join(',')),
            b.map((x) => (x.row.memo ? encryptText(ctx.crypto, x.row.memo, 'booking_memo') : null)),
          ],
        );
        await logStates(
          tx,
          deptId,
          b.map((x) => ({ id: x.card.id, from: x.card.state })),
          'booked',
          now,
        );
      }
      if (m.cancel.length) {
        const ids2 = m.cancel.map((x) => x.card.id);
        await tx.query(
          `UPDATE card_int_cards SET state = 'letter_sent', state_changed_at = $1, booking_ref = NULL, booking_location = NULL,
             booking_start = NULL, booking_end = NULL, booking_email_enc = NULL, booking_group = NULL, booking_memo_enc = NULL,
             booking_file_id = $2
           WHERE id = ANY($3::uuid[])`,
          [now, fileId, ids2],
        );
        await logStates(
          tx,
          deptId,
          m.cancel.map((x) => ({ id: x.card.id, from: x.card.state })),
          'letter_sent',
          now,
        );
      }
      const report = m.problems.slice(0, 5000);
      await tx.query(
        `INSERT INTO card_int_booking_imports (file_id, department_id, sequence, row_count, matched, unmatched, conflicts, report, imported_at, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          fileId,
          deptId,
          sequence,
          rows.length,
          m.book.length + m.cancel.length + m.unchanged,
          m.problems.filter((p) => p.reason === 'unmatched').length,
          m.problems.filter((p) => p.reason !== 'unmatched').length,
          JSON.stringify(report),
          now,
          o.actor.id ?? o.actor.type,
        ],
      );
      await recordAudit(
        tx,
        {
          actor: o.actor,
          action: 'card.bookings.import',
          departmentId: deptId,
          recordType: 'card_booking_file',
          recordId: fileId,
          clientIp: o.clientIp,
          requestId: o.requestId,
          detail: { sequence, rows: rows.length, booked: m.book.length, cancelled: m.cancel.length, problems: m.problems.length },
        },
        now,
      );
      return {
        fileId,
        sequence,
        rows: rows.length,
        booked: m.book.length,
        cancelled: m.cancel.length,
        unchanged: m.unchanged,
        problems: m.problems,
      };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw replayed('fileId');
    throw err;
  }
}

export async function logStates(
  tx: { query: AppContext['db']['query'] },
  departmentId: string,
  cards: { id: string; from: CardState }[],
  to: CardState,
  now: Date,
  source = 'bookings',
): Promise<void> {
  if (cards.length === 0) return;
  await tx.query(
    `INSERT INTO card_int_state_log (card_id, department_id, from_state, to_state, changed_at, source)
     SELECT id, $1, f, $2, $3, $4 FROM unnest($5::uuid[], $6::text[]) AS u(id, f)`,
    [departmentId, to, now, source, cards.map((c) => c.id), cards.map((c) => c.from)],
  );
}
