/**
 * Adding or changing a pickup place of the booking site (staff): the form is checked field by field
 * (nothing saved unless every field is right), then the place and its reservation-engine settings
 * are written with the audit record in one transaction. A place is found only in the staff member's
 * department.
 */
import { errors } from '../../../http/errors.js';
import type { Text } from '../../../http/i18n.js';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { findLocation, LocationCodeTaken, upsertLocation, type LocationInput } from './locations.js';
import { cardSiteStaffMessages as m } from './staff/card-site-staff.messages.js';

export const LOCATION_FIELDS = [
  'code',
  'name',
  'nameEn',
  'counters',
  'peoplePerCounter',
  'slotMinutes',
  'openTime',
  'closeTime',
  'weekdays',
  'opensDaysAhead',
  'bookUntilMinutes',
  'isActive',
] as const;
export type LocationForm = Record<(typeof LOCATION_FIELDS)[number], string>;

export const SLOT_MINUTES = [10, 15, 20, 30, 60];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^([01]\d|2[0-4]):[0-5]\d$/;

const int = (v: string, min: number, max: number) => {
  const n = Number(v.normalize('NFKC').trim());
  return v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Field-level messages in Japanese and English; the form is used by staff in either language. */
export function parseLocationForm(
  f: LocationForm,
  fixedCode: string | undefined,
): { ok: true; value: Omit<LocationInput, 'departmentId'> } | { ok: false; errors: Record<string, Text> } {
  const errs: Record<string, Text> = {};
  const code = fixedCode ?? f.code.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(code)) errs.code = m.text('errCode');
  const name = f.name.trim();
  if (!name || name.length > 100) errs.name = m.text('errName');
  const nameEn = f.nameEn.trim().slice(0, 100);
  const counters = int(f.counters, 0, 100);
  if (counters === undefined) errs.counters = m.text('errCounters');
  const peoplePerCounter = int(f.peoplePerCounter, 1, 50);
  if (peoplePerCounter === undefined) errs.peoplePerCounter = m.text('errPeople');
  if (counters !== undefined && peoplePerCounter !== undefined && counters * peoplePerCounter > 1000) errs.counters = m.text('errCapacity');
  const slotMinutes = int(f.slotMinutes, 5, 480);
  if (slotMinutes === undefined || !SLOT_MINUTES.includes(slotMinutes)) errs.slotMinutes = m.text('errSlot');
  const openTime = f.openTime.normalize('NFKC').trim().padStart(5, '0');
  const closeTime = f.closeTime.normalize('NFKC').trim().padStart(5, '0');
  if (!TIME.test(openTime) || !END_TIME.test(closeTime) || openTime >= closeTime) errs.openTime = m.text('errTime');
  const weekdays = [
    ...new Set(
      f.weekdays
        .split(',')
        .filter((x) => /^[0-6]$/.test(x))
        .map(Number),
    ),
  ].sort();
  if (weekdays.length === 0) errs.weekdays = m.text('errWeekdays');
  const opensDaysAhead = int(f.opensDaysAhead, 1, 400);
  if (opensDaysAhead === undefined) errs.opensDaysAhead = m.text('errOpens');
  const bookUntilMinutes = int(f.bookUntilMinutes, 0, 43200);
  if (bookUntilMinutes === undefined) errs.bookUntilMinutes = m.text('errUntil');
  if (Object.keys(errs).length) return { ok: false, errors: errs };
  return {
    ok: true,
    value: {
      code,
      name,
      nameEn,
      counters: counters as number,
      peoplePerCounter: peoplePerCounter as number,
      slotMinutes: slotMinutes as number,
      openTime,
      closeTime,
      weekdays,
      opensDaysAhead: opensDaysAhead as number,
      bookUntilMinutes: bookUntilMinutes as number,
      isActive: f.isActive === '1',
    },
  };
}

export type SaveLocationResult = { ok: true; overCapacity: number } | { ok: false; errors: Record<string, Text>; isCodeTaken?: boolean };

/**
 * Saves the form as a new place (`code` null) or as the place `code` of the department (404 when it
 * has none). A code already in use is a field error.
 */
export async function saveLocation(
  ctx: AppContext,
  o: {
    departmentId: string;
    code: string | null;
    form: LocationForm;
    actor: AuditActor;
    clientIp?: string | null;
    requestId?: string | null;
  },
): Promise<SaveLocationResult> {
  const existing = o.code === null ? undefined : await findLocation(ctx.db, o.code, [o.departmentId]);
  if (o.code !== null && !existing) throw errors.notFound();
  const parsed = parseLocationForm(o.form, existing?.code);
  if (!parsed.ok) return parsed;
  const now = ctx.clock.now();
  try {
    const r = await ctx.db.transaction(async (tx) => {
      const res = await upsertLocation(tx, { ...parsed.value, departmentId: o.departmentId }, now, { createOnly: !existing });
      await recordAudit(
        tx,
        {
          actor: o.actor,
          clientIp: o.clientIp,
          requestId: o.requestId,
          action: existing ? 'card.location.update' : 'card.location.create',
          departmentId: o.departmentId,
          recordType: 'card_location',
          recordId: res.id,
          detail: {
            code: parsed.value.code,
            counters: parsed.value.counters,
            people: parsed.value.peoplePerCounter,
            active: parsed.value.isActive,
          },
        },
        now,
      );
      return res;
    });
    return { ok: true, overCapacity: r.overCapacity };
  } catch (err) {
    if (!isPgError(err, '23505') && !(err instanceof LocationCodeTaken)) throw err;
    return { ok: false, errors: { code: m.text('codeTaken') }, isCodeTaken: true };
  }
}
