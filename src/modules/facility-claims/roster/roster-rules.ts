/**
 * The roster's rules, free of I/O: a person's state on a date from their dated history, experience,
 * 常勤換算, and the checks made while a person or a change is typed.
 *
 * Dates are 'YYYY-MM-DD' (Japan calendar days); they compare as strings.
 *
 * The meaning of the dates (one rule everywhere):
 * - hire: the first day employed; retire: 退職日, the LAST day employed (a person is on the roster on
 *   their retirement day and not after);
 * - leave-start: the first day of leave; leave-end: 復職日, the first day back at work;
 * - role-change / employment-change: effective from their date.
 * Events are recorded in date order (a new one is never dated before the latest one), so a history
 * cannot be made inconsistent by inserting a change in the middle of a leave.
 *
 * Experience (経験年数) on a date = prior experience + whole months served here from the hire date up to
 * that date (service stops at retirement). Leave is NOT subtracted: 産休・育休 and other leave do not
 * interrupt employment, and the 処遇改善等加算 counts the period of employment (to be confirmed with
 * the city's division if their guidance differs — a change is local to `experienceOn`).
 */
import type { FieldError } from '../../../http/errors.js';
import { isValidDate } from '../../../platform/japan-time.js';
import { type Employment, FULL_TIME_WEEKLY_HOURS, type Qualification, type StaffRole } from '../shared/types.js';
import { rosterMessages as m } from './roster.messages.js';

export const STAFF_EVENT_KINDS = ['hire', 'role-change', 'employment-change', 'leave-start', 'leave-end', 'retire'] as const;
export type StaffEventKind = (typeof STAFF_EVENT_KINDS)[number];
/** The kinds a facility user records after the hire (the hire row is written with the person). */
export const RECORDABLE_EVENT_KINDS = ['role-change', 'employment-change', 'leave-start', 'leave-end', 'retire'] as const;

export type HistoryEvent = {
  /** Insertion order among events of the same day. */
  seq: number;
  kind: StaffEventKind;
  effectiveOn: string;
  role: StaffRole | null;
  employment: Employment | null;
  weeklyHours: number | null;
};

export type StaffStatus = 'not-hired' | 'employed' | 'on-leave' | 'retired';

export type StaffState = {
  status: StaffStatus;
  hiredOn: string | null;
  role: StaffRole | null;
  employment: Employment | null;
  weeklyHours: number | null;
  /** First day of the leave in progress on the date, if any. */
  leaveSince: string | null;
  /** 退職日 if a retirement is dated on or before the date. */
  retiredOn: string | null;
};

const byDate = (a: HistoryEvent, b: HistoryEvent) =>
  a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : a.seq - b.seq;

/** The state on `date` from the events dated on or before it. */
export function staffStateOn(history: readonly HistoryEvent[], date: string): StaffState {
  const s: StaffState = {
    status: 'not-hired',
    hiredOn: null,
    role: null,
    employment: null,
    weeklyHours: null,
    leaveSince: null,
    retiredOn: null,
  };
  for (const e of [...history].sort(byDate)) {
    if (e.effectiveOn > date) break;
    switch (e.kind) {
      case 'hire':
        s.hiredOn = e.effectiveOn;
        s.role = e.role ?? s.role;
        s.employment = e.employment ?? s.employment;
        s.weeklyHours = e.weeklyHours ?? s.weeklyHours;
        break;
      case 'role-change':
        s.role = e.role ?? s.role;
        break;
      case 'employment-change':
        s.employment = e.employment ?? s.employment;
        s.weeklyHours = e.weeklyHours ?? s.weeklyHours;
        break;
      case 'leave-start':
        s.leaveSince = e.effectiveOn;
        break;
      case 'leave-end':
        s.leaveSince = null;
        break;
      case 'retire':
        s.retiredOn = e.effectiveOn;
        break;
    }
  }
  if (s.hiredOn === null) s.status = 'not-hired';
  else if (s.retiredOn !== null && s.retiredOn < date) s.status = 'retired';
  else s.status = s.leaveSince !== null ? 'on-leave' : 'employed';
  return s;
}

