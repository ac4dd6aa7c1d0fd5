/**
 * A month as a table, Sunday first (the citizen booking calendar): open and few-left days link to
 * their times; full and closed days are plain text. Each day's full meaning (date, state, holiday) is
 * its link's accessible name, the marks ◎ △ × － being only visual. With the legend and month links.
 */
import type { Lang } from '../../http/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { cm, MONTH_NAMES_EN, type ComponentMessage } from './messages.js';

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

const MARK: Record<DayState, ComponentMessage> = { open: 'markOpen', few: 'markFew', full: 'markFull', closed: 'markClosed' };
const STATE_TEXT: Record<DayState, ComponentMessage> = { open: 'dayOpen', few: 'dayFew', full: 'dayFull', closed: 'dayClosed' };

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const weekdayName = (lang: Lang, w: number) => cm(lang, `weekday${w}` as ComponentMessage);

/** "2026年12月1日（火）" / "Tue 1 Dec 2026", as the booking pages write a day. */
function dateLong(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return cm(lang, 'dayLong', {
    year,
    month,
    day,
    weekday: weekdayName(lang, weekday(date)),
    monthShort: (MONTH_NAMES_EN[month - 1] ?? '').slice(0, 3),
  });
}

/** The legend of the day marks. */
export function calendarLegend(lang: Lang): SafeHtml {
  return html`<p class="legend">${(Object.keys(MARK) as DayState[]).map(
    (s) => html`<span><span aria-hidden="true">${cm(lang, MARK[s])}</span> ${cm(lang, STATE_TEXT[s])}</span> `,
  )}</p>`;
}

export function calendar(o: CalendarOptions): SafeHtml {
  const { lang, month } = o;
  const first = o.days[0]?.date ?? `${month}-01`;
  const cells: (CalendarDayCell | null)[] = [...Array.from({ length: weekday(first) }, () => null), ...o.days];
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarDayCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const [year, m] = month.split('-').map(Number) as [number, number];
  const caption = cm(lang, 'monthCaption', { year, month: m, monthName: MONTH_NAMES_EN[m - 1] ?? '' });
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
  <thead><tr>${[0, 1, 2, 3, 4, 5, 6].map((w) => html`<th scope="col" class="${w === 0 ? 'sun' : w === 6 ? 'sat' : ''}">${weekdayName(lang, w)}</th>`)}</tr></thead>
  <tbody>${weeks.map(
    (week) =>
      html`<tr>${week.map((d) => {
        if (!d) return html`<td class="empty"></td>`;
        const dayNum = Number(d.date.slice(8));
        const label = `${dateLong(d.date, lang)} ${cm(lang, STATE_TEXT[d.state])}${d.label ? ` ${d.label}` : ''}`;
        const mark = cm(lang, MARK[d.state]);
        return d.state === 'open' || d.state === 'few'
          ? html`<td class="day day--open"><a href="${o.hrefFor(d.date)}" aria-label="${label}"><span class="day-num">${dayNum}</span><span class="mark" aria-hidden="true">${mark}</span></a></td>`
          : html`<td class="day day--closed"><span class="visually-hidden">${label}</span><span aria-hidden="true"><span class="day-num">${dayNum}</span><span class="mark">${mark}</span></span></td>`;
      })}</tr>`,
  )}</tbody>
</table>`;
}
