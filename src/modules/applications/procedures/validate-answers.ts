/**
 * Answers to a procedure's form: normalised and checked field by field, free of I/O (the clock comes in
 * as `now`). One path for the citizen pages, the JSON API and the staff's correction flow.
 *
 * Stored forms (what `answers` holds after this): text trimmed, NFC, half-width katakana made full
 * width; フリガナ full-width katakana with single full-width spaces; dates ISO `YYYY-MM-DD` (typed as
 * 2026-12-01, 2026/12/1, 2026年12月1日 or 和暦 令和8年12月1日 / R8.12.1); numbers canonical decimal
 * strings; phone numbers digits only (09012345678); postal codes 123-4567; e-mail with a lower-case
 * domain; a choice its option value (checkboxes: the chosen values in the options' order); a file
 * the upload's id. A blank optional answer is left out; a hidden field (its `showIf` not met) is left
 * out and never checked, so a stale answer to a question the citizen no longer sees cannot be kept.
 *
 * My Number (個人番号): a procedure not flagged `collectsMyNumber` refuses any answer that is, or
 * contains, 12 digits with a valid check digit, so the number never lands in a system not meant to
 * hold it. In a flagged procedure, a field of privacy class 'my_number' must hold a valid one.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Lang, Text } from '../../../platform/i18n.js';
import { formatWareki } from '../../../web/components/index.js';
import { answerMessages as m } from './answers.messages.js';
import type { FieldDefinition, ProcedureDefinition } from './definition.js';

export type AnswerValue = string | string[];
export type Answers = Record<string, AnswerValue>;
export type AnswerError = { field: string; message: Text };

/** Upper bound of one fee computed from a quantity (yen), whatever the quantity field allows. */
export const MAX_FEE_AMOUNT = 10_000_000;

const DEFAULT_MAX_LENGTH: Partial<Record<FieldDefinition['type'], number>> = {
  text: 200,
  longText: 4000,
  kana: 100,
  email: 254,
};

// C0 controls except tab and line feed, and DEL (a NUL never gets this far: the input guard refuses it).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const HALF_WIDTH_KANA = /[\uFF61-\uFF9F]+/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Does this field show (and count) given the answers so far? A field without `showIf` always does. */
export function isFieldVisible(field: FieldDefinition, answers: Answers): boolean {
  if (!field.showIf) return true;
  const v = answers[field.showIf.field];
  if (v === undefined) return false;
  const values = Array.isArray(v) ? v : [v];
  return values.some((x) => field.showIf?.equals.includes(x));
}

// ---------------------------------------------------------------- My Number (個人番号)

