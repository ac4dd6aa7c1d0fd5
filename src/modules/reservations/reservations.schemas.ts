/** Request and response schemas of the reservations API (they also feed the OpenAPI document). */
import { z } from 'zod';
import { msg } from '../../http/validation.js';

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg({ ja: '日付は YYYY-MM-DD の形式で指定してください。', en: 'Use a date like 2026-12-01.' }));
const opt = z.string().max(4000).optional().nullable();

export const serviceParams = z.object({ id: z.string().min(1).max(64) });
export const numberParams = z.object({ reservationNumber: z.string().min(1).max(40) });
export const idParams = z.object({ id: z.string().min(1).max(64) });

export const fieldOut = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'textarea', 'tel', 'email', 'choice']),
  required: z.boolean(),
  classification: z.enum(['personal', 'sensitive', 'none']),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export const serviceOut = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  kind: z.enum(['counter', 'consultation']),
  name: z.string(),
  description: z.string(),
  place: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  bookingOpensDaysAhead: z.number().int(),
  bookUntilMinutesBefore: z.number().int(),
  changeUntilMinutesBefore: z.number().int(),
  fields: z.array(fieldOut),
});

export const availabilityQuery = z.object({ from: dateOnly, to: dateOnly });
export const slotOut = z.object({ start: z.string(), end: z.string(), remaining: z.number().int() });

export const bookBody = z.object({
  serviceId: z.string().max(64),
  start: z.string().max(40).describe('Slot start, e.g. 2026-12-01T09:00:00+09:00'),
  name: opt,
  phone: opt,
  email: opt,
  fields: z.record(z.string(), z.string().max(4000)).optional(),
});
export const bookedOut = z.object({
  reservationNumber: z.string(),
  accessToken: z.string().describe('Secret for GET/PATCH/DELETE (Authorization: Bearer); shown once'),
  serviceId: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.literal('booked'),
  myPageUrl: z.string(),
});

export const reservationOut = z.object({
  reservationNumber: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  place: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['booked', 'arrived', 'done', 'no_show', 'cancelled']),
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
});

export const patchBody = z.object({
  start: z.string().max(40).optional(),
  name: opt,
  phone: opt,
  email: opt,
  fields: z.record(z.string(), z.string().max(4000)).optional(),
});

const statusEnum = z.enum(['booked', 'arrived', 'done', 'no_show', 'cancelled']);
export const staffListQuery = z.object({
  from: dateOnly,
  to: dateOnly,
  serviceId: z.string().max(64).optional(),
  status: statusEnum.optional(),
  number: z.string().max(20).optional(),
});
export const staffItemOut = z.object({
  id: z.string(),
  reservationNumber: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  departmentId: z.string(),
  start: z.string(),
  end: z.string(),
  status: statusEnum,
  channel: z.string(),
  name: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
});
export const staffDetailOut = staffItemOut.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string(), classification: z.string() })),
  createdAt: z.string(),
  createdByStaff: z.boolean(),
  lineUserId: z.string().nullable(),
  anonymised: z.boolean(),
  history: z.array(z.object({ status: z.string(), changedAt: z.string(), changedBy: z.string().nullable(), actorType: z.string(), reason: z.string().nullable() })),
});
export const staffBookBody = bookBody.extend({
  channel: z.enum(['phone', 'web', 'line']).default('phone'),
  overrideWindow: z.boolean().default(false),
  overbook: z.boolean().default(false),
});
export const staffPatchBody = patchBody.extend({ overrideWindow: z.boolean().default(false) });
export const statusBody = z.object({ status: statusEnum });
export const checkInBody = z.object({ number: z.string().min(1).max(40) });
/** Shift_JIS (CP932, labelled Windows-31J) by default, like the card site's export: what Excel in Japan opens by double click. */
export const exportQuery = staffListQuery.extend({ encoding: z.enum(['utf-8', 'shift_jis']).default('shift_jis') });

/** Parses an API start time; it must carry an offset (e.g. +09:00 or Z) so it is one instant. */
export function parseStart(s: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return new Date(Number.NaN);
  return new Date(s);
}

/**
 * Where a staff form returns to: a path of the reservations console on this site, nothing else.
 * It ends up in a Location header, so control characters (CR/LF) and anything that could leave the
 * origin (`//host`, backslashes) are refused.
 */
export const staffBack = z
  .string()
  .max(300)
  .regex(/^\/staff\/reservations(?:[/?][\x21-\x7e]*)?$/, msg({ ja: '戻り先が正しくありません。', en: 'The return address is not valid.' }))
  .refine((s) => !s.includes('\\') && !s.includes('//'), msg({ ja: '戻り先が正しくありません。', en: 'The return address is not valid.' }))
  .optional();

export const statusFormBody = z.object({
  status: statusEnum,
  back: staffBack,
  _csrf: z.string().optional(),
});
export const checkInFormBody = z.object({
  number: z.string().max(40).default(''),
  back: staffBack,
  _csrf: z.string().optional(),
});
export const cancelFormBody = z.object({
  reason: z.string().max(500, msg({ ja: '理由は500文字以内で入力してください。', en: 'Keep the reason to 500 characters.' })).default(''),
  _csrf: z.string().optional(),
});
