/**
 * The list of a refused form's problems at the top of the page, each linking to its field. It takes
 * focus on arrival (autofocus: no script needed, the CSP forbids inline script) so a screen reader
 * reads it first; role="alert" announces it.
 */
import { html, type SafeHtml } from '../html.js';
import { fieldId as defaultFieldId } from './field-frame.js';
import type { FieldMessage } from './types.js';

export type ErrorSummaryOptions = {
  /** E.g. 「入力内容を確認してください」. */
  title: string;
  errors: readonly FieldMessage[];
  /** The id of the control a field's error links to; default fieldId(field), as the fields use. */
  fieldId?: (field: string) => string;
  /** Field labels by field key: written before each message ("電話番号: …"). */
  labels?: Readonly<Record<string, string>>;
  /** Default 'error-summary'. */
  id?: string;
};

/** Nothing when there are no errors. */
export function errorSummary(o: ErrorSummaryOptions): SafeHtml {
  if (!o.errors.length) return html``;
  const idOf = o.fieldId ?? defaultFieldId;
  return html`<div class="notice notice--error error-summary" role="alert" tabindex="-1" id="${o.id ?? 'error-summary'}" autofocus>
  <h2>${o.title}</h2>
  <ul>${o.errors.map((e) => {
    const label = o.labels?.[e.field];
    return html`<li><a href="#${idOf(e.field)}">${label ? `${label}: ` : ''}${e.message}</a></li>`;
  })}</ul>
</div>`;
}
