/**
 * /staff/reservations/export/check — "check the CSV's characters first": builds the file (and logs it
 * as an export) but shows only the counts of characters Shift_JIS cannot hold, with the download link.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { formatDateLong } from '../../../platform/japan-time.js';
import { linkButton, notice, summaryList } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { exportQuery } from '../reservations.schemas.js';
import { exportForStaff } from '../staff-queries.js';
import { renderExportForm } from './export.view.js';
import { staffMessages } from './staff.messages.js';
import { reservationsPage } from './staff.view.js';

export function registerExportCheckPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/reservations/export/check',
    summary: "Count the characters the CSV's encoding cannot hold before downloading (audited as an export)",
    auth: 'staff',
    query: exportQuery,
    invalid: async ({ req, actor, raw, errors }) => renderExportForm(ctx, req, actor, raw, errors),
    async handler({ req, actor, query: f }) {
      const lang = req.lang;
      const t = staffMessages.in(lang);
      const out = await exportForStaff(ctx, actor, f, f.encoding, auditContextOf(req));
      const qs = new URLSearchParams({
        from: f.from,
        to: f.to,
        encoding: f.encoding,
        ...(f.serviceId ? { serviceId: f.serviceId } : {}),
      }).toString();
      const main = html`<h1 class="page-title">${t('checkTitle')}</h1>
<div class="card">${summaryList({
        items: [
          { term: t('period'), value: t('timeRange', { start: formatDateLong(f.from, lang), end: formatDateLong(f.to, lang) }) },
          { term: t('rows'), value: String(out.count) },
          { term: t('encoding'), value: f.encoding === 'shift_jis' ? 'Shift_JIS (Windows-31J)' : 'UTF-8 (BOM)' },
          { term: t('replaced'), value: html`<span id="unencodable-count">${out.unencodable}</span>` },
          { term: t('dropped'), value: html`<span id="dropped-count">${out.dropped}</span>` },
        ],
      })}</div>
${out.unencodable ? notice({ kind: 'warning', body: t('unencodable', { count: out.unencodable }) }) : notice({ kind: 'success', role: 'none', body: t('allEncodable') })}
<p>${linkButton({ href: `/staff/reservations/export.csv?${qs}`, label: t('download') })} <a href="/staff/reservations/export?${qs}">${t('changeExport')}</a></p>`;
      return reservationsPage(req, { title: t('checkTitle'), tab: 'export', main });
    },
  });
}
