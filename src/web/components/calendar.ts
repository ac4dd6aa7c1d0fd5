/**
 * A month as a table, Sunday first (the citizen booking calendar): open and few-left days link to
 * their times; full and closed days are plain text. Each day's full meaning (date, state, holiday) is
 * its link's accessible name, the marks ◎ △ × － being only visual. With the legend and month links.
 */
import type { Lang } from '../../http/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { cm, type ComponentMessage } from './messages.js';

export type DayState = 'open' | 'few' | 'full' | 'closed';

export type CalendarDayCell = {
  /** 'YYYY-MM-DD', in the month shown. */
  date: string;
  state: DayState;
  /** Read after the date and the state, e.g. a holiday name (「元日」). */
  label?: string;
};

export type CalendarOptions = {
  /** 'YYYY-MM'. */
  month: string;
  /** The month's days in order (days not listed are drawn as empty cells). */
  days: readonly CalendarDayCell[];
  /** Where an open or few-left day leads. */
  hrefFor: (date: string) => string;
  lang: Lang;
  /** Links to the neighbouring months, when they can be shown. */
  prevHref?: string;
  nextHref?: string;
  /** The ◎ △ × － legend above the table (default true). */
  showLegend?: boolean;
};

const MARK: Record<DayState, string> = { open: '◎', few: '△', full: '×', closed: '－' };
const STATE_TEXT: Record<DayState, ComponentMessage> = { open: 'dayOpen', few: 'dayFew', full: 'dayFull', closed: 'dayClosed' };
const WEEKDAYS: Record<Lang, string[]> = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** "2026年12月1日（火）" / "Tue 1 Dec 2026", as the booking pages write a day. */
function dateLong(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = WEEKDAYS[lang][weekday(date)];
  return lang === 'ja' ? `${y}年${m}月${d}日（${w}）` : `${w} ${d} ${(MONTHS_EN[m - 1] ?? '').slice(0, 3)} ${y}`;
}

/** The legend of the day marks. */
export function calendarLegend(lang: Lang): SafeHtml {
  return html`<p class="legend">${(Object.keys(MARK) as DayState[]).map(
    (s) => html`<span><span aria-hidden="true">${MARK[s]}</span> ${cm(lang, STATE_TEXT[s])}</span> `,
  )}</p>`;
}

export function calendar(o: CalendarOptions): SafeHtml {
  const { lang, month } = o;
  const first = o.days[0]?.date ?? `${month}-01`;
  const cells: (CalendarDayCell | null)[] = [...Array.from({ length: weekday(first) }, () => null), ...o.days];
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarDayCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const [y, m] = month.split('-').map(Number) as [number, number];
  const caption = lang === 'ja' ? `${y}年${m}月` : `${MONTHS_EN[m - 1]} ${y}`;
  const nav =
    o.prevHref || o.nextHref
      ? html`<nav class="month-nav" aria-label="${cm(lang, 'months')}">${o.prevHref ? html`<a href="${o.prevHref}">${cm(lang, 'previousMonth')}</a>` : ''} ${
          o.nextHref ? html`<a href="${o.nextHref}">${cm(lang, 'nextMonth')}</a>` : ''
        }</nav>`
      : '';
  return html`${o.showLegend === false ? '' : calendarLegend(lang)}
${nav}
<table class="calendar">
  <caption>${caption}</caption>
  <thead><tr>${[0, 1, 2, 3, 4, 5, 6].map((w) => html`<th scope="col" class="${w === 0 ? 'sun' : w === 6 ? 'sat' : ''}">${WEEKDAYS[lang][w]}</th>`)}</tr></thead>
  <tbody>${weeks.map(
    (week) => html`<tr>${week.map((d) => {
      if (!d) return html`<td class="empty"></td>`;
      const dayNum = Number(d.date.slice(8));
      const label = `${dateLong(d.date, lang)} ${cm(lang, STATE_TEXT[d.state])}${d.label ? ` ${d.label}` : ''}`;
      const mark = MARK[d.state];
      return d.state === 'open' || d.state === 'few'
        ? html`<td class="day day--open"><a href="${o.hrefFor(d.date)}" aria-label="${label}"><span class="day-num">${dayNum}</span><span class="mark" aria-hidden="true">${mark}</span></a></td>`
        : html`<td class="day day--closed"><span class="visually-hidden">${label}</span><span aria-hidden="true"><span class="day-num">${dayNum}</span><span class="mark">${mark}</span></span></td>`;
    })}</tr>`,
  )}</tbody>
</table>`;
}
