/**
 * /staff/reservations/:id — one booking with its personal data (each view audited by detailForStaff;
 * 404 outside the person's departments), its status buttons and history, and for a booked one the
 * change of time and the way to cancel on behalf. POST /staff/reservations/:id/change moves it.
 * Sensitive answers are masked; a person the service lets read them gets the form asking the reason
 * (POST …/sensitive, sensitive-read.page.ts), anyone else a note saying who may.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import type { FieldMessage } from '../../../web/components/index.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong, formatWhen, jstIso, jstTime } from '../../../platform/japan-time.js';
import {
  button,
  csrfInput,
  checkboxes,
  dataTable,
  dateField,
  linkButton,
  notice,
  errorSummary,
  radios,
  sensitiveReveal,
  summaryList,
  textArea,
} from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { admissionOf } from '../admission-instance.js';
import { getAvailability } from '../availability.js';
import { changeReservation } from '../change-reservation.js';
import { displayNumber } from '../reservation-number.js';
import type { ReservationStatus } from '../reservations.repository.js';
import { STATUS_LABELS, channelLabel, detailForStaff, servicesForStaff, type StaffDetail } from '../staff-queries.js';
import { staffMessages } from './staff.messages.js';
import { bookingParams, changeBody, detailQuery } from './staff.schemas.js';
import type { z } from 'zod';
import { reservationsPage, statusButtons } from './staff.view.js';
import type { Lang } from '../../../platform/i18n.js';

async function changeSection(ctx: AppContext, lang: Lang, csrf: string, d: StaffDetail, date: string): Promise<SafeHtml> {
  const t = staffMessages.in(lang);
  const now = ctx.clock.now();
  const a = await getAvailability(ctx, d.serviceId, { from: date, to: date, now, mode: 'staff' });
  const slots = (a?.slots ?? []).filter((x) => jstIso(x.start) !== d.start && x.start.getTime() > now.getTime());
  return html`<h2>${t('changeHeading')}</h2>
<form method="get" action="/staff/reservations/${d.id}" class="filters">
  ${dateField({ lang, markOptional: false, name: 'date', id: 'chg-date', label: t('date'), value: date })}
  ${button({ label: t('showFree'), kind: 'secondary' })}
</form>
${
  slots.length
    ? html`<form method="post" action="/staff/reservations/${d.id}/change">${csrfInput(csrf)}
  ${radios({
    lang,
    name: 'start',
    id: 'c-start',
    label: t('newTime'),
    required: true,
    choices: slots.map((x) => ({
      value: jstIso(x.start),
      label: t('slotLeft', { start: jstTime(x.start), end: jstTime(x.end), remaining: x.remaining }),
    })),
  })}
  ${checkboxes({ lang, name: 'overrideWindow', id: 'chg-override', label: t('windowLegend'), markOptional: false, choices: [{ value: '1', label: t('overrideChange') }] })}
  <p>${button({ label: t('changeButton') })}</p>
</form>`
    : html`<p>${t('noFreeTimes')}</p>`
}
<h2>${t('cancelHeading')}</h2>
<p>${linkButton({ href: `/staff/reservations/${d.id}/cancel`, label: t('cancelLink'), kind: 'danger' })}</p>`;
}

/**
 * The sensitive answers' notice: after a reveal, that they are shown this once; for a person the
 * service lets read them, the form asking the reason (POST, never a GET URL, so a reload or a shared
 * link shows nothing); for anyone else, who may read them.
 */
function sensitiveSection(
  lang: Lang,
  csrf: string,
  d: StaffDetail,
  reveal: { raw: Record<string, string>; errors: FieldMessage[] },
): SafeHtml {
  const t = staffMessages.in(lang);
  const count = d.sensitive.keys.length;
  return sensitiveReveal({
    lang,
    action: `/staff/reservations/${d.id}/sensitive`,
    csrf,
    count,
    isRevealed: d.sensitive.revealed,
    isReplayed: d.sensitive.replayed,
    mayRead: d.sensitive.mayRead,
    readers: d.sensitive.readers,
    texts: {
      intro: t('sensitiveIntro', { count }),
      whoMay: (roles) => t('sensitiveWhoMay', { count, roles }),
      nobody: t('sensitiveNobody', { count }),
      reasonHint: t('sensitiveReasonHint'),
    },
    raw: reveal.raw,
    errors: reveal.errors,
  });
}

