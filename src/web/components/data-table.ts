/**
 * A table of records with a caption, optional sorting by column (links; aria-sort on the sorted
 * header) and paging (previous / next links), inside a `.table-wrap` that scrolls sideways on a
 * phone instead of the page.
 */
import type { Lang } from '../../http/i18n.js';
import { attrs, html, type SafeHtml } from '../html.js';
import { cm } from './messages.js';

export type SortDir = 'asc' | 'desc';
export type Cell = string | number | SafeHtml | null | undefined;

export type DataColumn<K extends string> = {
  key: K;
  label: string;
  sortable?: boolean;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
};

export type DataTableOptions<K extends string> = {
  caption: string;
  columns: readonly DataColumn<K>[];
  /** One record per row, a cell per column key (strings are escaped; markup such as links is used as given). */
  rows: readonly Readonly<Record<K, Cell>>[];
  lang: Lang;
  /** The column whose cells name the row (th scope="row"); default none. */
  rowHeader?: K;
  sort?: { key: K; dir: SortDir };
  /** The URL showing the table sorted by `key` in `dir`; needed when a column is sortable. */
  hrefForSort?: (key: K, dir: SortDir) => string;
  paging?: { page: number; hasNext: boolean; hrefFor: (page: number) => string };
  /** Shown instead of the table when there are no rows; default 「該当するものはありません。」. */
  emptyText?: string;
  /** Shows the caption to screen readers only (when a heading right above says the same). */
  hideCaption?: boolean;
  /** The table's id (its caption gets `<id>-caption`); default derived from the caption. */
  id?: string;
  /** A class for a row (e.g. its record's state, for styling); by the row's index in `rows`. */
  rowClass?: (index: number) => string | undefined;
};

/** A stable id from the caption, so a page renders the same markup every time. */
function idFrom(caption: string): string {
  let h = 0;
  for (const ch of caption) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `table-${h.toString(36)}`;
}

function header<K extends string>(o: DataTableOptions<K>, c: DataColumn<K>): SafeHtml {
  const sorted = o.sort?.key === c.key ? o.sort.dir : undefined;
  const a = attrs({
    scope: 'col',
    class: c.numeric ? 'numeric' : undefined,
    'aria-sort': sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined,
  });
  if (!c.sortable || !o.hrefForSort) return html`<th${a}>${c.label}</th>`;
  // A click on the sorted column reverses it; any other column starts ascending.
  const next: SortDir = sorted === 'asc' ? 'desc' : 'asc';
  const arrow = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '⇅';
  return html`<th${a}><a class="sort-link" href="${o.hrefForSort(c.key, next)}">${c.label}${
    sorted ? html`<span class="visually-hidden">${cm(o.lang, sorted === 'asc' ? 'sortedAscending' : 'sortedDescending')}</span>` : ''
  }<span class="sort-icon" aria-hidden="true">${arrow}</span></a></th>`;
}

function pager(lang: Lang, caption: string, p: NonNullable<DataTableOptions<string>['paging']>): SafeHtml {
  if (p.page <= 1 && !p.hasNext) return html``;
  return html`<nav class="pager" aria-label="${cm(lang, 'pagesOf', { caption })}">
  ${p.page > 1 ? html`<a href="${p.hrefFor(p.page - 1)}" rel="prev">${cm(lang, 'previousPage')}</a>` : html`<span></span>`}
  <span aria-current="page">${cm(lang, 'pageNumber', { page: p.page })}</span>
  ${p.hasNext ? html`<a href="${p.hrefFor(p.page + 1)}" rel="next">${cm(lang, 'nextPage')}</a>` : html`<span></span>`}
</nav>`;
}

export function dataTable<K extends string>(o: DataTableOptions<K>): SafeHtml {
  const paging = o.paging ? pager(o.lang, o.caption, o.paging) : html``;
  if (!o.rows.length) return html`<p class="muted">${o.caption}: ${o.emptyText ?? cm(o.lang, 'noRows')}</p>${paging}`;
  const id = o.id ?? idFrom(o.caption);
  // A region that scrolls sideways must be reachable by keyboard (tabindex) and named (its caption).
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-caption">
<table class="data-table" id="${id}">
  <caption${attrs({ id: `${id}-caption`, class: o.hideCaption ? 'visually-hidden' : undefined })}>${o.caption}</caption>
  <thead><tr>${o.columns.map((c) => header(o, c))}</tr></thead>
  <tbody>${o.rows.map(
    (r, i) =>
      html`<tr${attrs({ class: o.rowClass?.(i) })}>${o.columns.map((c) => {
        const a = attrs({ class: c.numeric ? 'numeric' : undefined });
        const v = r[c.key];
        return c.key === o.rowHeader ? html`<th scope="row"${a}>${v ?? ''}</th>` : html`<td${a}>${v ?? ''}</td>`;
      })}</tr>`,
  )}</tbody>
</table>
</div>${paging}`;
}
