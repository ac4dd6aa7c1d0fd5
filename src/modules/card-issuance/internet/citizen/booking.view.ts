/**
 * The booking screen's two faces: the booking the card is in (with the way to cancel it), or the
 * steps to make one — place, month calendar, then the day's times with family members, e-mail and
 * message in one form.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatDateLong, jstDate, jstMonth, jstTime } from '../../../../platform/japan-time.js';
import {
  button,
  calendar,
  csrfInput,
  errorSummary,
  linkButton,
  notice,
  radios,
  textArea,
  textField,
  type CalendarDayCell,
  type DayState,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html, raw, type SafeHtml } from '../../../../web/html.js';
import { getAvailability, monthCalendar, nextMonth, prevMonth } from '../../../reservations/index.js';
import { formatReservationId } from '../../shared/normalise.js';
import { MAX_PARTY, type BookingView } from '../card-bookings.js';
import { listLocations } from '../locations.js';
import { cardSiteMessages } from './card-site.messages.js';
import { bookingFacts } from './card-site.view.js';

/** What the booking form sent (passwords excepted), shown again when it is refused. */
export type BookingTyped = Partial<Record<string, string>>;

export const KEPT_FIELDS = [
  'location',
  'date',
  'start',
  'email',
  'memo',
  'consent',
  ...Array.from({ length: MAX_PARTY - 1 }, (_, i) => `memberId${i}`),
];

/** The booking the card is in. */
export function currentBookingMain(lang: Lang, current: BookingView, o: { justBooked: boolean; refusal?: SafeHtml }): SafeHtml {
  const t = cardSiteMessages.in(lang);
  return html`<h1 class="page-title">${t('yourBooking')}</h1>${o.refusal ?? (o.justBooked ? notice({ kind: 'success', body: t('booked') }) : '')}
${bookingFacts(lang, current)}
<section class="card" aria-labelledby="cancel-h"><h2 id="cancel-h">${t('cancelling')}</h2>
<p>${t('cancellingIntro')}</p>
${linkButton({ href: '/card/booking/cancel', label: t('goToCancel'), kind: 'secondary' })}</section>`;
}

/** The ids of the form's controls, for the error summary's links. */
export const FIELD_IDS: Record<string, string> = { start: 'slot', consent: 'consent', email: 'email', memo: 'memo' };

/** The one consent tick box (its label is the statement itself, so no group legend). */
function consentBox(lang: Lang, checked: boolean, error: string | undefined): SafeHtml {
  return html`${error ? html`<p class="field-error" id="consent-error">${error}</p>` : ''}<div class="choice"><input type="checkbox" id="consent" name="consent" value="yes"${raw(checked ? ' checked' : '')}${raw(error ? ' aria-invalid="true" aria-describedby="consent-error"' : '')}><label for="consent">${cardSiteMessages.t(lang, 'consent')}</label></div>`;
}

const STATE_OF: Record<string, DayState> = { '◎': 'open', '△': 'few', '×': 'full', '－': 'closed' }; // i18n-exempt: the engine's day marks, not words

