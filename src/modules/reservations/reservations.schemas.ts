/** Request and response schemas of the reservations API (they also feed the OpenAPI document). */
import { z } from 'zod';
import { zodMessage } from '../../http/validation.js';
import { addDays, isValidDate } from '../../platform/japan-time.js';
import { reservationMessages } from './messages.js';
import { staffMessages } from './staff/staff.messages.js';

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage(reservationMessages, 'dateFormat'));
const opt = z.string().max(4000).optional().nullable();

export const serviceParams = z.object({ id: z.string().min(1).max(64).describe('The service id from GET /api/v1/services') });
// i18n-exempt: OpenAPI description for developers, in English with the Japanese term
export const numberParams = z.object({
  reservationNumber: z.string().min(1).max(40).describe('The reservation number given when booking (予約番号)'),
});
export const idParams = z.object({ id: z.string().min(1).max(64).describe("The booking's internal id (a UUID)") });

export const statusEnum = z
  .enum(['booked', 'arrived', 'done', 'no_show', 'cancelled'])
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  .meta({ id: 'ReservationStatus', description: 'booked (予約済み), arrived (来庁), done (対応済み), no_show (不来庁), cancelled (取消)' });
const jstTime = (what: string) => z.string().describe(`${what}, Japan time with offset, e.g. 2026-12-01T09:00:00+09:00`);

export const fieldOut = z
  .object({
    key: z.string().describe("Name of the value in a booking's `fields`"),
    label: z.string().describe('Label to show, in the request language'),
    type: z.enum(['text', 'textarea', 'tel', 'email', 'choice']).describe('Input kind; `choice` takes one of `options`'),
    required: z.boolean().describe('Whether a booking must fill it'),
    classification: z
      .enum(['personal', 'sensitive', 'none'])
      .describe('Data protection class: personal and sensitive values are encrypted at rest and erased with the booking'),
    options: z
      .array(z.object({ value: z.string().describe('What to send'), label: z.string().describe('What to show') }))
      .optional()
      .describe('The choices of a `choice` field'),
  })
  .meta({ id: 'ServiceField', description: 'An extra input a service asks for when booking' });
export const serviceOut = z
  .object({
    id: z.string().describe('Service id, used in availability and booking'),
    // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
    departmentId: z.string().describe('The department (課) that runs it'),
    departmentName: z.string(),
    kind: z.enum(['counter', 'consultation']).describe('counter: a counter visit; consultation: an appointment with a person'),
    name: z.string().describe('Name, in the request language when there is one'),
    description: z.string(),
    place: z.string().describe('Where to come'),
    durationMinutes: z.number().int().describe('Length of one slot'),
    capacity: z.number().int().describe('People per slot'),
    bookingOpensDaysAhead: z.number().int().describe('How many days ahead booking opens'),
    bookUntilMinutesBefore: z.number().int().describe('Booking closes this many minutes before the start'),
    changeUntilMinutesBefore: z.number().int().describe('Changes and cancellations close this many minutes before the start'),
    fields: z.array(fieldOut).describe('Extra inputs a booking gives in `fields`'),
  })
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  .meta({ id: 'Service', description: 'A bookable service (窓口・相談)' });

export const availabilityQuery = z.object({
  from: dateOnly.describe('First day, YYYY-MM-DD (Japan)'),
  to: dateOnly.describe('Last day, YYYY-MM-DD, at most 62 days after `from`'),
  format: z
    .enum(['slots', 'compact'])
    .default('slots')
    .describe(
      '`slots` (default): one object per slot; `compact`: per day, each slot as [start time, places left] (a month in about a sixth of the bytes)',
    ),
});
export const compactAvailabilityOut = z
  .object({
    durationMinutes: z.number().int().describe('Length of every slot'),
    days: z
      .record(z.string(), z.array(z.tuple([z.string(), z.number().int()])))
      .describe(
        'By day (YYYY-MM-DD, Japan): the bookable slots as [start HH:MM, places left], in time order; days without one are left out',
      ),
  })
  .meta({ id: 'CompactAvailability', description: 'Bookable slots by day, compact' });
export const slotOut = z
  .object({ start: jstTime('Start'), end: jstTime('End'), remaining: z.number().int().describe('Places left') })
  .meta({ id: 'Slot', description: 'A time that can be booked now' });

export const bookBody = z
  .object({
    serviceId: z.string().max(64).describe('The service to book'),
    start: z.string().max(40).describe('Slot start with its offset, as in availability, e.g. 2026-12-01T09:00:00+09:00'),
    name: opt.describe("Name of the person coming (required or not by the service's rules)"),
    phone: opt.describe('Phone number; Japanese formats are normalised'),
    email: opt.describe('E-mail address for the confirmation and reminders'),
    fields: z.record(z.string(), z.string().max(4000)).optional().describe("Values of the service's extra `fields`, by key"),
  })
  .meta({ id: 'BookingRequest', description: 'A booking of one slot' });
