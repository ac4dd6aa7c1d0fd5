/** Reading reservations and their (encrypted) personal data. Private to the module. */
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';

export type ReservationStatus = 'booked' | 'arrived' | 'done' | 'no_show' | 'cancelled';
export type Channel = 'web' | 'phone' | 'line';

export type ReservationRow = {
  id: string;
  reservationNumber: string;
  accessTokenHash: string;
  serviceId: string;
  departmentId: string;
  slotId: number;
  start: Date;
  end: Date;
  status: ReservationStatus;
  channel: Channel;
  lineUserId: string | null;
  createdByStaffId: string | null;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
  statusChangedByLogin: string | null;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  anonymisedAt: Date | null;
  nameEnc: string | null;
  phoneEnc: string | null;
  phoneIndex: string | null;
  /** Blind index of the e-mail address (bookings made before migration 0035 have none). */
  emailIndex?: string | null;
  emailEnc: string | null;
  fieldsEnc: string | null;
};

export const RESERVATION_SELECT = `
  SELECT r.id, r.reservation_number AS "reservationNumber", r.access_token_hash AS "accessTokenHash", r.service_id AS "serviceId",
    r.department_id AS "departmentId", r.slot_id AS "slotId", r.starts_at AS start, r.ends_at AS end,
    r.status, r.channel, r.line_user_id AS "lineUserId", r.created_by_staff_id AS "createdByStaffId",
    r.status_changed_at AS "statusChangedAt", r.status_changed_by AS "statusChangedBy",
    (SELECT login_id FROM staff WHERE staff.id = r.status_changed_by) AS "statusChangedByLogin",
    r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.cancelled_at AS "cancelledAt",
    r.anonymised_at AS "anonymisedAt", r.name_enc AS "nameEnc", r.phone_enc AS "phoneEnc",
    r.phone_index AS "phoneIndex", r.email_index AS "emailIndex", r.email_enc AS "emailEnc", r.fields_enc AS "fieldsEnc"
  FROM rsv_reservations r`;

export async function findReservationById(q: Queryable, id: string, forUpdate = false): Promise<ReservationRow | undefined> {
  const r = await q.query<ReservationRow>(`${RESERVATION_SELECT} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`, [id]);
  return r.rows[0];
}

export async function findReservationByNumber(q: Queryable, number: string): Promise<ReservationRow | undefined> {
  const r = await q.query<ReservationRow>(`${RESERVATION_SELECT} WHERE r.reservation_number = $1`, [number]);
  return r.rows[0];
}

export type Personal = { name: string; phone: string; email: string | null; fields: Record<string, string> };

export const CONTEXTS = {
  name: 'reservations.name',
  phone: 'reservations.phone',
  email: 'reservations.email',
  fields: 'reservations.fields',
  idempotency: 'reservations.idempotency',
} as const;

/** Decrypts the personal data; null once the booking has been anonymised. */
export function personalOf(ctx: AppContext, r: ReservationRow): Personal | null {
  if (r.anonymisedAt || !r.nameEnc || !r.phoneEnc) return null;
  return {
    name: ctx.crypto.decrypt(r.nameEnc, CONTEXTS.name),
    phone: ctx.crypto.decrypt(r.phoneEnc, CONTEXTS.phone),
    email: r.emailEnc ? ctx.crypto.decrypt(r.emailEnc, CONTEXTS.email) : null,
    fields: r.fieldsEnc ? (JSON.parse(ctx.crypto.decrypt(r.fieldsEnc, CONTEXTS.fields)) as Record<string, string>) : {},
  };
}

/**
 * A booking's ciphertexts and blind indexes, and the encrypted answers given (the stored idempotency
 * answer): one data key for all of them, wrapped once (field-crypto's v2 record form).
 */
export function encryptBooking(ctx: AppContext, p: Personal, answers: readonly object[] = []) {
  const values: [string, string][] = [
    [p.name, CONTEXTS.name],
    [p.phone, CONTEXTS.phone],
  ];
  const hasFields = Object.keys(p.fields).length > 0;
  if (p.email) values.push([p.email, CONTEXTS.email]);
  if (hasFields) values.push([JSON.stringify(p.fields), CONTEXTS.fields]);
  for (const a of answers) values.push([JSON.stringify(a), CONTEXTS.idempotency]);
  const enc = ctx.crypto.encryptRecord(values);
  let at = 2;
  return {
    nameEnc: enc[0] as string,
    phoneEnc: enc[1] as string,
    phoneIndex: phoneIndexOf(ctx, p.phone),
    emailEnc: p.email ? (enc[at++] as string) : null,
    emailIndex: p.email ? emailIndexOf(ctx, p.email) : null,
    fieldsEnc: hasFields ? (enc[at++] as string) : null,
    answers: enc.slice(at),
  };
}

export function phoneIndexOf(ctx: AppContext, normalisedPhone: string): string {
  return ctx.crypto.blindIndex(normalisedPhone, CONTEXTS.phone);
}

/** Blind index of an e-mail address (NFKC, trimmed, lower-cased): "my bookings" by a mailed link. */
export function emailIndexOf(ctx: AppContext, email: string): string {
  return ctx.crypto.blindIndex(email, CONTEXTS.email);
}

export async function addStatusHistory(
  q: Queryable,
  reservationId: string,
  status: ReservationStatus,
  now: Date,
  by: { actorType: 'citizen' | 'staff' | 'system' | 'line'; staffId?: string | null },
): Promise<void> {
  await q.query(
    `INSERT INTO rsv_status_history (reservation_id, status, changed_at, changed_by_staff_id, actor_type) VALUES ($1,$2,$3,$4,$5)`,
    [reservationId, status, now, by.staffId ?? null, by.actorType],
  );
}

/**
 * Takes `seats` seats of a slot (one booking may cover a household), creating the slot row on first
 * use. The conditional upsert is the capacity invariant: no interleaving can exceed capacity.
 */
export async function takeSeat(
  q: Queryable,
  serviceId: string,
  start: Date,
  end: Date,
  capacity: number,
  seats = 1,
): Promise<{ slotId: number } | null> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO rsv_slots (service_id, starts_at, ends_at, capacity, booked) SELECT $1::uuid, $2::timestamptz, $3::timestamptz, $4::int, $5::int WHERE $5::int <= $4::int
     ON CONFLICT (service_id, starts_at) DO UPDATE SET booked = rsv_slots.booked + EXCLUDED.booked
       WHERE rsv_slots.booked + EXCLUDED.booked <= rsv_slots.capacity
     RETURNING id`,
    [serviceId, start, end, capacity, seats],
  );
  return r.rows[0] ? { slotId: r.rows[0].id } : null;
}

export async function releaseSeat(q: Queryable, slotId: number, seats = 1): Promise<void> {
  await q.query('UPDATE rsv_slots SET booked = booked - $2 WHERE id = $1', [slotId, seats]);
}
