/**
 * How the service settings screens' HTML forms are read. The settings form is only an encoding of
 * serviceSettingsInput (the operations' own schema): numbers typed as text, check boxes sent as '1' or
 * not at all. The schedule, input-field and closure forms are read into the operations' shapes here.
 */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { isValidDate } from '../../../platform/japan-time.js';
import { serviceSettingsInput, type FieldSpec, type ScheduleSpec } from '../manage-services.js';
import { servicesMessages as sm } from './services.messages.js';
import { SENSITIVE_READER_ROLES } from '../reservations.policy.js';

const TEXT_KEYS = ['name', 'nameEn', 'description', 'descriptionEn', 'place', 'reminderTime'] as const;
const NUMBER_KEYS = [
  'durationMinutes',
  'capacity',
  'opensDaysAhead',
  'bookUntilMinutes',
  'changeUntilMinutes',
  'reminderDaysBefore',
  'retentionDays',
] as const;
export const FLAG_KEYS = ['closedOnNationalHolidays', 'closedYearEnd', 'remindersEnabled', 'isActive'] as const;

/** The first value of a form field (a repeated field sends an array). */
function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Form text → the settings' types; what does not decode is left for the schema to refuse with its message. */
function decodeSettingsForm(input: unknown): unknown {
  const b: Record<string, unknown> = {};
  if (input && typeof input === 'object') for (const [k, v] of Object.entries(input)) b[k] = first(v);
  for (const k of TEXT_KEYS) if (typeof b[k] !== 'string') b[k] = '';
  for (const k of NUMBER_KEYS) {
    const text = typeof b[k] === 'string' ? (b[k] as string).normalize('NFKC').trim() : '';
    b[k] = text === '' ? undefined : /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  }
  for (const k of FLAG_KEYS) b[k] = b[k] === '1';
  b.kind = b.kind === 'consultation' ? 'consultation' : 'counter';
  return b;
}

/** The edit screen's settings form. */
export const serviceSettingsForm = z.preprocess(decodeSettingsForm, serviceSettingsInput);

/** The new-service form: the same settings and the department it belongs to. */
export const newServiceForm = z.preprocess(
  decodeSettingsForm,
  serviceSettingsInput.extend({
    departmentId: z
      .string({ error: zodMessage(sm, 'chooseDepartment') })
      .min(1, zodMessage(sm, 'chooseDepartment'))
      .max(64),
  }),
);

const RANGE = /^(\d{1,2}:\d{2})[-〜~](\d{1,2}:\d{2})$/;

/** "09:00-12:00, 13:00-16:30" (full-width digits and separators accepted). */
const weekdayRanges = z
  .string()
  .max(500)
  .default('')
  .transform((text, c) => {
    const out: { start: string; end: string }[] = [];
    for (const part of text.split(/[,、，\s]+/).filter(Boolean)) {
      const m = RANGE.exec(part.normalize('NFKC'));
      if (!m) {
        c.issues.push({ code: 'custom', message: zodMessage(sm, 'scheduleFormat'), input: text });
        return z.NEVER;
      }
      out.push({ start: (m[1] as string).padStart(5, '0'), end: (m[2] as string).padStart(5, '0') });
    }
    return out;
  });

/** The weekly schedule form: one text field per weekday, w0 (Sunday) … w6. */
export const scheduleForm = z
  .object({
    w0: weekdayRanges,
    w1: weekdayRanges,
    w2: weekdayRanges,
    w3: weekdayRanges,
    w4: weekdayRanges,
    w5: weekdayRanges,
    w6: weekdayRanges,
  })
  .transform((o): ScheduleSpec[] =>
    [o.w0, o.w1, o.w2, o.w3, o.w4, o.w5, o.w6].flatMap((ranges, weekday) => ranges.map((r) => ({ weekday, ...r }))),
  );

/** Rows of the input-field table (k0, lj0, le0, t0, r0, c0, o0, m0 …). */
export const FIELD_ROWS = 20;
const FIELD_TYPES: readonly FieldSpec['type'][] = ['text', 'textarea', 'tel', 'email', 'choice'];
const CLASSES: readonly FieldSpec['classification'][] = ['personal', 'sensitive', 'none'];

/**
 * The input-field table: rows with an empty key are dropped. `rows[i]` is the table row of
 * `fields[i]`, so a refusal of fields.i.key can be shown in its row.
 */
export const fieldsForm = z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((b) => {
  const str = (k: string) => {
    const v = first(b[k]);
    return typeof v === 'string' ? v : '';
  };
  const fields: FieldSpec[] = [];
  const rows: number[] = [];
  for (let i = 0; i < FIELD_ROWS; i++) {
    const key = str(`k${i}`).trim();
    if (!key) continue;
    const type = FIELD_TYPES.find((t) => t === str(`t${i}`)) ?? 'text';
    const options = str(`o${i}`)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [value, ja, en] = l.split('|').map((x) => x.trim());
        return { value: value ?? '', ja: ja || value || '', en: en || ja || value || '' };
      });
    fields.push({
      key,
      labelJa: str(`lj${i}`).trim(),
      labelEn: str(`le${i}`).trim(),
      type,
      required: str(`r${i}`) === '1',
      classification: CLASSES.find((c) => c === str(`c${i}`)) ?? 'personal',
      options: type === 'choice' ? options : null,
      maxLength: Math.min(4000, Math.max(1, Number(str(`m${i}`)) || 200)),
    });
    rows.push(i);
  }
  return { fields, rows };
});

const time = z
  .string()
  .max(10)
  .default('')
  .transform((s) => s.normalize('NFKC').trim().padStart(5, '0'));

/** A closure or extra opening of one day. */
export const exceptionForm = z.object({
  day: z.string({ error: zodMessage(sm, 'enterDate') }).refine(isValidDate, zodMessage(sm, 'enterDate')),
  kind: z
    .string()
    .optional()
    .transform((k): 'open' | 'closed' => (k === 'open' ? 'open' : 'closed')),
  start: time,
  end: time,
  note: z.string().max(200, zodMessage(sm, 'noteTooLong')).default(''),
});

/** The message of a closure notice, or the reason of a closure cancellation (at most 500 characters kept). */
const closureText = z
  .string()
  .default('')
  .transform((s) => s.trim().slice(0, 500));

export const closureNotifyForm = z.object({ message: closureText, confirm: z.string().optional() });
export const closureCancelForm = z.object({ reason: closureText });

export const serviceParams = z.object({ id: z.guid() });
export const closureParams = z.object({ id: z.guid(), day: z.string().refine(isValidDate) });
export const exceptionParams = z.object({ id: z.guid(), exceptionId: z.guid() });

const count = z.coerce.number().int().min(0).catch(0).optional();
/** What the closure screen reports after a cancellation (cancelled, notified) or a notice (told, already). */
export const closureQuery = z.object({ cancelled: count, notified: count, told: count, already: count });
export const savedQuery = z.object({ saved: z.string().optional() });

/** The "who may read sensitive answers" form: the checked roles (none checked: nobody). */
export const sensitiveReadersForm = z.object({
  readers: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(SENSITIVE_READER_ROLES)).max(SENSITIVE_READER_ROLES.length),
  ),
});