export async function renderDetailScreen(
  ctx: AppContext,
  req: FastifyRequest,
  actor: StaffActor,
  csrf: string,
  d: StaffDetail,
  q: z.output<typeof detailQuery>,
  reveal: { raw: Record<string, string>; errors: FieldMessage[] } = { raw: {}, errors: [] },
): Promise<string> {
  const lang = req.lang;
  const t = staffMessages.in(lang);
  const hasService = (await servicesForStaff(ctx, actor)).some((s) => s.id === d.serviceId);
  const number = displayNumber(d.reservationNumber);
  const day = d.start.slice(0, 10);
  const change = hasService && d.status === 'booked' ? await changeSection(ctx, lang, csrf, d, q.date ?? day) : html``;
  const main = html`${q.created ? notice({ kind: 'success', body: t('created', { number }) }) : ''}
${q.changed ? notice({ kind: 'success', body: t('changed') }) : ''}
${q.cancelled ? notice({ kind: 'success', body: t('cancelled') }) : ''}
${q.lineSent ? notice({ kind: 'success', body: t('lineSent') }) : ''}
${errorSummary({ title: t('checkInput'), errors: reveal.errors, fieldId: (f) => (f === 'reason' ? 'sensitive-reason' : f) })}
<h1 class="page-title">${t('detailTitle', { number })}</h1>
<p class="muted">${t('viewAudited')}</p>
${sensitiveSection(lang, csrf, d, reveal)}
<div class="card">${summaryList({
    items: [
      {
        term: t('status'),
        value: html`<span class="badge">${STATUS_LABELS[d.status][lang]}</span> ${statusButtons(lang, csrf, d, `/staff/reservations/${d.id}`)}`,
      },
      { term: t('service'), value: d.serviceName },
      { term: t('when'), value: formatWhen(new Date(d.start), new Date(d.end), lang) },
      { term: t('receivedChannel'), value: channelLabel(d.channel, d.createdByStaff, lang) },
      { term: t('name'), value: d.name ?? t('erased') },
      { term: t('phone'), value: d.phone ?? '' },
      { term: t('email'), value: d.email ?? '' },
      ...d.fields.map((f) => ({
        term: f.label,
        value:
          f.classification !== 'sensitive'
            ? f.value
            : f.masked
              ? html`<span class="muted">${t('sensitiveMasked')}</span> <span class="badge">${t('sensitive')}</span>`
              : html`${f.value} <span class="badge">${t('sensitive')}</span>`,
      })),
      { term: t('createdAt'), value: formatWhen(new Date(d.createdAt), null, lang) },
    ],
  })}</div>
<h2>${t('history')}</h2>
${dataTable({
  lang,
  caption: t('history'),
  hideCaption: true,
  columns: [
    { key: 'when', label: t('when') },
    { key: 'status', label: t('status') },
    { key: 'by', label: t('changedBy') },
    { key: 'reason', label: t('reason') },
  ],
  rows: d.history.map((h) => ({
    when: formatWhen(new Date(h.changedAt), null, lang),
    status: STATUS_LABELS[h.status as ReservationStatus]?.[lang] ?? h.status,
    by: h.changedBy ?? (h.actorType === 'citizen' ? t('citizenSelf') : h.actorType),
    reason: h.reason ?? '',
  })),
})}
${change}
${
  d.channel === 'line' && d.name !== null
    ? html`<h2>${t('lineHeading')}</h2>
<form method="post" action="/staff/reservations/${d.id}/line-message">${csrfInput(csrf)}
  ${textArea({ lang, name: 'text', id: 'line-text', label: t('lineText'), required: true, maxLength: 1000 })}
  ${button({ label: t('send') })}
</form>`
    : ''
}
<p><a href="/staff/reservations?date=${day}">${t('backToDay', { date: formatDateLong(day, lang) })}</a></p>`;
  return reservationsPage(req, { title: t('detailTitle', { number }), tab: 'list', main });
}

export function registerDetailPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations/:id',
    summary: 'A booking with its personal data (audited), status buttons, history, change and cancel on behalf',
    auth: 'staff',
    params: bookingParams,
    query: detailQuery,
    async handler({ req, actor, params, query, csrf }) {
      const d = await detailForStaff(ctx, actor, params.id, auditContextOf(req), req.lang);
      return renderDetailScreen(ctx, req, actor, csrf, d, query);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/:id/change',
    summary: 'Move a booking to another time on behalf of the citizen (the window may be overridden)',
    auth: 'staff',
    params: bookingParams,
    body: changeBody,
    async handler({ req, actor, params, body }) {
      await admissionOf(ctx).run(() =>
        changeReservation(ctx, {
          reservationId: params.id,
          start: new Date(body.start),
          staff: { actor, overrideWindow: body.overrideWindow === '1', audit: auditContextOf(req) },
        }),
      );
      return redirect(`/staff/reservations/${params.id}?changed=1`);
    },
  });
}
