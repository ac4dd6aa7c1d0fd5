/**
 * /staff/privacy — the inventory (データ項目台帳) by department, then procedure or service: its items with
 * category, sensitivity, protection, records and retention, and the scope's records, people and oldest
 * record; filters by department and module. /staff/privacy/inventory.csv — the same rows for Excel.
 * The privacy officer (sys-admin) sees every scope, a department head their departments' scopes; other
 * staff get 403. Each view and export is audited.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, sent } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { csvContentType } from '../../../platform/csv/write.js';
import type { Lang } from '../../../platform/i18n.js';
import { formatJstDateTime, jstDate } from '../../../platform/japan-time.js';
import { button, dataTable, selectField } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { auditContextOf } from '../../audit/index.js';
import { renderStaffPage } from '../../staff/index.js';
import type { RegisterSource } from '../privacy-part.js';
import { privacyMessages } from '../privacy.messages.js';
import { canReadInventory, inventoryDepartments } from '../privacy.policy.js';
import { encodeInventoryCsv } from './inventory-csv.js';
import { byDepartment, departmentLabel, filterScopes, type InventoryFilter, moduleLabel, oldestDay } from './inventory-format.js';
import type { InventoryReport, InventoryScope } from './inventory-report.js';
import { inventoryMessages } from './inventory.messages.js';
import { auditInventory, inventoryFor } from './view-inventory.js';

export const INVENTORY_URL = '/staff/privacy';

/** An empty select ("all") is no filter. */
const filterValue = z
  .string()
  .max(100)
  .optional()
  .transform((v) => v || undefined);
const filterQuery = z.object({ department: filterValue, module: filterValue });
const csvQuery = filterQuery.extend({ encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8') });

export const scopeHref = (scopeId: string) => `${INVENTORY_URL}/scopes/${encodeURIComponent(scopeId)}`;

function query(f: InventoryFilter & { encoding?: string }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function filterForm(report: InventoryReport, f: InventoryFilter, lang: Lang) {
  const t = inventoryMessages.in(lang);
  const departments = byDepartment(report.scopes).map((g) => ({
    value: g.department?.id ?? 'none',
    label: departmentLabel(g.department, lang),
  }));
  const modules = [...new Set(report.scopes.map((s) => s.module))].sort().map((m) => ({ value: m, label: moduleLabel(m, lang) }));
  const base = { lang, markOptional: false };
  return html`<form method="get" action="${INVENTORY_URL}" class="card" aria-label="${t('filterTitle')}">
  ${selectField({ ...base, name: 'department', label: t('department'), value: f.department, emptyLabel: t('all'), options: departments })}
  ${selectField({ ...base, name: 'module', label: t('module'), value: f.module, emptyLabel: t('all'), options: modules })}
  ${button({ label: t('filterButton') })}
</form>`;
}

function scopeSection(s: InventoryScope, index: number, lang: Lang) {
  const t = inventoryMessages.in(lang);
  const p = privacyMessages.in(lang);
  const label = s.scope.label[lang];
  return html`<section>
<h3><a href="${scopeHref(s.scope.id)}">${label}</a> <span class="muted">${moduleLabel(s.module, lang)}</span></h3>
<p>${t('scopeSummary', { records: s.records, people: s.people, oldest: oldestDay(s.oldest) || t('none') })}</p>
${dataTable({
  lang,
  id: `inventory-items-${index}`,
  caption: t('itemsCaption', { scope: label }),
  hideCaption: true,
  emptyText: t('noItems'),
  rowHeader: 'item',
  columns: [
    { key: 'item', label: t('item') },
    { key: 'category', label: t('category') },
    { key: 'sensitive', label: t('sensitive') },
    { key: 'protection', label: t('encrypted') },
    { key: 'records', label: t('records'), numeric: true },
    { key: 'retention', label: t('retention') },
  ],
  rows: s.items.map((i) => ({
    item: i.label[lang],
    category: p(`category.${i.category}`),
    sensitive: i.isSensitive ? html`<span class="badge">${p('sensitive')}</span>` : '',
    protection: p(`protection.${i.storedAt[0]?.protection ?? 'plain'}`),
    records: i.records,
    retention: i.retention[lang],
  })),
})}
</section>`;
}

export function registerInventoryPage(app: FastifyInstance, ctx: AppContext, registers: RegisterSource): void {
  definePage(app, {
    method: 'GET',
    url: INVENTORY_URL,
    summary: 'The personal data inventory by department and scope (privacy officer: all; department heads: their departments)',
    auth: 'staff',
    query: filterQuery,
    allow: canReadInventory,
    deny: 403,
    async handler({ req, lang, actor, query: f }) {
      const t = inventoryMessages.in(lang);
      const report = await inventoryFor(ctx, registers, actor);
      const shown = filterScopes(report.scopes, f);
      let index = 0;
      const main = html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${inventoryDepartments(actor) === 'all' ? '' : html`<p>${t('introDepartment')}</p>`}
<p class="muted">${t('generatedAt', { time: formatJstDateTime(new Date(report.generatedAt), lang) })}</p>
${filterForm(report, f, lang)}
<p><a href="${INVENTORY_URL}/inventory.csv${query(f)}" download>${t('downloadCsv')}</a>
 (<a href="${INVENTORY_URL}/inventory.csv${query({ ...f, encoding: 'shift_jis' })}" download>${t('downloadCsvSjis')}</a>)</p>
${
  shown.length
    ? byDepartment(shown).map(
        (g) => html`<h2>${departmentLabel(g.department, lang)}</h2>
${g.scopes.map((s) => scopeSection(s, index++, lang))}`,
      )
    : html`<p>${t('noScopes')}</p>`
}`;
      await auditInventory(ctx, auditContextOf(req), {
        action: 'privacy.inventory_viewed',
        detail: { department: f.department ?? null, module: f.module ?? null, scopes: shown.length },
      });
      return renderStaffPage(req, { title: t('title'), main, active: 'privacy' });
    },
  });

  definePage(app, {
    method: 'GET',
    url: `${INVENTORY_URL}/inventory.csv`,
    summary: 'The personal data inventory as CSV, one row per scope and item (same scoping as the page; audited)',
    auth: 'staff',
    query: csvQuery,
    allow: canReadInventory,
    deny: 403,
    async handler({ req, reply, lang, actor, query: f }) {
      const report = await inventoryFor(ctx, registers, actor);
      const shown = { ...report, scopes: filterScopes(report.scopes, f) };
      const out = encodeInventoryCsv(shown, lang, f.encoding);
      await auditInventory(ctx, auditContextOf(req), {
        action: 'privacy.inventory_exported',
        detail: {
          department: f.department ?? null,
          module: f.module ?? null,
          scopes: shown.scopes.length,
          rows: shown.scopes.reduce((n, s) => n + s.items.length, 0),
          encoding: f.encoding,
        },
      });
      const day = jstDate(new Date(report.generatedAt)).replaceAll('-', '');
      reply
        .header('Content-Type', csvContentType(f.encoding))
        .header('Content-Disposition', `attachment; filename="privacy-inventory-${day}.csv"`)
        .header('X-Unencodable-Characters', String(out.unencodable));
      await reply.send(out.body);
      return sent;
    },
  });
}
