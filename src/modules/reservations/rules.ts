/**
 * The booking rules, free of I/O: which days a service is open, which slots a day has, whether a
 * start is inside the booking window, and how full a day looks (◎ / △ / ×). Time is passed in.
 */
import { holidayOn, isCalendarInstant, isYearEndClosure } from './holidays.js';
import { addDays, jstDate, jstInstant, minutesOf, timeOf, weekday } from '../../platform/japan-time.js';

export type TimeRange = { start: string; end: string };
export type ScheduleRange = TimeRange & { weekday: number };
export type CalendarException = {
  serviceId: string | null;
  day: string;
  kind: 'closed' | 'open';
  start: string | null;
  end: string | null;
};

export type ServiceRules = {
  id: string;
  durationMinutes: number;
  capacity: number;
  opensDaysAhead: number;
  bookUntilMinutes: number;
  changeUntilMinutes: number;
  closedOnNationalHolidays: boolean;
  closedYearEnd: boolean;
  schedule: ScheduleRange[];
  /** City-wide (serviceId null) and this service's own exceptions. */
  exceptions: CalendarException[];
};

export type DayStatus = { open: boolean; reason?: 'holiday' | 'year_end' | 'closure' | 'no_schedule'; holidayName?: string };

/** Why a day has no slots, or that it is open. Service-level exceptions take precedence over city-wide ones. */
export function dayStatus(rules: ServiceRules, date: string): DayStatus {
  return { open: openingRanges(rules, date).length > 0, ...closedReason(rules, date) };
}

function closedReason(rules: ServiceRules, date: string): Omit<DayStatus, 'open'> {
  const own = rules.exceptions.filter((e) => e.day === date && e.serviceId !== null);
  const city = rules.exceptions.filter((e) => e.day === date && e.serviceId === null);
  if (own.some((e) => e.kind === 'closed') || (!own.length && city.some((e) => e.kind === 'closed'))) return { reason: 'closure' };
  const h = holidayOn(date);
  if (h && rules.closedOnNationalHolidays) return { reason: 'holiday', holidayName: h.name };
  if (rules.closedYearEnd && isYearEndClosure(date)) return { reason: 'year_end' };
  if (!rules.schedule.some((r) => r.weekday === weekday(date))) return { reason: 'no_schedule' };
  return {};
}

/** The opening time ranges of a day after holidays, the year-end closure, closures and extra openings. */
export function openingRanges(rules: ServiceRules, date: string): TimeRange[] {
  const own = rules.exceptions.filter((e) => e.day === date && e.serviceId !== null);
  const city = rules.exceptions.filter((e) => e.day === date && e.serviceId === null);
  const applicable = own.length ? own : city;
  if (applicable.some((e) => e.kind === 'closed')) return [];
  const extra = applicable.filter((e) => e.kind === 'open').map((e) => ({ start: e.start as string, end: e.end as string }));
  const holidayClosed = rules.closedOnNationalHolidays && holidayOn(date) !== undefined;
  const yearEndClosed = rules.closedYearEnd && isYearEndClosure(date);
  const base =
    holidayClosed || yearEndClosed
      ? []
      : rules.schedule.filter((r) => r.weekday === weekday(date)).map((r) => ({ start: r.start, end: r.end }));
  return [...base, ...extra];
}

export type SlotTime = { start: Date; end: Date };

/** The slots of a day: each range filled with back-to-back slots of the service's duration. */
export function slotsOfDay(rules: ServiceRules, date: string): SlotTime[] {
  const starts = new Set<number>();
  for (const r of openingRanges(rules, date)) {
    const end = minutesOf(r.end);
    for (let t = minutesOf(r.start); t + rules.durationMinutes <= end; t += rules.durationMinutes) starts.add(t);
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((t) => {
      const start = jstInstant(date, timeOf(t));
      return { start, end: new Date(start.getTime() + rules.durationMinutes * 60_000) };
    });
}

/**
 * The slot that starts at `start`, if the schedule has one: found arithmetically (a whole minute of the
 * Tokyo day, on the duration's grid of one of the day's ranges, ending inside it), the same slots as
 * slotsOfDay without building the day's.
 */
export function findSlot(rules: ServiceRules, start: Date): SlotTime | undefined {
  if (!isCalendarInstant(start)) return undefined;
  const ms = start.getTime();
  const tokyoMs = ms + 9 * 3600_000;
  if (tokyoMs % 60_000 !== 0) return undefined;
  const minute = (((tokyoMs / 60_000) % 1440) + 1440) % 1440;
  const d = rules.durationMinutes;
  for (const r of openingRanges(rules, jstDate(start))) {
    const from = minutesOf(r.start);
    if (minute >= from && minute + d <= minutesOf(r.end) && (minute - from) % d === 0)
      return { start: new Date(ms), end: new Date(ms + d * 60_000) };
  }
  return undefined;
}

export type WindowProblem = 'past' | 'too_late' | 'not_open_yet';

/**
 * Is a slot inside the window for booking (or, with mode 'change', for changing or cancelling an
 * existing booking)? The window opens at 00:00 Tokyo time `opensDaysAhead` days before the slot's
 * date and closes `bookUntilMinutes` / `changeUntilMinutes` before it starts.
 */
export function windowProblem(rules: ServiceRules, start: Date, now: Date, mode: 'book' | 'change'): WindowProblem | null {
  if (start.getTime() <= now.getTime()) return 'past';
  const until = mode === 'book' ? rules.bookUntilMinutes : rules.changeUntilMinutes;
  if (start.getTime() - now.getTime() < until * 60_000) return 'too_late';
  if (mode === 'book' && jstDate(start) > addDays(jstDate(now), rules.opensDaysAhead)) return 'not_open_yet';
  return null;
}

/** The last day bookable from now. */
export function lastBookableDay(rules: ServiceRules, now: Date): string {
  return addDays(jstDate(now), rules.opensDaysAhead);
}

// i18n-exempt: calendar marks, the same symbols in every language (each calendar's legend explains them)
export type DayMark = '◎' | '△' | '×' | '－';

/** ◎ plenty, △ few left (30 % or less), × full, － closed or not bookable. */
export function dayMark(remaining: number, total: number, hasSlots: boolean): DayMark {
  // i18n-exempt: a calendar mark (see DayMark)
  if (!hasSlots) return '－';
  if (remaining <= 0) return '×';
  return remaining <= Math.max(1, Math.ceil(total * 0.3)) ? '△' : '◎';
}
