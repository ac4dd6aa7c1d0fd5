/**
 * POST /staff/reservation-services/:id/closures/:day/notify — "keep the bookings, tell them": the
 * first POST shows what will be sent and to how many; the second (confirm=1) sends.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong, jstTime } from '../../../platform/japan-time.js';
import { csrfInput, notice } from '../../../web/components/index.js';
import { attrs, html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { bookingsHitByClosure, notifyForClosure } from '../closure-bookings.js';
import { findManagedService } from '../manage-services.js';
import { displayNumber } from '../reservation-number.js';
import { mayManageServices } from './service-edit.page.js';
import { closureNotifyForm, closureParams } from './service-forms.schema.js';
import { servicesPage } from './service-settings.view.js';
import { servicesMessages as sm } from './services.messages.js';

export function registerServiceClosureNoticePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/reservation-services/:id/closures/:day/notify',
    summary: 'Review, then send, the closure notice to the bookings of a closure day',
    auth: 'staff',
    params: closureParams,
    allow: mayManageServices,
    body: closureNotifyForm,
    async handler({ req, lang, actor, csrf, params, body }) {
      const s = await findManagedService(ctx, actor, params.id);
      const { day } = params;
      const base = `/staff/reservation-services/${s.id}/closures/${day}`;
      if (body.confirm === '1') {
        const r = await notifyForClosure(ctx, actor, s.id, day, body.message, auditContextOf(req));
        return redirect(`${base}?told=${r.notified}&already=${r.alreadyNotified}`);
      }
      const t = sm.in(lang);
      const items = await bookingsHitByClosure(ctx, actor, s.id, day);
      const toTell = items.filter((i) => i.canNotify && !i.notified);
      const unreachable = items.filter((i) => !i.canNotify);
      const dayText = formatDateLong(day, lang);
      return servicesPage(
        req,
        t('notifyTitle', { day: dayText }),
        html`<h1 class="page-title">${t('notifyHeading', { day: dayText })}</h1>
<p>${s.name}</p>
<p>${t('notifyIntro', { count: toTell.length })}</p>
<ul>${toTell.map((i) => html`<li>${displayNumber(i.reservationNumber)} ${jstTime(i.start)}〜${jstTime(i.end)} ${i.name ?? ''}</li>`)}</ul>
<h2>${t('message')}</h2>
<blockquote>${body.message || t('noMessage')}</blockquote>
${unreachable.length ? notice({ kind: 'warning', body: t('unreachable', { count: unreachable.length }) }) : html``}
<form method="post" action="${base}/notify">${csrfInput(csrf)}
  <input type="hidden" name="message" value="${body.message}"><input type="hidden" name="confirm" value="1">
  <p><button${attrs({ type: 'submit', class: 'button', disabled: !toTell.length })}>${t('sendNotice', { count: toTell.length })}</button>
  <a href="${base}">${t('backWithoutSending')}</a></p>
</form>`,
      );
    },
  });
}