const ymd = (d: string) => d.split('-').map(Number) as [number, number, number];

/** Whole months from `from` to `to` (a month counts when its day is reached: 04-15 → 05-14 is 0, → 05-15 is 1); 0 if `to` is earlier. */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to <= from) return 0;
  const [fy, fm, fd] = ymd(from);
  const [ty, tm, td] = ymd(to);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

/** Age in whole years on a date (the birthday counts on the day itself; 29 Feb birthdays on 1 Mar in other years). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = ymd(birthDate);
  const [y, mo, d] = ymd(date);
  return y - by - (mo < bm || (mo === bm && d < bd) ? 1 : 0);
}

/** 経験年数 on a date: prior experience + months served here up to the date (or the retirement day). See the file comment. */
export function experienceOn(
  p: { hiredOn: string; priorExperienceMonths: number; retiredOn?: string | null },
  date: string,
): { months: number; years: number } {
  const until = p.retiredOn && p.retiredOn < date ? p.retiredOn : date;
  const months = p.priorExperienceMonths + wholeMonthsBetween(p.hiredOn, until);
  return { months, years: Math.floor(months / 12) };
}

/** 常勤換算 of one person: 1 full-time, weeklyHours / 40 part-time, two decimals (half up). */
export function fteOf(employment: Employment, weeklyHours: number): number {
  if (employment === 'full-time') return 1;
  return Math.round((weeklyHours / FULL_TIME_WEEKLY_HOURS) * 100) / 100;
}

