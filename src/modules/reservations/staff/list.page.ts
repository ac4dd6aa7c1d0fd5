/** /staff/reservations/list — bookings of a period with filters (service, status, number); department-scoped and audited. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { addDays, formatDateLong, jstDate } from '../../../platform/japan-time.js';
import { button, dateField, selectField, textField } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { STATUS_LABELS, listForStaff, servicesForStaff } from '../staff-queries.js';
import { staffMessages } from './staff.messages.js';
import { listQuery } from './staff.schemas.js';
import { bookingsTable, reservationsPage, serviceOptions } from './staff.view.js';

export function registerListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations/list',
    summary: 'Bookings of a period with filters (department-scoped, audited)',
    auth: 'staff',
    query: listQuery,
    async handler({ req, actor, query: q, csrf }) {
      const lang = req.lang;
      const t = staffMessages.in(lang);
      const from = q.from ?? jstDate(ctx.clock.now());
      // an end before the start or more than a year after it falls back to two weeks
      const to = q.to && q.to >= from && q.to <= addDays(from, 366) ? q.to : addDays(from, 13);
      const services = await servicesForStaff(ctx, actor);
      const serviceId = services.some((s) => s.id === q.serviceId) ? q.serviceId : undefined;
      const number = q.number?.trim() || undefined;
      const items = await listForStaff(ctx, actor, { from, to, serviceId, status: q.status, number }, auditContextOf(req));
      const back = `/staff/reservations/list?from=${from}&to=${to}`;
      const base = { lang, markOptional: false };
      const main = html`<h1 class="page-title">${t('listHeading')}</h1>
<form method="get" action="/staff/reservations/list" class="filters">
  ${dateField({ ...base, name: 'from', id: 'f-from', label: t('from'), value: from })}
  ${dateField({ ...base, name: 'to', id: 'f-to', label: t('to'), value: to })}
  ${selectField({ ...base, name: 'serviceId', id: 'f-serviceId', label: t('service'), value: serviceId, emptyLabel: t('allServices'), options: serviceOptions(lang, services) })}
  ${selectField({
    ...base,
    name: 'status',
    id: 'f-status',
    label: t('status'),
    value: q.status,
    emptyLabel: t('all'),
    options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label: label[lang] })),
  })}
  ${textField({ ...base, name: 'number', id: 'f-number', type: 'search', label: t('number'), value: number })}
  ${button({ label: t('search'), kind: 'secondary' })}
</form>
<p>${t('count', { count: items.length })}</p>
${bookingsTable(lang, csrf, { caption: t('listCaption', { from: formatDateLong(from, lang), to: formatDateLong(to, lang) }), items, back, withDate: true })}`;
      return reservationsPage(req, { title: t('listTitle'), tab: 'list', main });
    },
  });
}