export const bookedOut = z
  .object({
    // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
    reservationNumber: z.string().describe('The reservation number (予約番号) to show to the person'),
    accessToken: z.string().describe('Secret for GET/PATCH/DELETE (Authorization: Bearer); shown once'),
    serviceId: z.string(),
    start: jstTime('Start'),
    end: jstTime('End'),
    status: z.literal('booked'),
    myPageUrl: z.string().describe('Link to the booking on My Page (no sign-in needed with it)'),
  })
  .meta({ id: 'Booked', description: 'The booking just made' });

export const reservationOut = z
  .object({
    reservationNumber: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    place: z.string().describe('Where to come'),
    start: jstTime('Start'),
    end: jstTime('End'),
    status: statusEnum,
    name: z.string().describe('Name given when booking'),
    phone: z.string(),
    email: z.string().nullable(),
    fields: z.record(z.string(), z.string()).describe("Values of the service's extra fields, by key"),
  })
  .meta({ id: 'Reservation', description: 'A booking as its holder sees it (with their personal data)' });

export const patchBody = z
  .object({
    start: z.string().max(40).optional().describe('A new slot start (same service), e.g. 2026-12-02T10:00:00+09:00'),
    name: opt.describe('New name; omit to keep'),
    phone: opt.describe('New phone number; omit to keep'),
    email: opt.describe('New e-mail address; omit to keep'),
    fields: z.record(z.string(), z.string().max(4000)).optional().describe('New values of extra fields, by key; omit to keep'),
  })
  .meta({ id: 'BookingChange', description: 'What to change in a booking; omitted parts stay as they are' });
export const changedOut = z
  .object({
    reservationNumber: z.string(),
    start: jstTime('Start'),
    end: jstTime('End'),
    status: statusEnum,
  })
  .meta({ id: 'BookingChanged', description: 'The booking after a change' });
export const staffChangedOut = z
  .object({
    reservationId: z.string(),
    reservationNumber: z.string(),
    start: jstTime('Start'),
    end: jstTime('End'),
    moved: z.boolean().describe('Whether the day or time changed (a change notice was sent)'),
  })
  .meta({ id: 'StaffBookingChanged', description: 'The booking after a change by staff' });

export const staffListQuery = z.object({
  from: dateOnly.describe('First day, YYYY-MM-DD (Japan)'),
  to: dateOnly.describe('Last day, YYYY-MM-DD, at most 366 days after `from`'),
  serviceId: z.string().max(64).optional().describe('Only this service'),
  status: statusEnum.optional().describe('Only bookings in this status'),
  number: z.string().max(20).optional().describe('Only this reservation number'),
});
const staffItemShape = {
  id: z.string().describe('Internal id, for the staff API'),
  reservationNumber: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  departmentId: z.string(),
  start: jstTime('Start'),
  end: jstTime('End'),
  status: statusEnum,
  channel: z.string().describe('How it was booked: web, line or phone (by staff)'),
  name: z.string().nullable().describe('Name; null once erased by retention'),
  statusChangedBy: z.string().nullable().describe('Display name of the staff member who last changed the status'),
  statusChangedAt: z.string().nullable().describe('When the status last changed (ISO 8601)'),
};
/**
 * The reason staff give to read a booking's sensitive answers (要配慮個人情報): required, at most 200
 * characters, kept in the audit log (privacy.sensitive_read). The detail screen's form and the API's body.
 */
export const sensitiveReadBody = z
  .object({
    reason: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string({ error: zodMessage(staffMessages, 'reasonRequired') })
        .trim()
        .max(200, zodMessage(staffMessages, 'reasonTooLong')),
    ),
    /** The form's single-use token: the same form posted again (a reload) shows nothing. */
    once: z.uuid().optional().catch(undefined),
  })
  .meta({ id: 'SensitiveReadForm', description: 'Why the sensitive answers are read (kept in the audit log)' });

/** The API's body: the reason is checked by the operation, after the access check (another department's id is a 404 whatever was sent). */
export const sensitiveReadApiBody = z
  .object({
    reason: z
      .string()
      .max(10_000)
      .optional()
      .describe('Why the sensitive answers are read: required, 1–200 characters (kept in the audit log)'),
  })
  .meta({ id: 'SensitiveReadRequest', description: 'Why the sensitive answers are read (kept in the audit log)' });

