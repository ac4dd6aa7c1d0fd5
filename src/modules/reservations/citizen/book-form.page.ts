/**
 * `/services/:id/book` — the details form for the chosen time (GET), and its POST, which shows
 * "check your booking" or the form again with each refused answer next to its field. The POST is
 * also how "correct your answers" and "choose another time" come back to the form (edit=1), with
 * everything typed carried in hidden inputs.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { button, csrfInput, notice, summaryList, type FieldMessage } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { lastContactOfLineUser } from '../last-contact.js';
import { validateBookingInput } from '../validate-input.js';
import { bookingMessages } from './booking.messages.js';
import { bookFormQuery, bookingFormBody, serviceParams } from './booking.schemas.js';
import { formPage, notASlotPage } from './booking.view.js';
import { citizenMessages } from './citizen.messages.js';
import { citizenPage, hiddenValues, readForm, svcName, toContact, valuesTable, whenText, type FormValues } from './citizen.view.js';
import { findActiveService, findBookableSlot } from './find-bookable-slot.js';

export function registerBookFormPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/services/:id/book',
    summary: 'The details form for one time of a service (?start=<ISO time>)',
    auth: 'public',
    params: serviceParams,
    query: bookFormQuery,
    async handler({ req, lang, params, query }) {
      const t = bookingMessages.in(lang);
      const s = await findActiveService(ctx, params.id);
      const found = await findBookableSlot(ctx, s, query.start);
      if (!found) return { html: notASlotPage(req, s), status: 422 };
      const { slot, problem } = found;
      if (problem) {
        const main = html`${notice({ kind: 'error', body: t('timeClosed') })}<p><a href="/services/${s.id}">${citizenMessages.t(lang, 'backToCalendar')}</a></p>`;
        return { html: citizenPage(req, citizenMessages.t(lang, 'cannotBeBooked'), main), status: 422 };
      }
      // Inside LINE, offer to fill in the contact details of the person's last booking; they are
      // filled in only when the person asks (prefill=1), never silently.
      let values: FormValues = {};
      let offer: SafeHtml | undefined;
      if (req.lineUserId) {
        const last = await lastContactOfLineUser(ctx, req.lineUserId);
        if (last && query.prefill === '1') values = { name: last.name, phone: last.phone, email: last.email ?? '', fields: {} };
        else if (last) {
          const href = `/services/${s.id}/book?start=${encodeURIComponent(jstIso(slot.start))}&prefill=1`;
          offer = notice({ kind: 'info', body: html`<p><a href="${href}">${t('prefillOffer')}</a></p>` });
        }
      }
      return formPage(req, s, slot, values, [], offer);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/services/:id/book',
    summary: 'Check the answers of the details form: "check your booking", or the form again with its errors',
    auth: 'public',
    // Changes nothing: it only renders the answers back (the booking is the confirm step, which has a token).
    csrf: { exempt: 'renders the typed answers back; nothing is stored or changed' },
    params: serviceParams,
    body: bookingFormBody,
    async handler({ req, lang, params, body, csrf }) {
      const t = bookingMessages.in(lang);
      const s = await findActiveService(ctx, params.id);
      const found = await findBookableSlot(ctx, s, body.start);
      if (!found) return { html: notASlotPage(req, s), status: 422 };
      const { slot, problem } = found;
      const v = readForm(s, body);
      // back from the confirmation page or from "choose another time": the form again, as typed
      if (body.edit === '1') return formPage(req, s, slot, v, []);
      const errs: FieldMessage[] = validateBookingInput(s, toContact(v)).errors.map((e) => ({ field: e.field, message: e.message[lang] }));
      if (problem) errs.push({ field: 'start', message: t('timeClosedField') });
      if (errs.length) return { html: formPage(req, s, slot, v, errs), status: 422 };
      const main = html`<h1 class="page-title">${t('checkTitle')}</h1>
<div class="card">${summaryList({
        items: [
          { term: t('service'), value: svcName(s, lang) },
          { term: t('when'), value: whenText(lang, slot.start, slot.end) },
          { term: citizenMessages.t(lang, 'place'), value: s.place },
        ],
      })}${valuesTable(lang, s, v)}</div>
<form method="post" action="/services/${s.id}/book/confirm">
  ${csrfInput(csrf)}
  <input type="hidden" name="start" value="${jstIso(slot.start)}">
  <input type="hidden" name="idempotencyKey" value="${crypto.randomBytes(16).toString('base64url')}">
  ${hiddenValues(s, v)}
  ${button({ label: t('book') })}
</form>
<form method="post" action="/services/${s.id}/book">
  <input type="hidden" name="edit" value="1">
  <input type="hidden" name="start" value="${jstIso(slot.start)}">
  ${hiddenValues(s, v)}
  ${button({ label: t('correct'), kind: 'secondary' })}
</form>`;
      return citizenPage(req, t('checkTitle'), main);
    },
  });
}
