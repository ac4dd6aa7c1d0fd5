/** /facility/counts — the months with child counts of the session's facility, with the facility's answer to each. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { dataTable } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { renderFacilityPage } from '../../shared/facility-shell.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { countMessages } from '../counts.messages.js';
import { monthText } from '../counts.view.js';
import { countMonthsOf } from '../read-counts.js';

export function registerFacilityMonthsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/counts',
    summary: "The months with child counts of the session's facility",
    auth: 'facility',
    async handler(i) {
      const t = countMessages.in(i.lang);
      const [months, profile] = await Promise.all([
        countMonthsOf(ctx.db, i.actor.facilityId),
        loadFacilityProfile(ctx.db, i.actor.facilityId),
      ]);
      const main = html`<h1 class="page-title">${t('facility.listTitle')}</h1>
<p>${t('facility.listIntro')}</p>
${dataTable({
  caption: t('facility.monthsCaption'),
  lang: i.lang,
  rowHeader: 'month',
  columns: [
    { key: 'month', label: t('facility.month') },
    { key: 'status', label: t('status') },
    { key: 'total', label: t('total'), numeric: true },
  ],
  rows: months.map((x) => ({
    month: html`<a href="/facility/counts/${x.month}">${monthText(x.month, i.lang)}</a>`,
    status: codeLabel('countStatus', x.status, i.lang),
    total: t('children', { count: x.total }),
  })),
  emptyText: t('noCounts'),
})}`;
      return renderFacilityPage(i.req, i.actor, { title: t('facility.listTitle'), main, active: 'counts', facilityName: profile?.name });
    },
  });
}
