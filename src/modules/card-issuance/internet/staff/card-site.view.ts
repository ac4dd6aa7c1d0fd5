/**
 * The booking-site staff screen (/staff/card-site): one page with every form (bundle import, booking
 * file export, phone booking, unlock, places and their hours and closures, CSV export, bookings). Each
 * form's POST answers with this page again and the outcome above it.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import type { Lang } from '../../../../platform/i18n.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatWhen, jstDate } from '../../../../platform/japan-time.js';
import {
  button,
  checkboxes,
  csrfInput,
  dataTable,
  dateField,
  notice,
  postButtonForm,
  selectField,
  textField,
} from '../../../../web/components/index.js';
import { html, raw, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { renderStaffPage } from '../../../staff/index.js';
import { viewCardSite } from '../view-card-site.js';
import { cardSiteStaffMessages } from './card-site-staff.messages.js';
import { locationForm, locationSection, type LocationFormState } from './location-form.view.js';

/** An outcome above the page: done (success) or refused (error). */
export const done = (text: string): SafeHtml => notice({ kind: 'success', body: text });
export const refused = (text: string): SafeHtml => notice({ kind: 'error', body: text });

export async function renderCardSite(
  ctx: AppContext,
  req: FastifyRequest,
  o: { actor: StaffActor; csrf: string; message?: SafeHtml; formState?: LocationFormState },
): Promise<string> {
  const lang: Lang = req.lang;
  const t = cardSiteStaffMessages.in(lang);
  const { bookings, locations, exceptionsOf } = await viewCardSite(ctx, o.actor, auditContextOf(req));
  const now = ctx.clock.now();
  const csrf = o.csrf;
  const fs = o.formState;
  const plain = { lang, markOptional: false };
  const main = html`<h1 class="page-title">${t('heading')}</h1>${o.message ?? ''}
<section class="card"><h2>${t('fileExchange')}</h2>
<form method="post" action="/staff/card-site/bundle" enctype="multipart/form-data">${csrfInput(csrf)}
<div class="form-field"><label for="bundle-file">${t('bundleFile')}</label><input id="bundle-file" type="file" name="file" required></div>
${button({ label: t('importButton') })}</form>
${postButtonForm({ action: '/staff/card-site/export', csrf, label: t('exportButton') })}</section>
<section class="card"><h2>${t('phoneBooking')}</h2>
<p class="hint">${t('phoneBookingHint')}</p>
<form method="post" action="/staff/card-site/phone-booking">${csrfInput(csrf)}
${textField({ ...plain, name: 'reservationId', id: 'p-id', label: t('loginId'), required: true, autocomplete: 'off' })}
${textField({ ...plain, name: 'shippingNo', id: 'p-ship', label: t('shippingNo'), required: true, autocomplete: 'off' })}
${selectField({ ...plain, name: 'location', id: 'p-loc', label: t('place'), options: locations.map((l) => ({ value: l.code, label: l.name })) })}
${dateField({ ...plain, name: 'date', id: 'p-date', label: t('date'), required: true })}
${textField({ ...plain, name: 'time', id: 'p-time', type: 'time', label: t('startTime'), required: true, step: 300 })}
${button({ label: t('bookButton') })}</form></section>
<section class="card"><h2>${t('unlock')}</h2>
<p class="hint">${t('unlockHint')}</p>
<form method="post" action="/staff/card-site/unlock">${csrfInput(csrf)}
${textField({ ...plain, name: 'reservationId', id: 'u-id', label: t('loginId'), required: true, autocomplete: 'off' })}
${textField({ ...plain, name: 'shippingNo', id: 'u-ship', label: t('shippingNo'), required: true, autocomplete: 'off' })}
${button({ label: t('unlockButton'), kind: 'secondary' })}</form></section>
<section class="card"><h2>${t('places')}</h2>
<p class="hint">${t('placesHint')}</p>
${locations.map((l) => locationSection(lang, csrf, l, exceptionsOf.get(l.code) ?? [], fs?.code === l.code ? fs : undefined))}
<details${raw(fs?.code === '' ? ' open' : '')}><summary>${t('addPlace')}</summary>
${locationForm(lang, csrf, undefined, fs?.code === '' ? fs : undefined)}</details></section>
<section class="card"><h2>${t('csvExport')}</h2>
<form method="get" action="/staff/card-site/bookings.csv" class="filters">
${dateField({ ...plain, name: 'from', id: 'csv-from', label: t('csvFrom'), required: true, value: jstDate(now) })}
${dateField({ ...plain, name: 'to', id: 'csv-to', label: t('csvTo'), required: true, value: jstDate(new Date(now.getTime() + 30 * 86_400_000)) })}
${selectField({
  ...plain,
  name: 'encoding',
  id: 'csv-enc',
  label: t('csvEncoding'),
  options: [
    { value: 'shift_jis', label: t('csvShiftJis') },
    { value: 'utf-8', label: t('csvUtf8') },
  ],
})}
${checkboxes({ ...plain, name: 'cancelled', id: 'csv-cancelled', label: t('csvCancelled'), choices: [{ value: '1', label: t('csvCancelled') }] })}
<p class="hint">${t('csvHint')}</p>
${button({ label: t('csvButton'), kind: 'secondary' })}</form></section>
<section class="card"><h2>${t('bookings')}</h2>
${dataTable({
  lang,
  caption: t('bookings'),
  hideCaption: true,
  emptyText: t('noBookings'),
  columns: [
    { key: 'ref', label: t('bookingNumber') },
    { key: 'when', label: t('time') },
    { key: 'place', label: t('place') },
    { key: 'people', label: t('people'), numeric: true },
    { key: 'status', label: t('status') },
    { key: 'action', label: t('actions') },
  ],
  rows: bookings.map((b) => ({
    ref: b.ref,
    when: formatWhen(b.startsAt, b.endsAt, lang),
    place: b.locationName,
    people: b.partySize,
    status: `${b.status === 'booked' ? t('statusBooked') : t('statusCancelled')}${b.createdByStaff ? t('byPhone') : ''}`,
    action:
      b.status === 'booked'
        ? postButtonForm({
            action: `/staff/card-site/bookings/${b.id}/cancel`,
            csrf,
            label: t('cancelButton'),
            kind: 'danger',
            small: true,
          })
        : '',
  })),
})}</section>`;
  return renderStaffPage(req, { title: t('title'), active: 'card-site', main });
}
