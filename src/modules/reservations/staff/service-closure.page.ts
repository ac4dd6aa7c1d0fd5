/**
 * /staff/reservation-services/:id/closures/:day — the bookings left on a closure day, with the two
 * ways to handle them: tell them the counter is closed (service-closure-notice.page.ts), or cancel
 * them all with a notice (POST here). Nothing is cancelled by saving the closure itself.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong, jstTime } from '../../../platform/japan-time.js';
import { button, csrfInput, dataTable, notice, textArea } from '../../../web/components/index.js';
import { attrs, html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { bookingsHitByClosure, cancelForClosure } from '../closure-bookings.js';
import { formatPhoneJp } from '../format-phone.js';
import { findManagedService, listExceptions } from '../manage-services.js';
import { displayNumber } from '../reservation-number.js';
import { channelLabel } from '../staff-queries.js';
import { mayManageServices } from './service-edit.page.js';
import { closureCancelForm, closureParams, closureQuery } from './service-forms.schema.js';
import { servicesPage } from './service-settings.view.js';
import { servicesMessages as sm } from './services.messages.js';

export function registerServiceClosurePages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservation-services/:id/closures/:day',
    summary: 'The bookings left on a closure day of a booking service, to tell or cancel them',
    auth: 'staff',
    params: closureParams,
    query: closureQuery,
    allow: mayManageServices,
    async handler({ req, lang, actor, csrf, params, query }) {
      const t = sm.in(lang);
      const { day } = params;
      const s = await findManagedService(ctx, actor, params.id);
      const items = await bookingsHitByClosure(ctx, actor, s.id, day);
      const closure = (await listExceptions(ctx, s.id, day)).find((e) => e.day === day && e.kind === 'closed');
      const dayText = formatDateLong(day, lang);
      const notifiable = items.filter((i) => i.canNotify).length;
      const toTell = items.filter((i) => i.canNotify && !i.notified).length;
      const base = `/staff/reservation-services/${s.id}`;

      const status =
        query.told !== undefined
          ? notice({
              kind: 'success',
              body: `${t('closureTold', { notified: query.told })}${query.already ? t('closureToldAlready', { already: query.already }) : ''}`,
            })
          : query.cancelled !== undefined
            ? notice({ kind: 'success', body: t('closureCancelled', { cancelled: query.cancelled, notified: query.notified ?? 0 }) })
            : items.length
              ? notice({ kind: 'warning', role: 'status', body: t('closureSaved', { day: dayText, count: items.length }) })
              : html``;

      const list = items.length
        ? html`${dataTable({
            lang,
            caption: t('closureHeading', { day: dayText }),
            hideCaption: true,
            columns: [
              { key: 'number', label: t('colNumber') },
              { key: 'time', label: t('colTime') },
              { key: 'name', label: t('colName') },
              { key: 'channel', label: t('colChannel') },
              { key: 'notice', label: t('colNotice') },
            ],
            rows: items.map((i) => ({
              number: html`<a href="/staff/reservations/${i.id}">${displayNumber(i.reservationNumber)}</a>`,
              time: `${jstTime(i.start)}〜${jstTime(i.end)}`,
              name: i.name ?? t('erased'),
              channel: channelLabel(i.channel, i.createdByStaff, lang),
              notice: i.canNotify
                ? i.notified
                  ? t('toldOfClosure')
                  : t('canBeSent')
                : html`${t('cannotBeSent')}${i.phone ? html`<br>${formatPhoneJp(i.phone)}` : ''}`,
            })),
          })}
<h2>${t('keepAndTell')}</h2>
<form method="post" action="${base}/closures/${day}/notify">${csrfInput(csrf)}
  ${textArea({
    lang,
    name: 'message',
    id: 'closure-message',
    label: t('noticeMessage'),
    markOptional: false,
    hint: t('noticeMessageHint', { count: toTell }),
    maxLength: 500,
    value: closure?.note || t('defaultNoticeMessage'),
  })}
  <p><button${attrs({ type: 'submit', class: 'button', disabled: !toTell })}>${t('reviewNotice')}</button></p>
</form>
<h2>${t('cancelAndTell')}</h2>
<form method="post" action="${base}/closures/${day}">${csrfInput(csrf)}
  ${textArea({
    lang,
    name: 'reason',
    id: 'closure-reason',
    label: t('cancelReason'),
    markOptional: false,
    hint: t('cancelReasonHint', { notifiable, others: items.length - notifiable }),
    maxLength: 500,
    value: closure?.note || t('defaultCancelReason'),
  })}
  <p>${button({ label: t('cancelAll', { count: items.length }), kind: 'danger' })}
  <a href="${base}">${t('backWithoutCancelling')}</a></p>
</form>`
        : html`<p>${t('noBookingsLeft')}</p><p><a href="${base}">${t('backToSettings')}</a></p>`;

      return servicesPage(
        req,
        t('closureTitle', { day: dayText }),
        html`${status}
<h1 class="page-title">${t('closureHeading', { day: dayText })}</h1>
<p>${s.name}${closure?.note ? `　${closure.note}` : ''}</p>
${list}`,
      );
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/closures/:day',
    summary: 'Cancel every booking left on a closure day, each with a notice',
    auth: 'staff',
    params: closureParams,
    allow: mayManageServices,
    body: closureCancelForm,
    async handler({ req, actor, params, body }) {
      const s = await findManagedService(ctx, actor, params.id);
      const r = await cancelForClosure(ctx, actor, s.id, params.day, body.reason, auditContextOf(req));
      return redirect(`/staff/reservation-services/${s.id}/closures/${params.day}?cancelled=${r.cancelled}&notified=${r.notified}`);
    },
  });
}
