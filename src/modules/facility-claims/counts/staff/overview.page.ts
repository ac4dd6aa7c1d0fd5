/**
 * /staff/facility-counts — a month's child counts for the city: every facility with its total and its answer
 * (未確認・確認済み・照会中・回答済み), the totals by class over all facilities, and the months imported.
 * Both childcare divisions; other departments get 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, dataTable, errorSummary, type FieldMessage, linkButton, textField } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import { canFacility } from '../../facility.policy.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { countMessages } from '../counts.messages.js';
import { overviewQuery } from '../counts.schemas.js';
import { countsTable, monthText } from '../counts.view.js';
import { importedMonths, monthOverview } from '../read-counts.js';

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: StaffActor,
  o: { month: string; raw: string; errors: FieldMessage[] },
): Promise<string> {
  const t = countMessages.in(lang);
  const [overview, months] = await Promise.all([monthOverview(ctx.db, o.month), importedMonths(ctx.db)]);
  const title = t('staff.title', { month: monthText(o.month, lang) });
  const s = overview.statusCounts;
  const main = html`<h1 class="page-title">${title}</h1>
<p>${t('staff.intro')}</p>
${canFacility(actor, 'import-counts', ctx.config) ? html`<p>${linkButton({ href: '/staff/facility-counts/import', label: t('staff.importLink'), kind: 'secondary' })}</p>` : ''}
${errorSummary({ title: t('checkInput'), errors: o.errors })}
<form method="get" action="/staff/facility-counts" class="inline-form">
  ${textField({ name: 'month', label: t('staff.month'), hint: t('staff.importMonthHint'), lang, value: o.raw, errors: o.errors, maxLength: 7, inputmode: 'numeric', markOptional: false })}
  ${button({ label: t('staff.show'), kind: 'secondary', type: 'submit' })}
</form>
${months.length ? html`<p>${t('staff.months')}: ${months.map((x, k) => html`${k ? t('listSeparator') : ''}<a href="/staff/facility-counts?month=${x}">${monthText(x, lang)}</a>`)}</p>` : ''}
<p>${t('staff.statusCounts', { pending: s.pending, confirmed: s.confirmed, queried: s.queried, answered: s.answered })}</p>
${dataTable({
  caption: t('staff.facilitiesCaption'),
  lang,
  rowHeader: 'code',
  columns: [
    { key: 'code', label: t('facilityCode') },
    { key: 'name', label: t('facility') },
    { key: 'status', label: t('status') },
    { key: 'total', label: t('total'), numeric: true },
  ],
  rows: overview.facilities.map((f) => ({
    code: html`<a href="/staff/facility-counts/${o.month}/${f.code}">${f.code}</a>`,
    name: f.name,
    status: codeLabel('countStatus', f.status, lang),
    total: f.total,
  })),
  emptyText: t('noCounts'),
})}
${countsTable(lang, { caption: t('staff.totalsCaption'), counts: overview.totals, id: 'totals' })}`;
  return renderStaffPage(req, { title, main, active: 'facility-counts' });
}

export function registerOverviewPage(app: FastifyInstance, ctx: AppContext): void {
  const currentMonth = () => new Date(ctx.clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 7);
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-counts',
    summary: "A month's child counts of every facility and the facilities' answers",
    auth: 'staff',
    query: overviewQuery,
    allow: (actor) => canFacility(actor, 'view', ctx.config),
    invalid: async (i) => ({
      html: await render(ctx, i.req, i.lang, i.actor, {
        month: (await importedMonths(ctx.db))[0] ?? currentMonth(),
        raw: i.raw.month ?? '',
        errors: i.errors,
      }),
      status: 422,
    }),
    async handler(i) {
      const month = i.query.month ?? (await importedMonths(ctx.db))[0] ?? currentMonth();
      return render(ctx, i.req, i.lang, i.actor, { month, raw: month, errors: [] });
    },
  });
}