/** The steps of a new booking: place, day, then time and who collects. */
export async function bookingStepsMain(
  ctx: AppContext,
  req: FastifyRequest,
  o: {
    reservationId: string;
    csrf: string;
    numericKeypad: boolean;
    typed: BookingTyped;
    errors: FieldMessage[];
    refusal?: SafeHtml;
    cancelled: boolean;
  },
): Promise<SafeHtml> {
  const lang = req.lang;
  const t = cardSiteMessages.in(lang);
  const q = o.typed;
  const locations = await listLocations(ctx.db, null, true);
  const loc = locations.find((l) => l.code === q.location) ?? (locations.length === 1 ? locations[0] : undefined);
  const now = ctx.clock.now();
  const today = jstDate(now);
  const date = loc && /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '') ? (q.date as string) : undefined;
  const month = date?.slice(0, 7) ?? (/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month ?? '') ? (q.month as string) : today.slice(0, 7));
  const base = (extra: string) => `/card/booking?location=${encodeURIComponent(loc?.code ?? '')}&${extra}`;
  const locName = (l: { name: string; nameEn: string }) => (lang === 'ja' ? l.name : l.nameEn || l.name);

  const places = html`<section aria-labelledby="step-place"><h2 id="step-place">${t('stepPlace')}</h2>
${locations.length === 0 ? notice({ kind: 'warning', body: t('noPlaces'), role: 'none' }) : ''}
<ul class="slot-list">${locations.map((l) => html`<li>${linkButton({ href: `/card/booking?location=${l.code}`, label: locName(l), kind: l.code === loc?.code ? 'primary' : 'secondary', isCurrent: l.code === loc?.code })}</li>`)}</ul></section>`;

  let days: SafeHtml = html``;
  if (loc) {
    const cal = await monthCalendar(ctx, loc.serviceId, month, now);
    const lastMonth = jstMonth(new Date(now.getTime() + loc.opensDaysAhead * 86_400_000));
    days = html`<section aria-labelledby="step-day"><h2 id="step-day">${t('stepDay', { place: locName(loc) })}</h2>
${
  cal
    ? calendar({
        lang,
        month,
        days: cal.days.map((d): CalendarDayCell => ({ date: d.date, state: STATE_OF[d.mark] ?? 'closed', label: d.status.holidayName })),
        hrefFor: (d) => `${base(`date=${d}`)}#step-time`,
        prevHref: month > today.slice(0, 7) ? base(`month=${prevMonth(month)}`) : undefined,
        nextHref: month < lastMonth ? base(`month=${nextMonth(month)}`) : undefined,
      })
    : ''
}
${cal && !cal.days.some((d) => d.bookable) ? notice({ kind: 'warning', body: t('noDaysInMonth'), role: 'none' }) : ''}</section>`;
  }

  let form: SafeHtml = html``;
  if (loc && date) {
    const a = await getAvailability(ctx, loc.serviceId, { from: date, to: date, now });
    const slots = a?.slots ?? [];
    const field = { lang, errors: o.errors };
    const membersTyped = Array.from({ length: MAX_PARTY - 1 }, (_, i) => q[`memberId${i}`]).some(Boolean);
    form = html`<section aria-labelledby="step-time"><h2 id="step-time">${t('stepTime', { date: formatDateLong(date, lang) })}</h2>
<p><a href="${base(`month=${date.slice(0, 7)}`)}">${t('backToCalendar')}</a></p>
<form method="post" action="/card/booking">${csrfInput(o.csrf)}
<input type="hidden" name="location" value="${loc.code}"><input type="hidden" name="date" value="${date}">
${slots.length === 0 ? notice({ kind: 'warning', body: t('noTimes'), role: 'none' }) : ''}
${radios({
  ...field,
  name: 'start',
  id: 'slot',
  label: t('chooseTimeLegend'),
  required: true,
  value: q.start,
  choices: slots.map((x) => ({
    value: x.start.toISOString(),
    label: t('slotLabel', { start: jstTime(x.start), end: jstTime(x.end), remaining: x.remaining }),
  })),
})}
<details class="household"${raw(membersTyped || o.errors.some((e) => e.field === 'consent') ? ' open' : '')}><summary>${t('household')}</summary><fieldset><legend>${t('householdLegend')}</legend>
<p class="hint">${t('householdHint')}</p>
${Array.from(
  { length: MAX_PARTY - 1 },
  (_, i) =>
    html`${textField({ ...field, name: `memberId${i}`, id: `m${i}`, label: t('memberId', { n: i + 1 }), markOptional: false, autocomplete: 'off', value: q[`memberId${i}`] })}
${textField({ ...field, name: `memberPassword${i}`, id: `mp${i}`, type: 'password', label: t('memberPassword', { n: i + 1 }), markOptional: false, autocomplete: 'off', inputmode: o.numericKeypad ? 'numeric' : undefined })}`,
)}
${consentBox(lang, q.consent === 'yes', o.errors.find((e) => e.field === 'consent')?.message)}</fieldset></details>
${textField({ ...field, name: 'email', id: 'email', type: 'email', label: t('email'), markOptional: false, autocomplete: 'email', value: q.email })}
${textArea({ ...field, name: 'memo', id: 'memo', label: t('memo'), markOptional: false, maxLength: 200, value: q.memo })}
<p><a href="/privacy/card-booking">${t('privacyLink')}</a></p>
${button({ label: t('bookButton') })}</form></section>`;
  }
  return html`<h1 class="page-title">${t('bookTitle')}</h1>${errorSummary({ title: t('checkInput'), errors: o.errors, fieldId: (f) => FIELD_IDS[f] ?? f })}${o.refusal ?? ''}
${o.cancelled && !o.refusal ? notice({ kind: 'success', body: t('cancelledNotice') }) : ''}
<p>${t('loggedInAs', { id: formatReservationId(o.reservationId) })}</p>
${places}${days}${form}`;
}
