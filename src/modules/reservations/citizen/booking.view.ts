/**
 * Renderers the booking screens share: the details form (book-form, and again when the final step
 * refuses an answer), "choose another time" keeping the answers (other-times, and when the chosen
 * time filled up), and the answer for a start that names no slot.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong, jstDate, jstIso } from '../../../platform/japan-time.js';
import { button, linkButton, notice, type FieldMessage } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { getAvailability, monthCalendar, nextMonth } from '../availability.js';
import type { Service } from '../services.repository.js';
import { bookingMessages } from './booking.messages.js';
import { citizenMessages } from './citizen.messages.js';
import {
  bookingFields,
  citizenPage,
  formErrorSummary,
  hiddenValues,
  slotText,
  svcName,
  whenText,
  type FormValues,
} from './citizen.view.js';

export type Slot = { start: Date; end: Date };

/** The details form for one slot, with what was typed and each field's error. */
export function formPage(
  req: FastifyRequest,
  s: Service,
  slot: Slot,
  v: FormValues,
  errs: readonly FieldMessage[],
  offer?: SafeHtml,
): string {
  const lang = req.lang;
  const t = bookingMessages.in(lang);
  const main = html`<p><a href="/services/${s.id}/days/${jstDate(slot.start)}">${t('chooseAnotherTimeLink')}</a></p>
<h1 class="page-title">${t('formHeading')}</h1>
<div class="card"><p><strong>${svcName(s, lang)}</strong><br>${whenText(lang, slot.start, slot.end)}<br>${s.place}</p></div>
${formErrorSummary(lang, s, errs)}
${offer ?? ''}
<form method="post" action="/services/${s.id}/book" novalidate>
  <input type="hidden" name="start" value="${jstIso(slot.start)}">
  ${bookingFields(lang, s, v, errs)}
  <p class="muted">${t('privacyNote')} <a href="/privacy/services/${s.id}">${t('privacyLink')}</a></p>
  ${button({ label: t('review') })}
</form>`;
  return citizenPage(req, t('formTitle'), main, { hasErrors: errs.length > 0 });
}

/** A start that names no slot: a field error on 「日時」 with the way back to the calendar (shown with 422). */
export function notASlotPage(req: FastifyRequest, s: Service): string {
  const lang = req.lang;
  const t = citizenMessages.in(lang);
  const main = html`<h1 class="page-title">${t('cannotBeBooked')}</h1>
${formErrorSummary(lang, s, [{ field: 'start', message: t('notASlot') }])}
<p>${linkButton({ href: `/services/${s.id}`, label: t('backToCalendar') })}</p>`;
  return citizenPage(req, t('cannotBeBooked'), main, { hasErrors: true });
}

/**
 * "Choose another time" keeping the answers: the times of a day as buttons of one form that carries
 * the answers back to the details form, and the other bookable days (this month and next) as buttons
 * of a form that shows their times.
 */
export async function otherTimesPage(
  ctx: AppContext,
  req: FastifyRequest,
  s: Service,
  date: string,
  v: FormValues,
  before?: SafeHtml,
): Promise<string> {
  const lang = req.lang;
  const t = bookingMessages.in(lang);
  const now = ctx.clock.now();
  const a = await getAvailability(ctx, s.id, { from: date, to: date, now });
  const month = date.slice(0, 7);
  const days = [
    ...((await monthCalendar(ctx, s.id, month, now))?.days ?? []),
    ...((await monthCalendar(ctx, s.id, nextMonth(month), now))?.days ?? []),
  ].filter((d) => d.bookable && d.date !== date && d.date >= jstDate(now));
  const slots = a?.slots ?? [];
  const main = html`${before ?? ''}
<h1 class="page-title">${t('otherTimeHeading')}</h1>
<p>${t('answersKept')}</p>
<h2>${formatDateLong(date, lang)}</h2>
${
  slots.length
    ? html`<form method="post" action="/services/${s.id}/book"><input type="hidden" name="edit" value="1">${hiddenValues(s, v)}
  <ul class="slot-list">${slots.map((x) => html`<li><button type="submit" name="start" value="${jstIso(x.start)}" class="button--secondary slot">${slotText(lang, x)}</button></li>`)}</ul></form>`
    : notice({ kind: 'warning', body: citizenMessages.t(lang, 'noTimesThisDay') })
}
${
  days.length
    ? html`<h2>${t('otherDays')}</h2>
<form method="post" action="/services/${s.id}/times">${hiddenValues(s, v)}
  <ul class="slot-list">${days.map((d) => html`<li><button type="submit" name="date" value="${d.date}" class="button--secondary slot">${formatDateLong(d.date, lang)}</button></li>`)}</ul></form>`
    : ''
}`;
  return citizenPage(req, t('otherTimeTitle'), main);
}
