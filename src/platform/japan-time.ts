/**
 * Japan time, the one place: Asia/Tokyo has been UTC+09:00 without daylight saving since 1951, so a
 * Tokyo wall-clock time is UTC plus nine hours and every Tokyo day is exactly 24 hours long. Dates
 * are date-only keys 'YYYY-MM-DD' (a Tokyo calendar day), months 'YYYY-MM', times 'HH:MM'. Pure.
 *
 * Names say what they return: `jst…` gives keys and machine strings (`jstIso` is the ISO 8601
 * instant with +09:00, used in URLs, forms and the API); `format…` gives text for people.
 */
import { japanTimeMessages } from './japan-time.messages.js';

export const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

const shifted = (d: Date) => new Date(d.getTime() + JST_OFFSET_MS).toISOString();

/** The instant of a Tokyo wall-clock date and time ('HH:MM'; midnight when omitted). */
export function jstInstant(date: string, time = '00:00'): Date {
  return new Date(Date.parse(`${date}T${time}:00+09:00`));
}

/** The first instant of a Tokyo day (00:00 JST = 15:00Z the day before). */
export function jstDayStart(date: string): Date {
  return jstInstant(date);
}

/** The end of a Tokyo day, exclusive: the first instant of the next day. Use as `< jstDayEnd(date)`. */
export function jstDayEnd(date: string): Date {
  return new Date(jstDayStart(date).getTime() + DAY_MS);
}

/** Tokyo calendar date 'YYYY-MM-DD' of an instant. */
export function jstDate(d: Date): string {
  return shifted(d).slice(0, 10);
}

/** Tokyo month 'YYYY-MM' of an instant, or of a date key. */
export function jstMonth(d: Date | string): string {
  return (typeof d === 'string' ? d : jstDate(d)).slice(0, 7);
}

/** Tokyo wall-clock time 'HH:MM' of an instant. */
export function jstTime(d: Date): string {
  return shifted(d).slice(11, 16);
}

/** ISO 8601 with the +09:00 offset, to the second: "2026-12-01T09:00:00+09:00". */
export function jstIso(d: Date): string {
  return `${shifted(d).slice(0, 19)}+09:00`;
}

/** ISO 8601 with milliseconds and the +09:00 offset: "2026-04-01T09:00:00.123+09:00". */
export function jstIsoMillis(d: Date): string {
  return `${shifted(d).slice(0, 23)}+09:00`;
}

/** A date key moved by whole days (negative goes back). */
export function addDays(date: string, days: number): string {
  // integer arithmetic (no Date): every availability request validates its range with it
  const serial = daySerial(date);
  if (serial !== undefined) {
    const moved = civilOf(serial + days);
    if (moved) return moved;
  }
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);

/** Days since 1970-01-01 of a real date key in years 0000–9999 (proleptic Gregorian), else undefined. */
function daySerial(date: string): number | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  // days from civil (H. Hinnant), with March as the first month of the computational year
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date key of a day serial, or undefined outside years 0000–9999 (the caller falls back to Date). */
function civilOf(serial: number): string | undefined {
  const z = serial + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The number written by the ASCII digits s[from, to), or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** 0 = Sunday … 6 = Saturday, of a date key. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Minutes since midnight of 'HH:MM'. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** 'HH:MM' of minutes since midnight. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Whether a string is a real calendar date 'YYYY-MM-DD' (no 2026-02-30). */
export function isValidDate(date: string): boolean {
  return daySerial(date) !== undefined;
}

/** First and last day of the month of a date key or month key. */
export function monthRange(month: string): { first: string; last: string } {
  const first = `${month.slice(0, 7)}-01`;
  const next = new Date(`${first}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  next.setUTCDate(0);
  return { first, last: next.toISOString().slice(0, 10) };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026年12月1日（火）" / "Tue 1 Dec 2026", of a date key. */
export function formatDateLong(date: string, lang: 'ja' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = lang === 'ja' ? m : (MONTHS_EN[m - 1] as string);
  return japanTimeMessages.t(lang, 'dateLong', { year: y, month, day: d, weekday: weekdayName(weekday(date), lang) });
}

export function weekdayName(w: number, lang: 'ja' | 'en'): string {
  return japanTimeMessages.t(lang, WEEKDAYS[w] as (typeof WEEKDAYS)[number]);
}

/**
 * The one way a booking's time is written for people (web, mail, LINE, card site):
 * "2026年12月2日（水）16:45〜17:00" / "Wed 2 Dec 2026 16:45–17:00". Without an end: "… 16:45".
 */
export function formatWhen(start: Date, end: Date | null, lang: 'ja' | 'en'): string {
  const day = formatDateLong(jstDate(start), lang);
  const from = jstTime(start);
  if (!end) return `${day} ${from}`;
  return `${day} ${from}${lang === 'ja' ? '〜' : '–'}${jstTime(end)}`;
}

const intl = (locale: string, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'Asia/Tokyo' });
const locale = (lang: 'ja' | 'en') => (lang === 'ja' ? 'ja-JP' : 'en-GB');
const DATE_TIME = {
  ja: intl('ja-JP', { dateStyle: 'medium', timeStyle: 'short' }),
  en: intl('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
};
const DAY = { ja: intl('ja-JP', { dateStyle: 'medium' }), en: intl('en-GB', { dateStyle: 'medium' }) };
const DAY_NUMERIC = intl('ja-JP', { year: 'numeric', month: 'numeric', day: 'numeric' });
const TIMESTAMP = intl('ja-JP', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An instant for staff screens: "2026/12/01 9:05" / "1 Dec 2026, 09:05". */
export function formatJstDateTime(d: Date, lang: 'ja' | 'en'): string {
  return DATE_TIME[lang].format(d);
}

/** The Tokyo day of an instant for staff screens: "2026/12/01" / "1 Dec 2026". */
export function formatJstDay(d: Date, lang: 'ja' | 'en'): string {
  return DAY[lang].format(d);
}

/** The Tokyo day of an instant, short and numeric (tables, lists): "2026/12/1". */
export function formatJstDayNumeric(d: Date): string {
  return DAY_NUMERIC.format(d);
}

/** Month, day and time without the year (a lock that ends soon): "12/1 09:05" / "01/12, 09:05". */
export function formatJstMonthDayTime(d: Date, lang: 'ja' | 'en'): string {
  return intl(locale(lang), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** To the second, for logs and the audit trail: "2026/12/01 09:05:07". */
export function formatJstTimestamp(d: Date): string {
  return TIMESTAMP.format(d);
}