/** The check digit of an 11-digit 個人番号 body (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条). */
function myNumberCheckDigit(body: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(body[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** Exactly 12 digits whose last is the 個人番号 check digit of the first eleven. */
export function isValidMyNumber(digits: string): boolean {
  return /^\d{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

const SEPARATORS = /[\s\-‐‑–—―−]/g;
// 12 digits, optionally separated by single spaces or hyphens, not part of a longer run of digits.
const EMBEDDED_TWELVE = /(?<![0-9][\s\-‐‑–—―−]?)[0-9](?:[\s\-‐‑–—―−]?[0-9]){11}(?![\s\-‐‑–—―−]?[0-9])/g;

/** Is the (NFKC) text a My Number, or does it hold one among other words? */
function containsMyNumber(text: string): boolean {
  if (isValidMyNumber(text.replace(SEPARATORS, ''))) return true;
  for (const match of text.matchAll(EMBEDDED_TWELVE)) if (isValidMyNumber(match[0].replace(SEPARATORS, ''))) return true;
  return false;
}

// ---------------------------------------------------------------- normalisers (pure)

type Checked = { value: string } | { error: Text };

function cleanText(s: string, multiline: boolean): string {
  let t = s.normalize('NFC').replace(HALF_WIDTH_KANA, (k) => k.normalize('NFKC'));
  t = t.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  if (!multiline) t = t.replace(/[\n\t]+/g, ' ');
  return t.trim();
}

const LONG_VOWEL_LOOKALIKES = /[-‐‑–—―−～〜]/g;

/** フリガナ: hiragana and half-width katakana become full-width katakana; spaces one full-width space. */
export function normaliseKana(s: string): string | undefined {
  const t = s
    .normalize('NFKC')
    .replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(LONG_VOWEL_LOOKALIKES, '\u30FC') // ー
    .replace(/\s+/g, '\u3000')
    .replace(/^\u3000+|\u3000+$/g, '');
  return /^[\u30A1-\u30FA\u30FC-\u30FE](?:[\u30A1-\u30FA\u30FB-\u30FE\u3000])*$/.test(t) ? t : undefined;
}

/** Eras for 和暦 input: the first day, and the Gregorian year of year 1 (Meiji dates before 1873 were lunisolar). */
// i18n-exempt: era names as people type them (matched against input, never shown)
const ERAS = [
  { names: ['令和', 'r'], start: '2019-05-01', firstYear: 2019 },
  { names: ['平成', 'h'], start: '1989-01-08', firstYear: 1989 },
  { names: ['昭和', 's'], start: '1926-12-25', firstYear: 1926 },
  { names: ['大正', 't'], start: '1912-07-30', firstYear: 1912 },
  { names: ['明治', 'm'], start: '1873-01-01', firstYear: 1868 },
] as const;

function isoOf(y: number, mo: number, d: number): string | undefined {
  if (y < 1 || y > 9999) return undefined;
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** A typed date as ISO `YYYY-MM-DD`: 西暦 (2026-12-01, 2026/12/1, 2026年12月1日) or 和暦 (令和8年12月1日, R8.12.1, 平成元年…). */
export function parseDateInput(s: string): { iso: string } | { error: 'format' | 'era' } {
  const t = s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const west = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (west) {
    const iso = isoOf(Number(west[1]), Number(west[2]), Number(west[3]));
    return iso ? { iso } : { error: 'format' };
  }
  const jp = /^(令和|平成|昭和|大正|明治|[rhstm])(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?$/.exec(t);
  if (!jp) return { error: 'format' };
  const index = ERAS.findIndex((e) => (e.names as readonly string[]).includes(jp[1] as string));
  const era = ERAS[index];
  if (!era) return { error: 'format' };
  const year = jp[2] === '\u5143' /* 元 */ ? 1 : Number(jp[2]);
  if (year < 1) return { error: 'era' };
  const iso = isoOf(era.firstYear + year - 1, Number(jp[3]), Number(jp[4]));
  if (!iso) return { error: 'format' };
  const next = ERAS[index - 1];
  if (iso < era.start || (next && iso >= next.start)) return { error: 'era' };
  return { iso };
}

/** The calendar date of `now` in Japan (UTC+9, no summer time). */
function todayInJapan(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function checkDate(field: FieldDefinition, s: string, now: Date): Checked {
  const parsed = parseDateInput(s);
  if ('error' in parsed) return { error: parsed.error === 'era' ? m.text('dateNotInEra') : m.text('date') };
  const bound = (b: string | undefined) => (b === 'today' ? todayInJapan(now) : b);
  const min = bound(field.validation.minDate);
  const max = bound(field.validation.maxDate);
  const show = (iso: string) => (field.dateStyle === 'wareki' ? (formatWareki(iso, 'ja') ?? iso) : iso);
  if (min && parsed.iso < min)
    return { error: { ja: m.t('ja', 'dateTooEarly', { date: show(min) }), en: m.t('en', 'dateTooEarly', { date: min }) } };
  if (max && parsed.iso > max)
    return { error: { ja: m.t('ja', 'dateTooLate', { date: show(max) }), en: m.t('en', 'dateTooLate', { date: max }) } };
  return { value: parsed.iso };
}

function checkNumber(field: FieldDefinition, s: string, isQuantity: boolean): Checked {
  const t = s.normalize('NFKC').replace(/[\s,]/g, '').replace(/^[−‐]/, '-');
  if (!/^[-+]?\d{1,15}(?:\.\d{1,6})?$/.test(t)) return { error: m.text('number') };
  const n = Number(t);
  const v = field.validation;
  if ((v.integer || isQuantity) && !Number.isInteger(n)) return { error: m.text('integer') };
  const min = isQuantity ? Math.max(v.min ?? 1, 1) : v.min;
  if (min !== undefined && n < min) return { error: m.text('tooSmall', { min }) };
  if (v.max !== undefined && n > v.max) return { error: m.text('tooBig', { max: v.max }) };
  return { value: String(n) };
}

/** Japanese numbers only (the city calls back): 0 + 9 or 10 digits that the numbering plan knows; +81 accepted. */
export function normalisePhone(s: string): string | undefined {
  let digits = s.normalize('NFKC').replace(/[\s\-‐‑–—―−()（）.]/g, '');
  if (digits.startsWith('+81')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  // 00… is the international call prefix, never a number in Japan.
  if (!/^0[1-9]\d{8,9}$/.test(digits)) return undefined;
  return parsePhoneNumberFromString(digits, 'JP')?.isValid() ? digits : undefined;
}

// Strict-ish: one @, a dotted domain with a letter TLD; the local part may hold dots anywhere, since
// Japanese carriers issued addresses like taro..yamada.@docomo.ne.jp that people still use.
const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const EMAIL_DOMAIN = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function normaliseEmail(s: string): string | undefined {
  const t = s.normalize('NFKC').trim();
  const at = t.lastIndexOf('@');
  if (at <= 0 || t.indexOf('@') !== at) return undefined;
  const local = t.slice(0, at);
  const domain = t.slice(at + 1).toLowerCase();
  return EMAIL_LOCAL.test(local) && EMAIL_DOMAIN.test(domain) ? `${local}@${domain}` : undefined;
}

/** 7 digits, typed with or without 〒, hyphen, spaces or full-width digits; stored as 123-4567. */
export function normalisePostalCode(s: string): string | undefined {
  const digits = s.normalize('NFKC').replace(/[〒\s\-‐‑–—―−ー]/g, '');
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : undefined;
}

function lengthOf(s: string): number {
  return Array.from(s).length;
}

/** The whole answer matches the staff's pattern (compiled with the `v` flag; checkDefinition vetted it). */
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'v').test(value);
  } catch {
    // A stored definition passed checkDefinition, so the pattern compiles; if it somehow does not,
    // refusing every answer would lock citizens out of the procedure for a staff mistake.
    return true;
  }
}

type FieldContext = { def: ProcedureDefinition; now: Date; quantityField?: string };

/** One non-blank single answer of a field: the stored form, or why it is refused. */
function checkOne(field: FieldDefinition, raw: string, c: FieldContext): Checked {
  const flat = raw.normalize('NFKC');
  if (field.type !== 'file' && field.type !== 'choice') {
    if (field.privacy === 'my_number' && c.def.collectsMyNumber) {
      const digits = flat.replace(SEPARATORS, '');
      return isValidMyNumber(digits) ? { value: digits } : { error: m.text('myNumberInvalid') };
    }
    if (!c.def.collectsMyNumber && containsMyNumber(flat)) return { error: m.text('myNumberRefused') };
  }
  const v = field.validation;
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'kana': {
      const value = field.type === 'kana' ? normaliseKana(raw) : cleanText(raw, field.type === 'longText');
      if (value === undefined) return { error: m.text('kana') };
      const max = v.maxLength ?? DEFAULT_MAX_LENGTH[field.type] ?? 200;
      if (v.minLength !== undefined && lengthOf(value) < v.minLength) return { error: m.text('tooShort', { min: v.minLength }) };
      if (lengthOf(value) > max) return { error: m.text('tooLong', { max }) };
      if (v.pattern && !matchesPattern(v.pattern, value)) {
        const own = v.patternMessage;
        return { error: own ? { ja: own.ja, en: own.en || m.t('en', 'patternMismatch') } : m.text('patternMismatch') };
      }
      return { value };
    }
    case 'date':
      return checkDate(field, raw, c.now);
    case 'number':
      return checkNumber(field, raw, field.key === c.quantityField);
    case 'phone': {
      const value = normalisePhone(raw);
      return value ? { value } : { error: m.text('phone') };
    }
    case 'email': {
      const value = normaliseEmail(raw);
      if (!value) return { error: m.text('email') };
      const max = v.maxLength ?? 254;
      return lengthOf(value) > max ? { error: m.text('tooLong', { max }) } : { value };
    }
    case 'postalCode': {
      const value = normalisePostalCode(raw);
      return value ? { value } : { error: m.text('postalCode') };
    }
    case 'file': {
      const value = raw.trim().toLowerCase();
      return UUID.test(value) ? { value } : { error: m.text('file') };
    }
    case 'choice': {
      const value = raw.trim();
      return field.options?.some((o) => o.value === value) ? { value } : { error: m.text('chooseOption') };
    }
  }
}

function requiredMessage(field: FieldDefinition): Text {
  if (field.type === 'file') return m.text('fileRequired');
  if (field.type === 'choice') return m.text('chooseRequired');
  return m.text('required');
}

/** The raw input as a list of strings (form posts and JSON alike), or undefined when its type is wrong. */
function stringsOf(input: unknown): string[] | undefined {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [input];
  if (typeof input === 'number' && Number.isFinite(input)) return [String(input)];
  if (Array.isArray(input) && input.every((x) => typeof x === 'string')) return input;
  return undefined;
}

/** One field's answer: `value` undefined = blank (and fine when optional). */
function checkField(field: FieldDefinition, input: unknown, c: FieldContext): { value?: AnswerValue; error?: Text } {
  const list = stringsOf(input);
  if (!list) return { error: m.text('wrongType') };
  const present = list.filter((s) => s.trim() !== '');
  if (field.type === 'choice' && field.display === 'checkboxes') {
    if (present.length === 0) return field.required ? { error: requiredMessage(field) } : {};
    const chosen = new Set(present.map((s) => s.trim()));
    const options = field.options ?? [];
    if ([...chosen].some((x) => !options.some((o) => o.value === x))) return { error: m.text('chooseOption') };
    return { value: options.filter((o) => chosen.has(o.value)).map((o) => o.value) };
  }
  if (list.length > 1) return { error: m.text('wrongType') };
  if (present.length === 0) return field.required ? { error: requiredMessage(field) } : {};
  const checked = checkOne(field, present[0] as string, c);
  if ('error' in checked) return { error: checked.error };
  if (checked.value === '') return field.required ? { error: requiredMessage(field) } : {};
  return { value: checked.value };
}

/**
 * Normalises and checks the answers of the given steps (all steps when `steps` is omitted). Hidden
 * fields (showIf not met) are dropped from the result and never validated. Visibility follows the
 * answers of earlier fields wherever they are, so a step checked alone still sees the answers of the
 * steps before it when `raw` holds them. Keys that are not fields of the checked steps are ignored.
 */
export function validateAnswers(
  def: ProcedureDefinition,
  raw: Record<string, unknown>,
  options: { steps?: number[]; now?: Date } = {},
): { answers: Answers; errors: AnswerError[] } {
  const selected = new Set(options.steps ?? def.steps.map((_, i) => i));
  const c: FieldContext = {
    def,
    now: options.now ?? new Date(),
    quantityField: def.fee?.kind === 'per_unit' ? def.fee.quantityField : undefined,
  };
  const seen: Answers = {}; // valid answers of every visible field so far, for showIf
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  def.steps.forEach((step, index) => {
    for (const field of step.fields) {
      if (!isFieldVisible(field, seen)) continue;
      const input = Object.hasOwn(raw, field.key) ? raw[field.key] : undefined;
      const result = checkField(field, input, c);
      if (result.error === undefined && result.value !== undefined) {
        const feeError = quantityError(def, field, result.value);
        if (feeError) result.error = feeError;
      }
      if (result.value !== undefined && result.error === undefined) seen[field.key] = result.value;
      if (!selected.has(index)) continue;
      if (result.error) errors.push({ field: field.key, message: result.error });
      else if (result.value !== undefined) answers[field.key] = result.value;
    }
  });
  return { answers, errors };
}

function quantityError(def: ProcedureDefinition, field: FieldDefinition, value: AnswerValue): Text | undefined {
  if (def.fee?.kind !== 'per_unit' || def.fee.quantityField !== field.key) return undefined;
  return Number(value) * def.fee.unitPrice > MAX_FEE_AMOUNT ? m.text('feeTooLarge') : undefined;
}

/**
 * The fee of these (validated) answers, or null for a procedure without one. Per unit: unit price ×
 * the quantity answer; a missing or unusable quantity counts as 0 (amount 0: nothing to pay, which
 * validateAnswers prevents for a complete form since the quantity field is required and at least 1).
 */
export function computeFee(def: ProcedureDefinition, answers: Answers): { amount: number; quantity: number | null } | null {
  const fee = def.fee;
  if (!fee) return null;
  if (fee.kind === 'fixed') return { amount: fee.amount, quantity: null };
  const raw = answers[fee.quantityField];
  const n = typeof raw === 'string' ? Number(raw) : Number.NaN;
  const quantity = Number.isInteger(n) && n > 0 ? n : 0;
  return { amount: quantity * fee.unitPrice, quantity };
}

function labelOf(text: { ja: string; en?: string }, lang: Lang): string {
  return lang === 'en' && text.en ? text.en : text.ja;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * An answer as a person reads it: a date in 和暦 or 西暦 (per the field's `dateStyle`), choice labels,
 * a phone number grouped (090-1234-5678), a postal code with 〒. A file answer stays its id (the caller
 * names the file). Masking sensitive answers in lists is the caller's business.
 */
export function displayAnswer(field: FieldDefinition, value: AnswerValue | undefined, lang: Lang): string {
  if (value === undefined) return '';
  const values = Array.isArray(value) ? value : [value];
  switch (field.type) {
    case 'choice':
      return values
        .map((v) => {
          const option = field.options?.find((o) => o.value === v);
          return option ? labelOf(option.label, lang) : v;
        })
        .join(m.t(lang, 'listSeparator'));
    case 'date':
      return values
        .map((v) => {
          if (field.dateStyle === 'wareki') return formatWareki(v, lang) ?? v;
          if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
          const [y, mo, d] = v.split('-').map(Number) as [number, number, number];
          return m.t(lang, 'seirekiDate', { year: y, month: lang === 'en' ? (MONTHS_EN[mo - 1] ?? mo) : mo, day: d });
        })
        .join(m.t(lang, 'listSeparator'));
    case 'phone':
      return values.map(formatPhone).join(m.t(lang, 'listSeparator'));
    case 'postalCode':
      return values.map((code) => m.t(lang, 'postalMark', { code })).join(m.t(lang, 'listSeparator'));
    default:
      return values.join(m.t(lang, 'listSeparator'));
  }
}

/** 09012345678 → 090-1234-5678 by the numbering plan; anything it cannot group is returned as stored. */
function formatPhone(stored: string): string {
  const parsed = /^0\d{9,10}$/.test(stored) ? parsePhoneNumberFromString(stored, 'JP') : undefined;
  const national = parsed?.isValid() ? parsed.formatNational() : undefined;
  return national && national.replace(/\D/g, '') === stored ? national : stored;
}
