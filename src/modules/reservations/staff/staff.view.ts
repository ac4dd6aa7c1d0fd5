/**
 * What the staff reservation screens share: the tabs above them, the page frame, the service choice,
 * the status buttons and the table of bookings (day view and list).
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../platform/i18n.js';
import { formatDateLong } from '../../../platform/japan-time.js';
import { dataTable, postButtonForm, type SelectOption } from '../../../web/components/index.js';
import { attrs, html, type SafeHtml } from '../../../web/html.js';
import { renderStaffPage } from '../../staff/index.js';
import { displayNumber } from '../reservation-number.js';
import type { ReservationStatus } from '../reservations.repository.js';
import type { Service } from '../services.repository.js';
import { CHANNEL_LABELS, STATUS_LABELS, type StaffListItem } from '../staff-queries.js';
import { staffMessages } from './staff.messages.js';

export type ReservationsTab = 'day' | 'list' | 'new' | 'export' | 'services';

const TABS: readonly [ReservationsTab, string, 'tabDay' | 'tabList' | 'tabNew' | 'tabExport' | 'tabServices'][] = [
  ['day', '/staff/reservations', 'tabDay'],
  ['list', '/staff/reservations/list', 'tabList'],
  ['new', '/staff/reservations/new', 'tabNew'],
  ['export', '/staff/reservations/export', 'tabExport'],
  ['services', '/staff/reservation-services', 'tabServices'],
];

/** The reservations menu above every reservations screen (the service settings screens too, through reservationsPage). */
function tabs(lang: Lang, active: string): SafeHtml {
  const t = staffMessages.in(lang);
  return html`<nav aria-label="${t('menu')}" class="tabs"><ul class="nav">${TABS.map(
    ([key, href, label]) => html`<li><a${attrs({ href, 'aria-current': key === active ? 'page' : undefined })}>${t(label)}</a></li>`,
  )}</ul></nav>`;
}

/** A full staff page of the reservations menu, with its tabs. */
export function reservationsPage(req: FastifyRequest, o: { title: string; tab: ReservationsTab; main: SafeHtml }): string {
  return renderStaffPage(req, { title: o.title, active: 'reservations', main: html`${tabs(req.lang, o.tab)}${o.main}` });
}

const serviceName = (s: Service, lang: Lang) => (lang === 'en' && s.nameEn ? s.nameEn : s.name);

/** The services as choices of a select: 「所属 / 窓口」. */
export function serviceOptions(lang: Lang, services: readonly Service[]): SelectOption[] {
  return services.map((s) => ({ value: s.id, label: `${s.departmentName} / ${serviceName(s, lang)}` }));
}

/** The next statuses a clerk may set from here (undo steps included, so a mis-click can be corrected). */
function nextStatuses(status: ReservationStatus): ReservationStatus[] {
  if (status === 'booked') return ['arrived', 'no_show'];
  if (status === 'arrived') return ['done', 'booked'];
  if (status === 'done') return ['arrived'];
  if (status === 'no_show') return ['booked'];
  return [];
}

/** One small form per possible next status; `back` is where the change returns to. */
export function statusButtons(lang: Lang, csrf: string, item: { id: string; status: ReservationStatus }, back: string): SafeHtml {
  const t = staffMessages.in(lang);
  const label = (s: ReservationStatus) =>
    s === 'booked' && item.status !== 'booked'
      ? t('backToBooked')
      : s === 'arrived' && item.status === 'done'
        ? t('backToArrived')
        : STATUS_LABELS[s][lang];
  return html`${nextStatuses(item.status).map(
    (s) =>
      html`${postButtonForm({
        action: `/staff/reservations/${item.id}/status`,
        csrf,
        label: label(s),
        small: true,
        kind: s === 'arrived' || s === 'done' ? 'primary' : 'secondary',
        hidden: { status: s, back },
      })} `,
  )}`;
}

/** The bookings of the day view and the list, each row with its status buttons. */
export function bookingsTable(
  lang: Lang,
  csrf: string,
  o: { caption: string; items: readonly StaffListItem[]; back: string; withDate: boolean },
): SafeHtml {
  const t = staffMessages.in(lang);
  return dataTable({
    lang,
    caption: o.caption,
    hideCaption: true,
    emptyText: t('noBookings'),
    columns: [
      { key: 'when', label: o.withDate ? t('when') : t('time') },
      { key: 'number', label: t('number') },
      { key: 'name', label: t('name') },
      { key: 'service', label: t('service') },
      { key: 'channel', label: t('channel') },
      { key: 'status', label: t('status') },
      { key: 'actions', label: t('actions') },
    ],
    rowClass: (i) => `status--${o.items[i]!.status}`,
    rows: o.items.map((i) => ({
      when: `${o.withDate ? `${formatDateLong(i.start.slice(0, 10), lang)} ` : ''}${t('timeRange', { start: i.start.slice(11, 16), end: i.end.slice(11, 16) })}`,
      number: html`<a href="/staff/reservations/${i.id}">${displayNumber(i.reservationNumber)}</a>`,
      name: i.name ?? t('erased'),
      service: i.serviceName,
      channel: CHANNEL_LABELS[i.channel]?.[lang] ?? i.channel,
      status: html`<span class="badge">${STATUS_LABELS[i.status][lang]}</span>${
        i.statusChangedBy ? html`<br><span class="muted">${i.statusChangedBy} ${i.statusChangedAt?.slice(11, 16) ?? ''}</span>` : ''
      }`,
      actions: statusButtons(lang, csrf, i, o.back),
    })),
  });
}