export const staffItemOut = z.object(staffItemShape).meta({ id: 'StaffReservationItem', description: 'A booking in a staff list' });
export const staffDetailOut = z
  .object({
    ...staffItemShape,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    fields: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          value: z.string().describe("'' when masked"),
          classification: z.string().describe('personal, sensitive or none'),
          masked: z
            .boolean()
            // i18n-exempt: OpenAPI text for developers, in English with the Japanese term
            .describe('A sensitive answer (要配慮個人情報) left out; read it with POST …/{id}/sensitive-fields and a reason'),
        }),
      )
      .describe("The service's extra fields with their labels"),
    sensitive: z
      .object({
        keys: z.array(z.string()).describe('Keys of the sensitive fields this booking answered'),
        revealed: z.boolean().describe('Their values are in `fields` (a read with a reason, audited)'),
        replayed: z.boolean().describe('A reveal form posted again with its single-use token: nothing shown'),
        mayRead: z.boolean().describe('You may read them, with a reason'),
        readers: z.array(z.string()).describe("Roles of the service's department that may read them"),
      })
      .describe('Sensitive answers: masked unless read with a reason'),
    createdAt: z.string().describe('When it was booked (ISO 8601)'),
    createdByStaff: z.boolean().describe('Booked by staff on behalf of the person'),
    lineUserId: z.string().nullable().describe('Set when booked through LINE'),
    anonymised: z.boolean().describe('Personal data already erased by the retention rule'),
    history: z
      .array(
        z.object({
          status: z.string(),
          changedAt: z.string(),
          changedBy: z.string().nullable(),
          actorType: z.string().describe('staff, citizen or system'),
          reason: z.string().nullable().describe('The reason staff gave, e.g. for a cancellation'),
        }),
      )
      .describe('Status changes, oldest first'),
  })
  .meta({ id: 'StaffReservation', description: 'A booking with its personal data, for staff (each view is audited)' });
export const staffBookBody = bookBody
  .extend({
    channel: z.enum(['phone', 'web', 'line']).default('phone').describe('How the person asked'),
    overrideWindow: z.boolean().default(false).describe('Book outside the booking window'),
    overbook: z.boolean().default(false).describe('Book beyond capacity (department administrators only)'),
  })
  .meta({ id: 'StaffBookingRequest', description: 'A booking made by staff on behalf of a person' });
export const staffPatchBody = patchBody
  .extend({ overrideWindow: z.boolean().default(false).describe('Change outside the change window') })
  .meta({ id: 'StaffBookingChange', description: 'What staff change in a booking; omitted parts stay as they are' });
export const statusBody = z.object({ status: statusEnum });
export const statusOut = z
  .object({ reservationId: z.string(), status: statusEnum })
  .meta({ id: 'ReservationStatusChange', description: 'The status a booking now has' });
export const checkInOut = z
  .object({
    reservationId: z.string(),
    reservationNumber: z.string(),
    status: statusEnum,
    alreadyCheckedInAt: z.string().optional().describe('Set when the booking was already checked in: when (ISO 8601, empty if unknown)'),
  })
  .meta({ id: 'CheckIn', description: 'The booking that was checked in' });
export const checkInBody = z.object({ number: z.string().min(1).max(40).describe('Reservation number, typed or read from the QR code') });
/**
 * The export's period and encoding, one schema for the API and the staff screen's download links:
 * real dates, `to` not before `from` and at most 366 days after it. Shift_JIS (CP932, labelled
 * Windows-31J) by default, like the card site's export: what Excel in Japan opens by double click.
 */
export const exportQuery = staffListQuery
  .extend({
    encoding: z
      .enum(['utf-8', 'shift_jis'])
      .default('shift_jis')
      .describe('shift_jis (Windows-31J, what Excel in Japan opens) or utf-8 with BOM'),
  })
  .superRefine((q, c) => {
    if (!isValidDate(q.from)) c.addIssue({ code: 'custom', path: ['from'], message: zodMessage(staffMessages, 'notADate') });
    if (!isValidDate(q.to)) c.addIssue({ code: 'custom', path: ['to'], message: zodMessage(staffMessages, 'notADate') });
    else if (isValidDate(q.from) && (q.to < q.from || addDays(q.from, 366) < q.to))
      c.addIssue({ code: 'custom', path: ['to'], message: zodMessage(staffMessages, 'periodTooLong') });
  });

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
  .regex(/^\/staff\/reservations(?:[/?][\x21-\x7e]*)?$/, zodMessage(reservationMessages, 'backNotValid'))
  .refine((s) => !s.includes('\\') && !s.includes('//'), zodMessage(reservationMessages, 'backNotValid'))
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
  reason: z.string().max(500, zodMessage(reservationMessages, 'reasonTooLong')).default(''),
  _csrf: z.string().optional(),
});
