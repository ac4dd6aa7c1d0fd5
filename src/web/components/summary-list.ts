/** Facts as a description list: confirmation pages (確認画面), booking details, records. */
import { html, type SafeHtml } from '../html.js';
import type { Content } from './types.js';

export type SummaryItem = {
  term: string;
  /** An empty string shows `emptyText`. */
  value: Content | number | null | undefined;
  /** A link to change this answer (e.g. back to the form's field). */
  change?: { href: string; label: string };
};

export type SummaryListOptions = {
  items: readonly SummaryItem[];
  /** Shown for an empty value, e.g. 「（なし）」. */
  emptyText?: string;
};

export function summaryList(o: SummaryListOptions): SafeHtml {
  return html`<dl class="facts">${o.items.map((i) => {
    const empty = i.value === null || i.value === undefined || i.value === '';
    return html`<div><dt>${i.term}</dt><dd>${empty ? (o.emptyText ?? '') : i.value}</dd>${
      i.change
        ? html`<dd class="facts__change"><a href="${i.change.href}">${i.change.label}<span class="visually-hidden"> ${i.term}</span></a></dd>`
        : ''
    }</div>`;
  })}</dl>`;
}
