/** A drop-down list with label, hint and error. */
import { attrs, html, type AttrValue, type SafeHtml } from '../html.js';
import { controlAria, fieldParts, type FieldBase } from './field-frame.js';

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldOptions = FieldBase & {
  options: readonly SelectOption[];
  /** The selected value; kept on error even when it is not among the options (nothing is selected then). */
  value?: string | null;
  /** A first option with the empty value, e.g. 「選択してください」. */
  emptyLabel?: string;
  attributes?: Record<string, AttrValue>;
};

export function selectField(o: SelectFieldOptions): SafeHtml {
  const p = fieldParts(o);
  const a = attrs({ ...o.attributes, id: p.id, name: o.name, ...controlAria(p, o.required) });
  return html`<div class="form-field">
  <label for="${p.id}">${o.label}${p.marker}</label>${p.hint}${p.error}
  <select${a}>
    ${o.emptyLabel !== undefined ? html`<option value=""${attrs({ selected: !o.value })}>${o.emptyLabel}</option>` : ''}
    ${o.options.map((x) => html`<option${attrs({ value: x.value, selected: x.value === o.value, disabled: x.disabled })}>${x.label}</option>`)}
  </select>
</div>`;
}
