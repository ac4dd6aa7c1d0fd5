/**
 * /staff/reservations/new — a booking taken by phone: choose the service and day, then the time, the
 * caller's answers, the language of the notices, and the exceptions (outside the booking window; a
 * department administrator may overbook). A refused booking shows the form again with every answer
 * kept and each problem next to its field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { AppError } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../http/page-route.js';
import type { Lang } from '../../../platform/i18n.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate, jstIso, jstTime } from '../../../platform/japan-time.js';
import { button, checkboxes, csrfInput, dateField, notice, radios, selectField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { admissionOf } from '../admission-instance.js';
import { getAvailability } from '../availability.js';
import { bookSlot } from '../book-slot.js';
import { bookingFields, formErrorSummary, readForm, toContact, type FormValues } from '../citizen/citizen.view.js';
import { can } from '../reservations.policy.js';
import type { Service } from '../services.repository.js';
import { servicesForStaff } from '../staff-queries.js';
import { staffMessages } from './staff.messages.js';
import { phoneBookingBody, phoneBookingQuery } from './staff.schemas.js';
import { reservationsPage, serviceOptions } from './staff.view.js';

type Typed = { serviceId?: string; date?: string; start?: string; overrideWindow?: string; overbook?: string; noticeLang?: Lang };
type Refusal = { values: FormValues; errors: readonly FieldMessage[]; problem?: string };

async function renderForm(
  ctx: AppContext,
  req: FastifyRequest,
  staff: StaffActor,
  csrf: string,
  services: Service[],
  typed: Typed,
  refusal?: Refusal,
): Promise<string> {
  const lang = req.lang;
  const t = staffMessages.in(lang);
  const service = services.find((s) => s.id === typed.serviceId);
  const date = typed.date ?? jstDate(ctx.clock.now());
  const errors = refusal?.errors ?? [];
  let times = html``;
  if (service) {
    const now = ctx.clock.now();
    const a = await getAvailability(ctx, service.id, { from: date, to: date, now, mode: 'staff', includeFull: true });
    const slots = (a?.slots ?? []).filter((x) => x.start.getTime() > now.getTime());
    const base = { lang, errors };
    times = html`<form method="post" action="/staff/reservations/new" novalidate>${csrfInput(csrf)}
  <input type="hidden" name="serviceId" value="${service.id}"><input type="hidden" name="date" value="${date}">
  ${formErrorSummary(lang, service, errors)}
  ${refusal?.problem ? notice({ kind: 'error', body: refusal.problem }) : ''}
  ${
    slots.length
      ? radios({
          ...base,
          name: 'start',
          id: 'in-start',
          label: t('time'),
          required: true,
          value: typed.start,
          choices: slots.map((x) => ({
            value: jstIso(x.start),
            label: t('slotLeft', { start: jstTime(x.start), end: jstTime(x.end), remaining: x.remaining }),
          })),
        })
      : html`<p>${t('noSlots')}</p>`
  }
  ${bookingFields(lang, service, refusal?.values ?? {}, errors)}
  ${radios({
    ...base,
    name: 'noticeLang',
    label: t('noticeLang'),
    hint: t('noticeLangHint'),
    markOptional: false,
    inline: true,
    value: typed.noticeLang ?? 'ja',
    choices: [
      { value: 'ja', label: t('langJa') },
      { value: 'en', label: t('langEn') },
    ],
  })}
  ${checkboxes({
    ...base,
    name: 'overrideWindow',
    id: 'overrideWindow',
    label: t('windowLegend'),
    markOptional: false,
    values: typed.overrideWindow ? ['1'] : [],
    choices: [{ value: '1', label: t('overrideWindow') }],
  })}
  ${
    can(staff, 'overbook', service.departmentId)
      ? checkboxes({
          ...base,
          name: 'overbook',
          id: 'overbook',
          label: t('capacityLegend'),
          markOptional: false,
          values: typed.overbook ? ['1'] : [],
          choices: [{ value: '1', label: t('overbook') }],
        })
      : ''
  }
  <p>${button({ label: t('bookButton') })}</p>
</form>`;
  }
  const main = html`<h1 class="page-title">${t('newHeading')}</h1>
<form method="get" action="/staff/reservations/new" class="filters">
  ${selectField({ lang, markOptional: false, name: 'serviceId', id: 'f-serviceId', label: t('service'), value: service?.id, options: serviceOptions(lang, services) })}
  ${dateField({ lang, markOptional: false, name: 'date', id: 'f-date', label: t('date'), value: date })}
  ${button({ label: t('showTimes'), kind: 'secondary' })}
</form>
${times}`;
  return reservationsPage(req, { title: t('newTitle'), tab: 'new', main });
}

export function registerPhoneBookingPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations/new',
    summary: 'The phone booking form: service and day, then time, answers and exceptions',
    auth: 'staff',
    query: phoneBookingQuery,
    handler: async ({ req, actor, query, csrf }) => renderForm(ctx, req, actor, csrf, await servicesForStaff(ctx, actor), query),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/new',
    summary: 'Book on behalf of a caller (the window may be overridden; overbooking by department administrators)',
    auth: 'staff',
    body: phoneBookingBody,
    async handler({ req, actor, body, csrf }) {
      const services = await servicesForStaff(ctx, actor);
      const service = services.find((s) => s.id === body.serviceId);
      if (!service) {
        // not a service of the person's departments: the form again, as for any other unknown service
        return { html: await renderForm(ctx, req, actor, csrf, services, { date: body.date }), status: 404 };
      }
      const values = readForm(service, body);
      const typed: Typed = body;
      try {
        const r = await admissionOf(ctx).run(() =>
          bookSlot(ctx, {
            serviceId: service.id,
            start: new Date(body.start),
            contact: toContact(values),
            channel: 'phone',
            lang: body.noticeLang,
            staff: { actor, overrideWindow: body.overrideWindow === '1', overbook: body.overbook === '1', audit: auditContextOf(req) },
          }),
        );
        return redirect(`/staff/reservations/${r.reservationId}?created=1`);
      } catch (err) {
        if (!(err instanceof AppError) || ![403, 409, 422].includes(err.status)) throw err;
        const lang = req.lang;
        const problem = err.status === 409 ? staffMessages.t(lang, 'slotFull') : err.status === 403 ? err.text[lang] : undefined;
        const page = await renderForm(ctx, req, actor, csrf, services, typed, { values, errors: pageErrorsOf(err, lang), problem });
        return { html: page, status: err.status };
      }
    },
  });
}
