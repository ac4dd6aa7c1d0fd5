/**
 * /staff/reservations — the day view: the bookings of one day with their status buttons, the day's
 * counts, and check-in by number (typed, or a QR/barcode scanner acting as a keyboard). A refused
 * check-in keeps the clerk here: the error above the form, the number kept (and selected by
 * checkin-scan.js, so the next scan replaces it).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { addDays, formatDateLong, formatWhen, jstDate, jstTime } from '../../../platform/japan-time.js';
import { button, csrfInput, dateField, notice, selectField, textField } from '../../../web/components/index.js';
import { auditContextOf } from '../../audit/index.js';
import { html } from '../../../web/html.js';
import { displayNumber, normaliseReservationNumber } from '../reservation-number.js';
import type { ReservationStatus } from '../reservations.repository.js';
import { checkInFormBody } from '../reservations.schemas.js';
import { checkInByNumber } from '../set-status.js';
import { listForStaff, servicesForStaff } from '../staff-queries.js';
import { dayQuery } from './staff.schemas.js';
import { staffMessages } from './staff.messages.js';
import { bookingsTable, reservationsPage, serviceOptions } from './staff.view.js';

type DayState = {
  date?: string;
  serviceId?: string;
  /** The number just checked in (from the redirect after a check-in). */
  checked?: string;
  /** Set when that booking was already checked in: when (ISO, '' when unknown). */
  already?: string;
  /** A refused check-in: the message and the number as typed. */
  error?: string;
  number?: string;
};

const ALREADY_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;

async function renderDay(ctx: AppContext, req: FastifyRequest, staff: StaffActor, csrf: string, st: DayState): Promise<string> {
  const lang = req.lang;
  const t = staffMessages.in(lang);
  const date = st.date ?? jstDate(ctx.clock.now());
  const services = await servicesForStaff(ctx, staff);
  const serviceId = services.some((s) => s.id === st.serviceId) ? st.serviceId : undefined;
  const items = await listForStaff(ctx, staff, { from: date, to: date, serviceId }, auditContextOf(req));
  const count = (s: ReservationStatus) => items.filter((i) => i.status === s).length;
  const withService = serviceId ? `&serviceId=${serviceId}` : '';
  const back = `/staff/reservations?date=${date}${withService}`;
  const checkedNumber = st.checked ? normaliseReservationNumber(st.checked) : null;
  const alreadyAt = st.already && ALREADY_AT.test(st.already) ? new Date(st.already) : undefined;
  const at =
    alreadyAt && !Number.isNaN(alreadyAt.getTime())
      ? jstDate(alreadyAt) === date
        ? jstTime(alreadyAt)
        : formatWhen(alreadyAt, null, lang)
      : '';
  const checked = !checkedNumber
    ? html``
    : st.already !== undefined
      ? notice({
          kind: 'warning',
          role: 'status',
          body: at
            ? t('alreadyCheckedInAt', { number: displayNumber(checkedNumber), at })
            : t('alreadyCheckedIn', { number: displayNumber(checkedNumber) }),
        })
      : notice({ kind: 'success', body: t('checkedIn', { number: displayNumber(checkedNumber) }) });
  const dayText = formatDateLong(date, lang);
  const fieldBase = { lang, markOptional: false };
  const main = html`<h1 class="page-title">${t('dayHeading')}</h1>
${checked}
<form method="get" action="/staff/reservations" class="filters">
  ${dateField({ ...fieldBase, name: 'date', id: 'f-date', label: t('date'), value: date })}
  ${selectField({ ...fieldBase, name: 'serviceId', id: 'f-serviceId', label: t('service'), value: serviceId, emptyLabel: t('allServices'), options: serviceOptions(lang, services) })}
  ${button({ label: t('show'), kind: 'secondary' })}
  <a href="/staff/reservations?date=${addDays(date, -1)}${withService}">${t('previousDay')}</a>
  <a href="/staff/reservations?date=${addDays(date, 1)}${withService}">${t('nextDay')}</a>
</form>
<h2>${t('checkInHeading')}</h2>
${st.error ? notice({ kind: 'error', id: 'checkin-error', body: st.error }) : ''}
<form method="post" action="/staff/reservations/check-in" class="filters" data-checkin>${csrfInput(csrf)}
  <input type="hidden" name="back" value="${back}">
  ${textField({
    ...fieldBase,
    name: 'number',
    id: 'checkin-number',
    label: t('reservationNumber'),
    value: st.number ?? '',
    required: true,
    error: st.error,
    autocomplete: 'off',
    attributes: { autocapitalize: 'characters', autofocus: !!st.error },
  })}
  ${button({ label: t('checkInButton') })}
</form>
<div class="day-board" aria-label="${t('dayBoard')}">
  <div class="card"><strong>${count('booked')}</strong>${t('countBooked')}</div>
  <div class="card"><strong>${count('arrived')}</strong>${t('countArrived')}</div>
  <div class="card"><strong>${count('done')}</strong>${t('countDone')}</div>
  <div class="card"><strong>${count('no_show')}</strong>${t('countNoShow')}</div>
  <div class="card"><strong>${count('cancelled')}</strong>${t('countCancelled')}</div>
</div>
<h2>${t('bookingsOn', { date: dayText })}</h2>
${bookingsTable(lang, csrf, { caption: t('bookingsOn', { date: dayText }), items, back, withDate: false })}
<script src="/assets/checkin-scan.js" defer></script>`;
  return reservationsPage(req, { title: t('dayTitle', { date: dayText }), tab: 'day', main });
}

export function registerDayPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations',
    summary: 'Bookings of one day (department-scoped, audited) with check-in by number and status buttons',
    auth: 'staff',
    query: dayQuery,
    handler: async ({ req, actor, query, csrf }) => renderDay(ctx, req, actor, csrf, query),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/check-in',
    summary: 'Check a booking in by its number (typed or scanned); a refusal re-renders the day view',
    auth: 'staff',
    body: checkInFormBody,
    async handler({ req, actor, body, csrf }) {
      const back = body.back ?? '/staff/reservations';
      try {
        const r = await checkInByNumber(ctx, { number: body.number, staff: { actor, audit: auditContextOf(req) } });
        const already = r.alreadyCheckedInAt !== undefined ? `&already=${encodeURIComponent(r.alreadyCheckedInAt)}` : '';
        return redirect(
          `${back}${back.includes('?') ? '&' : '?'}checked=${encodeURIComponent(displayNumber(r.reservationNumber))}${already}`,
        );
      } catch (err) {
        if (!(err instanceof AppError) || ![404, 409, 422].includes(err.status)) throw err;
        const backQuery = dayQuery.parse(Object.fromEntries(new URL(back, 'http://staff.invalid').searchParams));
        const error = err.extra.fieldErrors?.[0]?.message[req.lang] ?? err.text[req.lang];
        const page = await renderDay(ctx, req, actor, csrf, {
          date: backQuery.date,
          serviceId: backQuery.serviceId,
          error,
          number: body.number.slice(0, 40),
        });
        return { html: page, status: err.status };
      }
    },
  });
}
