/** /staff/procedures — the procedures of the departments the person administers, with their status and period. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { dataTable, linkButton } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { managedDepartmentIds } from '../find-managed-procedure.js';
import { listProceduresForStaff } from '../read-procedures.js';
import { builderMessages as bm } from './builder.messages.js';
import { builderPage, doneNotice, doneQuery, periodText, statusText, textIn } from './builder.view.js';

export function registerProcedureListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures',
    summary: 'Procedures of the departments the person administers',
    auth: 'staff',
    query: doneQuery,
    allow: (actor) => managedDepartmentIds(actor).length > 0,
    deny: 403,
    async handler(i) {
      const t = bm.in(i.lang);
      const rows = await listProceduresForStaff(ctx.db, i.actor);
      const main = html`<h1 class="page-title">${t('title')}</h1>
${doneNotice(i.lang, i.query.done)}
<p>${t('intro')}</p>
<p>${linkButton({ href: '/staff/procedures/new', label: t('newProcedure') })} ${linkButton({ href: '/staff/procedures/import', label: t('importProcedure'), kind: 'secondary' })}</p>
${dataTable({
  lang: i.lang,
  caption: t('title'),
  hideCaption: true,
  emptyText: t('none'),
  columns: [
    { key: 'title', label: t('colTitle') },
    { key: 'department', label: t('colDepartment') },
    { key: 'status', label: t('colStatus') },
    { key: 'period', label: t('colPeriod') },
  ],
  rows: rows.map((p) => ({
    title: html`<a href="/staff/procedures/${p.id}">${textIn(p.title, i.lang)}</a>`,
    department: i.lang === 'en' && p.departmentNameEn ? p.departmentNameEn : p.departmentName,
    status: statusText(i.lang, p, { version: p.newestVersion, isDraft: p.hasDraft }),
    period: periodText(i.lang, p.opensAt, p.closesAt),
  })),
})}`;
      return builderPage(i.req, t('title'), main);
    },
  });
}
