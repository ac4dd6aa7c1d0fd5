/**
 * Japanese era dates (和暦) for display next to Western dates, e.g. 2026-12-01 → 令和8年12月1日.
 * The first year of an era is written 元年, as official documents do (令和元年5月1日).
 */
import type { Lang } from '../../http/i18n.js';
import { cm, MONTH_NAMES_EN } from './messages.js';

/** Each era from its first day (the day after the previous emperor's last), newest first. */
const ERAS = [
  { start: '2019-05-01', name: 'eraReiwa' },
  { start: '1989-01-08', name: 'eraHeisei' },
  { start: '1926-12-25', name: 'eraShowa' },
  { start: '1912-07-30', name: 'eraTaisho' },
  // Japan adopted the Gregorian calendar on Meiji 6-01-01 (1873); earlier Meiji dates were lunisolar.
  { start: '1873-01-01', name: 'eraMeiji', firstYear: 1868 },
] as const;

/** The calendar date of a 'YYYY-MM-DD' string, or of a Date in Japan time; undefined when not a real date. */
function calendarDate(date: string | Date): { y: number; m: number; d: number; iso: string } | undefined {
  let iso: string;
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) return undefined;
    iso = new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  } else {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
    const d = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return undefined;
    iso = date;
  }
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d, iso };
}

/**
 * The 和暦 of a date: 'YYYY-MM-DD' (as typed in a date input) or a Date (taken in Japan time).
 * Japanese: 令和8年12月1日, 平成元年1月8日. English: Reiwa 8, December 1. Undefined for anything that is
 * not a real date, and for dates before 1873 (the Gregorian calendar's adoption in Japan).
 */
export function formatWareki(date: string | Date, lang: Lang = 'ja'): string | undefined {
  const c = calendarDate(date);
  if (!c) return undefined;
  const era = ERAS.find((e) => c.iso >= e.start);
  if (!era) return undefined;
  const firstYear = 'firstYear' in era ? era.firstYear : Number(era.start.slice(0, 4));
  const year = c.y - firstYear + 1;
  return cm(lang, 'warekiDate', {
    era: cm(lang, era.name),
    year: year === 1 ? cm(lang, 'warekiFirstYear') : year,
    month: c.m,
    monthName: MONTH_NAMES_EN[c.m - 1] ?? '',
    day: c.d,
  });
}
