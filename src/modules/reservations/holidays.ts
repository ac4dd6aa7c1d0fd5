/**
 * Japanese national holidays (国民の祝日), computed: fixed days, Happy Monday days, the equinoxes by
 * the standard approximation (valid 1980–2099), substitute holidays (振替休日: a holiday on a Sunday
 * moves to the next day that is not a holiday) and citizens' holidays (国民の休日: a day between two
 * national holidays). Rules as in force since 2020 (including the Olympic moves of 2020 and 2021).
 * Pure: no I/O, no clock.
 */
import { holidayNames } from './holidays.messages.js';

export type Holiday = { date: string; name: string; nameEn: string };
type HolidayKey = keyof typeof holidayNames.messages;

/** A holiday of a date: its statutory Japanese name and the English one (holidays.messages.ts). */
const named = (date: string, key: HolidayKey): Holiday => ({ date, name: holidayNames.t('ja', key), nameEn: holidayNames.t('en', key) });

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Weekday (0 = Sunday) of a calendar date; time zone independent. */
export function weekdayOf(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
/** Day of month of the nth given weekday. */
function nthWeekday(y: number, m: number, n: number, weekday: number): number {
  const first = weekdayOf(y, m, 1);
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

export function vernalEquinoxDay(y: number): number {
  return Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}
export function autumnalEquinoxDay(y: number): number {
  return Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

/** The 国民の祝日 of a year (without substitute and citizens' holidays). */
function baseHolidays(y: number): Holiday[] {
  const h: Holiday[] = [];
  const add = (m: number, d: number, key: HolidayKey) => h.push(named(iso(y, m, d), key));
  add(1, 1, 'newYearsDay');
  add(1, nthWeekday(y, 1, 2, 1), 'comingOfAgeDay');
  add(2, 11, 'nationalFoundationDay');
  if (y >= 2020) add(2, 23, 'emperorsBirthday');
  add(3, vernalEquinoxDay(y), 'vernalEquinoxDay');
  add(4, 29, 'showaDay');
  add(5, 3, 'constitutionMemorialDay');
  add(5, 4, 'greeneryDay');
  add(5, 5, 'childrensDay');
  if (y === 2020) {
    add(7, 23, 'marineDay');
    add(7, 24, 'sportsDay');
    add(8, 10, 'mountainDay');
  } else if (y === 2021) {
    add(7, 22, 'marineDay');
    add(7, 23, 'sportsDay');
    add(8, 8, 'mountainDay');
  } else {
    add(7, nthWeekday(y, 7, 3, 1), 'marineDay');
    add(8, 11, 'mountainDay');
    add(10, nthWeekday(y, 10, 2, 1), 'sportsDay');
  }
  add(9, nthWeekday(y, 9, 3, 1), 'respectForTheAgedDay');
  add(9, autumnalEquinoxDay(y), 'autumnalEquinoxDay');
  add(11, 3, 'cultureDay');
  add(11, 23, 'labourThanksgivingDay');
  return h;
}

const cache = new Map<number, Map<string, Holiday>>();

/**
 * The years this calendar is valid for (the equinox approximation holds 1980–2099). Nothing outside
 * them can be a bookable day: a date like 9999-12-31 or 0001-01-01 is simply not a slot.
 */
export const CALENDAR_YEARS = { first: 1980, last: 2099 } as const;

/** Whether an instant falls in a year the calendar knows (Tokyo time; false for an invalid date). */
export function isCalendarInstant(d: Date): boolean {
  const t = d.getTime();
  if (Number.isNaN(t)) return false;
  const y = new Date(t + 9 * 3600_000).getUTCFullYear();
  return y >= CALENDAR_YEARS.first && y <= CALENDAR_YEARS.last;
}

/** All holidays of a year, by date, sorted. */
export function holidaysOfYear(y: number): Map<string, Holiday> {
  const hit = cache.get(y);
  if (hit) return hit;
  // outside the valid years the formulas give impossible dates (e.g. March -41st in 9999): no holidays
  if (!Number.isInteger(y) || y < CALENDAR_YEARS.first || y > CALENDAR_YEARS.last) return new Map();
  const base = baseHolidays(y);
  const byDate = new Map(base.map((h) => [h.date, h]));
  const shift = (date: string, days: number) => {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  // 国民の休日: a day (not itself a national holiday) whose previous and next days are national holidays.
  for (const h of base) {
    const between = shift(h.date, 1);
    if (!byDate.has(between) && byDate.has(shift(h.date, 2)) && base.some((b) => b.date === shift(h.date, 2)))
      byDate.set(between, named(between, 'citizensHoliday'));
  }
  // 振替休日: a national holiday on a Sunday → the nearest following day that is not a holiday.
  for (const h of base) {
    const [yy, mm, dd] = h.date.split('-').map(Number) as [number, number, number];
    if (weekdayOf(yy, mm, dd) !== 0) continue;
    let d = shift(h.date, 1);
    while (byDate.has(d)) d = shift(d, 1);
    byDate.set(d, named(d, 'substituteHoliday'));
  }
  const sorted = new Map([...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  cache.set(y, sorted);
  return sorted;
}

/** The holiday on a date ('YYYY-MM-DD'), if any. */
export function holidayOn(date: string): Holiday | undefined {
  return holidaysOfYear(Number(date.slice(0, 4))).get(date);
}

/** The city hall's year-end and new-year closure, 12/29–1/3 (the common ordinance). */
export function isYearEndClosure(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}
