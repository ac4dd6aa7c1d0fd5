/**
 * Schemas of the roster: the pinned API's bodies and answers, also used by the portal's forms (the form's
 * strings are turned into the same shape by `fromForm`, so one schema checks both). Messages in Japanese
 * and English come from roster.messages.ts or the shared validation catalogue.
 */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { isValidDate } from '../../../platform/japan-time.js';
import { EMPLOYMENTS, QUALIFICATIONS, STAFF_ROLES } from '../shared/types.js';
import { RECORDABLE_EVENT_KINDS, STAFF_EVENT_KINDS } from './roster-rules.js';
import { rosterMessages as m } from './roster.messages.js';

const date = (what: string) => z.string().refine(isValidDate, zodMessage(m, 'enterDate')).describe(`${what} (YYYY-MM-DD, Japan date)`);
const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}\u30fc\u30fb\s]*$/u;

const hours = z
  .number()
  .gt(0, zodMessage(m, 'hoursRange'))
  .max(60, zodMessage(m, 'hoursRange'))
  .refine((h) => Number.isInteger(h * 2), zodMessage(m, 'hoursStep'));
const wholeNumber = (max: number) => z.number().int(zodMessage(m, 'wholeNumber')).min(0, zodMessage(m, 'wholeNumber')).max(max);

const personFields = {
  name: z.string().trim().min(1, zodMessage(m, 'enterName')).max(100).describe('Full name (stored encrypted)'),
  nameKana: z.string().trim().max(100).regex(KANA, zodMessage(m, 'kanaOnly')).optional().describe('Name in kana (stored encrypted)'),
  birthDate: date('Date of birth; not in the future, at least 15 on the hire date'),
  address: z.string().trim().min(1, zodMessage(m, 'enterAddress')).max(200).describe('Address (stored encrypted)'),
  hiredOn: date('Hire date; not before birth, at most one year ahead'),
  qualification: z.enum(QUALIFICATIONS).optional().describe('One qualification held (added to `qualifications`)'),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).optional().describe('Qualifications held'),
  qualificationNumber: z
    .string()
    .max(40)
    .optional()
    .describe('Nursery teacher registration number, e.g. 12-012345 (full-width accepted); required with hoikushi; stored encrypted'),
  priorExperienceYears: wholeNumber(60).optional().describe('Prior experience elsewhere, years'),
  priorExperienceMonths: wholeNumber(720).optional().describe('Prior experience elsewhere, months (added to the years)'),
};

export const createStaffBody = z
  .object({
    ...personFields,
    role: z.enum(STAFF_ROLES).describe('Role on the hire date'),
    employment: z.enum(EMPLOYMENTS),
    weeklyHours: hours.optional().describe('Hours a week: required below 40 for part-time; full-time defaults to 40'),
  })
  .meta({ id: 'FacilityStaffCreate' });
export type CreateStaffInput = z.output<typeof createStaffBody>;

export const updateStaffBody = z
  .object({
    name: personFields.name.optional(),
    nameKana: personFields.nameKana,
    birthDate: personFields.birthDate.optional(),
    address: personFields.address.optional(),
    hiredOn: personFields.hiredOn.optional(),
    qualifications: personFields.qualifications,
    qualificationNumber: personFields.qualificationNumber,
    priorExperienceYears: personFields.priorExperienceYears,
    priorExperienceMonths: personFields.priorExperienceMonths,
  })
  .meta({ id: 'FacilityStaffUpdate' });
export type UpdateStaffInput = z.output<typeof updateStaffBody>;

export const staffEventBody = z
  .object({
    kind: z.enum(RECORDABLE_EVENT_KINDS),
    effectiveOn: date('Effective date: leave-end is the first day back, retire the last day employed'),
    role: z.enum(STAFF_ROLES).optional().describe('The new role (role-change)'),
    employment: z.enum(EMPLOYMENTS).optional().describe('The new employment (employment-change)'),
    weeklyHours: hours.optional().describe('The new hours a week (employment-change; full-time defaults to 40)'),
    note: z.string().max(500, zodMessage(m, 'noteTooLong')).optional().describe('A note (stored encrypted)'),
  })
  .meta({ id: 'FacilityStaffEvent' });
export type StaffEventInput = z.output<typeof staffEventBody>;

export const staffIdParams = z.object({ id: z.string().max(100) });

const status = z.enum(['not-hired', 'employed', 'on-leave', 'retired']);

const listItem = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES).describe('Role today'),
  employment: z.enum(EMPLOYMENTS),
  weeklyHours: z.number(),
  qualifications: z.array(z.enum(QUALIFICATIONS)),
  hiredOn: z.string(),
  leftOn: z.string().nullable().describe('Retirement date (last day employed) once it has passed'),
  status,
  onLeave: z.boolean(),
  experienceYears: z.number().int().describe('Prior experience + whole months served, in whole years, today'),
  experienceMonths: z.number().int(),
  fte: z.number().describe('Full-time equivalent: 1 full-time, hours / 40 part-time'),
  warnings: z.array(z.enum(['nursery-teacher-without-hoikushi'])),
});

export const staffListResponse = z
  .object({
    asOf: z.string().describe('Today (Japan date): the date of the figures'),
    items: z.array(listItem),
    staffing: z.object({
      asOf: z.string(),
      headcount: z.number(),
      careFte: z.number(),
      qualifiedCareFte: z.number(),
      byRole: z.record(z.string(), z.number()),
      averageExperienceYears: z.number(),
    }),
  })
  .meta({ id: 'FacilityStaffList' });

export const staffDetailResponse = z
  .object({
    ...listItem.shape,
    nameKana: z.string().nullable(),
    birthDate: z.string(),
    address: z.string(),
    qualificationNumber: z.string().nullable(),
    priorExperienceMonths: z.number().int(),
    history: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(STAFF_EVENT_KINDS),
        effectiveOn: z.string(),
        role: z.enum(STAFF_ROLES).nullable(),
        employment: z.enum(EMPLOYMENTS).nullable(),
        weeklyHours: z.number().nullable(),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'FacilityStaffMember' });

export const staffCreatedResponse = z.object({ id: z.string() });
export const staffEventResponse = z.object({ id: z.number(), kind: z.enum(STAFF_EVENT_KINDS), effectiveOn: z.string() });

const NUMBER_FIELDS = new Set(['weeklyHours', 'priorExperienceYears', 'priorExperienceMonths']);

/**
 * A portal form's strings in the API's shape: empty fields left out, numbers (full-width too) as
 * numbers, the checked qualifications as a list. What does not read as a number stays a string, so the
 * schema refuses it with its own message.
 */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (k === 'qualifications') {
      out[k] = (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string' && x !== '');
      continue;
    }
    if (typeof v !== 'string') continue;
    const s = v.trim();
    if (s === '') continue;
    if (NUMBER_FIELDS.has(k)) {
      const n = s.normalize('NFKC');
      out[k] = /^\d+(\.\d+)?$/.test(n) ? Number(n) : s;
    } else out[k] = v;
  }
  return out;
}

/** The form's body as declared on the pages: anything, checked by the schemas above after `fromForm`. */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