/** A date moved by whole years (29 Feb → 28 Feb in a common year). */
export function addYears(date: string, years: number): string {
  const [y, mo, d] = ymd(date);
  const ty = y + years;
  const last = new Date(Date.UTC(ty, mo, 0)).getUTCDate();
  return `${ty}-${String(mo).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * 保育士登録番号 as people write it: full-width digits, dashes and spaces normalised (１２－０１２３４５ →
 * 12-012345). Undefined for an empty entry.
 */
export function normaliseQualificationNumber(raw: string | undefined | null): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-')
    .replace(/[\s]/g, '')
    .replace(/^\u7b2c/, '')
    .replace(/\u53f7$/, '');
  return s === '' ? undefined : s;
}

/** A prefecture part (letters or digits, e.g. 12 or 東京) and a hyphen, then the number; or digits alone. */
const QUALIFICATION_NUMBER = /^(?:[\p{L}\p{N}]{1,6}-)?[0-9]{3,10}$/u;

export const isQualificationNumber = (s: string): boolean => QUALIFICATION_NUMBER.test(s);

/** Warnings shown on the list (the claims part turns the first into an entry check of its forms). */
export type StaffWarning = 'nursery-teacher-without-hoikushi';

export function warningsOf(p: { role: StaffRole | null; qualifications: readonly Qualification[] }): StaffWarning[] {
  return p.role === 'nursery-teacher' && !p.qualifications.includes('hoikushi') ? ['nursery-teacher-without-hoikushi'] : [];
}

const err = (field: string, message: FieldError['message']): FieldError => ({ field, message });

/** What the cross-field checks of a person read (after the schema parsed each field). */
export type PersonFacts = {
  birthDate: string;
  hiredOn: string;
  employment?: Employment;
  weeklyHours?: number;
  qualifications: readonly Qualification[];
  qualificationNumber?: string;
};

/**
 * Cross-field checks of a person's record at entry (today = the Japan date): birth not in the future,
 * at least 15 on the hire date, hire not before birth nor more than a year ahead, part-time hours below
 * 40, a 保育士 licence with its registration number in the accepted form.
 */
export function checkPerson(p: PersonFacts, today: string): FieldError[] {
  const out: FieldError[] = [];
  const datesOk = isValidDate(p.birthDate) && isValidDate(p.hiredOn);
  if (isValidDate(p.birthDate) && p.birthDate > today) out.push(err('birthDate', m.text('birthInFuture')));
  if (isValidDate(p.hiredOn) && p.hiredOn > addYears(today, 1)) out.push(err('hiredOn', m.text('hireTooLate')));
  if (datesOk && p.hiredOn < p.birthDate) out.push(err('hiredOn', m.text('hireBeforeBirth')));
  else if (datesOk && p.birthDate <= today && ageOn(p.birthDate, p.hiredOn) < 15) out.push(err('birthDate', m.text('tooYoungAtHire')));
  if (p.employment === 'part-time') {
    if (p.weeklyHours === undefined) out.push(err('weeklyHours', m.text('partTimeHoursRequired')));
    else if (p.weeklyHours >= FULL_TIME_WEEKLY_HOURS) out.push(err('weeklyHours', m.text('partTimeHours')));
  }
  if (p.qualificationNumber !== undefined && !isQualificationNumber(p.qualificationNumber))
    out.push(err('qualificationNumber', m.text('qualificationNumberFormat')));
  else if (p.qualifications.includes('hoikushi') && p.qualificationNumber === undefined)
    out.push(err('qualificationNumber', m.text('qualificationNumberRequired')));
  return out;
}

export type NewEvent = {
  kind: StaffEventKind;
  effectiveOn: string;
  role?: StaffRole;
  employment?: Employment;
  weeklyHours?: number;
};

/**
 * Checks a change before it is recorded: not before the hire, not before the latest record (date
 * order), nothing after a retirement, at most a year ahead; leave-end only during a leave and after
 * its start; a change must change something.
 */
export function checkEvent(history: readonly HistoryEvent[], e: NewEvent, today: string): FieldError[] {
  if (e.kind === 'hire') return [err('kind', m.text('hireEventNotAllowed'))];
  const sorted = [...history].sort(byDate);
  const hire = sorted.find((h) => h.kind === 'hire');
  const retire = sorted.find((h) => h.kind === 'retire');
  const latest = sorted.at(-1);
  if (!isValidDate(e.effectiveOn)) return [err('effectiveOn', m.text('enterDate'))];
  if (retire && e.effectiveOn > retire.effectiveOn) return [err('effectiveOn', m.text('eventAfterRetire', { date: retire.effectiveOn }))];
  if (retire) return [err('kind', m.text('alreadyRetired', { date: retire.effectiveOn }))];
  if (hire && e.effectiveOn < hire.effectiveOn) return [err('effectiveOn', m.text('eventBeforeHire', { date: hire.effectiveOn }))];
  if (latest && e.effectiveOn < latest.effectiveOn) return [err('effectiveOn', m.text('eventOutOfOrder', { date: latest.effectiveOn }))];
  if (e.effectiveOn > addYears(today, 1)) return [err('effectiveOn', m.text('eventTooLate'))];
  const before = staffStateOn(sorted, e.effectiveOn);
  switch (e.kind) {
    case 'leave-start':
      return before.leaveSince ? [err('kind', m.text('alreadyOnLeave', { date: before.leaveSince }))] : [];
    case 'leave-end':
      if (!before.leaveSince) return [err('kind', m.text('leaveEndWithoutStart'))];
      return e.effectiveOn <= before.leaveSince ? [err('effectiveOn', m.text('leaveEndNotAfterStart', { date: before.leaveSince }))] : [];
    case 'role-change':
      if (!e.role) return [err('role', m.text('roleRequired'))];
      return e.role === before.role ? [err('role', m.text('roleUnchanged'))] : [];
    case 'employment-change': {
      if (!e.employment) return [err('employment', m.text('employmentRequired'))];
      const out: FieldError[] = [];
      if (e.employment === 'part-time' && e.weeklyHours === undefined) out.push(err('weeklyHours', m.text('partTimeHoursRequired')));
      else if (e.employment === 'part-time' && (e.weeklyHours ?? 0) >= FULL_TIME_WEEKLY_HOURS)
        out.push(err('weeklyHours', m.text('partTimeHours')));
      const hours = e.weeklyHours ?? FULL_TIME_WEEKLY_HOURS;
      if (!out.length && e.employment === before.employment && hours === before.weeklyHours)
        out.push(err('employment', m.text('employmentUnchanged')));
      return out;
    }
    default:
      return [];
  }
}
