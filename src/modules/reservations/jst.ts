/**
 * Asia/Tokyo time without a time-zone library: Japan has used +09:00 without daylight saving since
 * 1951, so local wall time is UTC plus nine hours. Dates are 'YYYY-MM-DD', times 'HH:MM'. Pure.
 */
const OFFSET_MS = 9 * 3600_000;

/** The instant of a Tokyo wall-clock date and time. */
export function jstInstant(date: string, time: string): Date {
  return new Date(Date.parse(`${date}T${time}:00+09:00`));
}

/** Tokyo calendar date of an instant. */
export function jstDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Tokyo wall-clock time 'HH:MM' of an instant. */
export function jstTime(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** ISO 8601 with the +09:00 offset: "2026-12-01T09:00:00+09:00". */
export function formatJst(d: Date): string {
  return `${new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Minutes since midnight of 'HH:MM'. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** First and last day of the month of a date. */
export function monthRange(month: string): { first: string; last: string } {
  const first = `${month.slice(0, 7)}-01`;
  const next = new Date(`${first}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  next.setUTCDate(0);
  return { first, last: next.toISOString().slice(0, 10) };
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "2026年12月1日（火）" / "Tue 1 Dec 2026". */
export function formatDateLong(date: string, lang: 'ja' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = weekday(date);
  if (lang === 'ja') return `${y}年${m}月${d}日（${WEEKDAYS_JA[w]}）`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${WEEKDAYS_EN[w]} ${d} ${months[m - 1]} ${y}`;
}

export function weekdayName(w: number, lang: 'ja' | 'en'): string {
  return (lang === 'ja' ? WEEKDAYS_JA : WEEKDAYS_EN)[w] as string;
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
