/**
 * /staff/reservations/:id/cancel — cancelling on behalf goes through this confirmation, with an
 * optional reason that the cancellation notice carries to the citizen (when there is an e-mail or
 * LINE to send it to). A reason that is too long shows the page again with it kept.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatWhen } from '../../../platform/japan-time.js';
import { button, csrfInput, summaryList, textArea, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { admissionOf } from '../admission-instance.js';
import { cancelReservation } from '../cancel-reservation.js';
import { displayNumber } from '../reservation-number.js';
import { cancelFormBody } from '../reservations.schemas.js';
import { STATUS_LABELS, channelLabel, detailForStaff } from '../staff-queries.js';
import { staffMessages } from './staff.messages.js';
import { bookingParams } from './staff.schemas.js';
import { reservationsPage } from './staff.view.js';

async function renderCancel(
  ctx: AppContext,
  req: FastifyRequest,
  staff: StaffActor,
  csrf: string,
  id: string,
  reason: string,
  errors: readonly FieldMessage[] = [],
): Promise<string> {
  const lang = req.lang;
  const t = staffMessages.in(lang);
  const d = await detailForStaff(ctx, staff, id, auditContextOf(req), lang);
  const canNotify = d.email !== null || d.lineUserId !== null;
  const number = displayNumber(d.reservationNumber);
  const body =
    d.status !== 'booked'
      ? html`<p>${t('notCancellable', { status: STATUS_LABELS[d.status][lang] })}</p>`
      : html`<form method="post" action="/staff/reservations/${d.id}/cancel">${csrfInput(csrf)}
  ${textArea({
    lang,
    name: 'reason',
    id: 'cancel-reason',
    label: t('reasonLabel'),
    hint: canNotify ? t('reasonHintNotify') : t('reasonHintNoContact'),
    maxLength: 500,
    value: reason,
    errors,
    attributes: { autofocus: errors.length > 0 },
  })}
  <p>${button({ label: t('cancelButton'), kind: 'danger' })} <a href="/staff/reservations/${d.id}">${t('backWithoutCancelling')}</a></p>
</form>`;
  const main = html`<h1 class="page-title">${t('cancelQuestion')}</h1>
<div class="card">${summaryList({
    items: [
      { term: t('number'), value: number },
      { term: t('when'), value: formatWhen(new Date(d.start), new Date(d.end), lang) },
      { term: t('service'), value: d.serviceName },
      { term: t('name'), value: d.name ?? t('erased') },
      { term: t('receivedChannel'), value: channelLabel(d.channel, d.createdByStaff, lang) },
      { term: t('notice'), value: canNotify ? t('noticeWillSend') : t('noticeCannotSend') },
    ],
  })}</div>
${body}`;
  return reservationsPage(req, { title: t('cancelTitle', { number }), tab: 'list', main });
}

export function registerCancelPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations/:id/cancel',
    summary: 'Confirm cancelling a booking on behalf of the citizen, with an optional reason',
    auth: 'staff',
    params: bookingParams,
    handler: async ({ req, actor, params, csrf }) => renderCancel(ctx, req, actor, csrf, params.id, ''),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservations/:id/cancel',
    summary: 'Cancel a booking on behalf of the citizen; the reason goes into the history and the notice',
    auth: 'staff',
    params: bookingParams,
    body: cancelFormBody,
    invalid: async ({ req, actor, params, csrf, raw, errors }) => renderCancel(ctx, req, actor, csrf, params.id, raw.reason ?? '', errors),
    async handler({ req, actor, params, body }) {
      await admissionOf(ctx).run(() =>
        cancelReservation(ctx, { reservationId: params.id, reason: body.reason, staff: { actor, audit: auditContextOf(req) } }),
      );
      return redirect(`/staff/reservations/${params.id}?cancelled=1`);
    },
  });
}
