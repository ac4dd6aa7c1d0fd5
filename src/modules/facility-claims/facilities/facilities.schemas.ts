/**
 * Schemas of the facility master and its users: the same schema validates the staff form, the JSON body
 * and the CLI's input (the operations parse again, so every path is checked), and types the operations.
 * Form fields arrive as strings (blank = not given), JSON as numbers: both parse.
 */
import { z } from 'zod';
import { msg } from '../../../http/validation.js';
import { FACILITY_TYPES, REGION_PERCENTS, type RegionPercent } from '../shared/types.js';
import { facilitiesMessages } from './facilities.messages.js';

type Key = keyof typeof facilitiesMessages.messages;
/** A field message of the catalogue (messages without placeholders). */
const m = (key: Key) => msg(facilitiesMessages.messages[key]);

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The facility code: as fc_facilities.code allows (letters, digits, hyphens; up to 20). */
export const FACILITY_CODE = /^[0-9A-Za-z][0-9A-Za-z-]{0,19}$/;
/** A facility user's log-in id, after lower-casing: as fc_users.login_id allows. */
export const FACILITY_LOGIN_ID = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const capacity = z.preprocess(
  blank,
  z.coerce
    .number({ error: m('capacityRule') })
    .int(m('capacityRule'))
    .min(0, m('capacityRule'))
    .max(999, m('capacityRule'))
    .default(0),
);

const text = (max: number, tooLong: Key) => z.preprocess((v) => v ?? '', z.string().trim().max(max, m(tooLong)));

const facilityFields = z.object({
  name: z
    .string({ error: m('nameRequired') })
    .trim()
    .min(1, m('nameRequired'))
    .max(100, m('nameTooLong'))
    .describe('Facility name'),
  type: z.enum(FACILITY_TYPES, { error: m('typeChoose') }).describe('Kind of facility (romaji code)'),
  operatorName: text(100, 'operatorTooLong').describe('Operator (setchisha) name'),
  regionPercent: z
    .preprocess(
      blank,
      z.coerce
        .number({ error: m('regionChoose') })
        .refine((v) => (REGION_PERCENTS as readonly number[]).includes(v), m('regionChoose'))
        .default(0),
    )
    .transform((v) => v as RegionPercent)
    .describe('Region class (chiiki kubun) as a percentage: 0 (other areas), 3, 6, 10, 12, 15, 16 or 20'),
  capacity1: capacity.describe('Approved capacity for certification class 1'),
  capacity23: capacity.describe('Approved capacity for certification classes 2 and 3'),
  postalCode: z
    .preprocess(
      (v) => (typeof v === 'string' ? blank(v.normalize('NFKC').replace(/[-\s]/g, '')) : (v ?? undefined)),
      z
        .string()
        .regex(/^[0-9]{7}$/, m('postalCodeRule'))
        .optional(),
    )
    .describe('7 digits'),
  address: text(200, 'addressTooLong').describe('Address'),
});

export const createFacilityBody = facilityFields.extend({
  code: z
    .string({ error: m('codeRule') })
    .trim()
    .regex(FACILITY_CODE, m('codeRule'))
    .describe("The city's facility code (cannot be changed later)"),
});
export type CreateFacilityInput = z.input<typeof createFacilityBody>;

/**
 * Every editable field (the code is not one): the edit form sends them all. Capacities may stay 0 until
 * the city enters them (the pinned `facility create` gives only code, name and kind).
 */
export const updateFacilityBody = facilityFields;
export type UpdateFacilityInput = z.input<typeof updateFacilityBody>;

const email = z
  .string({ error: m('emailRule') })
  .trim()
  .max(254, m('emailRule'))
  .pipe(z.email(m('emailRule')))
  .describe("The address on the facility's written notification");

/** 届出日 and the notification's reference: what the audit record keeps of the written notification. */
const notification = {
  notifiedOn: z
    .preprocess(blank, z.string().refine(isRealDate, m('notifiedOnRule')).optional())
    .describe('Date of the written notification (YYYY-MM-DD)'),
  notificationRef: z
    .preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^[\p{L}\p{N}\-/]{1,40}$/u, m('notificationRefRule'))
        .optional(),
    )
    .describe("The notification's reference (receipt number); never a name"),
};

export const createUserBody = z.object({
  loginId: z
    .string({ error: m('loginIdRule') })
    .trim()
    .transform((s) => s.normalize('NFKC').toLowerCase())
    .pipe(z.string().regex(FACILITY_LOGIN_ID, m('loginIdRule')))
    .describe('Log-in id (lower-cased)'),
  email,
  displayName: z
    .string({ error: m('displayNameRequired') })
    .trim()
    .min(1, m('displayNameRequired'))
    .max(100, m('displayNameTooLong'))
    .describe("The user's name (stored encrypted)"),
  password: z
    .string({ error: m('passwordRequired') })
    .min(1, m('passwordRequired'))
    .max(1000)
    .describe('Initial password: at least 12 characters, checked against common and guessable passwords'),
  ...notification,
});
export type CreateUserInput = z.input<typeof createUserBody>;

export const changeEmailBody = z.object({
  email,
  notifiedOn: z
    .preprocess(blank, z.string({ error: m('notifiedOnRule') }).refine(isRealDate, m('notifiedOnRule')))
    .describe('Date of the new written notification (YYYY-MM-DD)'),
  notificationRef: notification.notificationRef,
});
export type ChangeEmailInput = z.input<typeof changeEmailBody>;

export const resetPasswordBody = z.object({
  password: z
    .string({ error: m('passwordRequired') })
    .min(1, m('passwordRequired'))
    .max(1000),
});

export const listFacilitiesQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()).describe('A prefix of the code, or part of the name'),
  type: z.preprocess(blank, z.enum(FACILITY_TYPES).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
});
export type ListFacilitiesQuery = z.output<typeof listFacilitiesQuery>;

export const facilityIdParams = z.object({ id: z.uuid() });
export const facilityUserParams = z.object({ id: z.uuid(), userId: z.uuid() });

// ---- answers of the JSON API

export const facilityItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(FACILITY_TYPES),
  operatorName: z.string(),
  regionPercent: z.number().int(),
  capacity1: z.number().int(),
  capacity23: z.number().int(),
  postalCode: z.string().nullable(),
  address: z.string(),
  activeUsers: z.number().int(),
});
export const facilityListResponse = z.object({ items: z.array(facilityItem), page: z.number().int(), hasNext: z.boolean() });

export const facilityUserItem = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  emailMasked: z.string().describe('e.g. ho***@example.jp: the address itself is never answered'),
  status: z.enum(['active', 'disabled']),
  lastLoginAt: z.string().nullable(),
  isLocked: z.boolean(),
});
export const facilityDetailResponse = facilityItem.extend({ users: z.array(facilityUserItem) });
export const facilityCreatedResponse = z.object({ id: z.string(), code: z.string() });
export const userCreatedResponse = z.object({ id: z.string(), loginId: z.string() });
