/**
 * A date: the browser's own date input (a calendar picker on phones), with the entered date also
 * written in 和暦 under it (令和8年12月1日), since many forms and certificates use the era year.
 */
import { attrs, html, type AttrValue, type SafeHtml } from '../html.js';
import { controlAria, fieldParts, type FieldBase } from './field-frame.js';
import { formatWareki } from './wareki.js';

export type DateFieldOptions = FieldBase & {
  /** 'YYYY-MM-DD', or whatever was typed (kept on error; the 和暦 line shows only for a real date). */
  value?: string | null;
  min?: string;
  max?: string;
  autocomplete?: string;
  attributes?: Record<string, AttrValue>;
};

export function dateField(o: DateFieldOptions): SafeHtml {
  const value = o.value ?? '';
  const wareki = formatWareki(value, o.lang);
  const base = fieldParts(o);
  // The 和暦 line is read with the input too, after the hint and the error.
  const p = wareki ? { ...base, describedBy: [base.describedBy, `${base.id}-wareki`].filter(Boolean).join(' ') } : base;
  const a = attrs({
    ...o.attributes,
    id: p.id,
    name: o.name,
    type: 'date',
    value,
    min: o.min,
    max: o.max,
    autocomplete: o.autocomplete,
    ...controlAria(p, o.required),
  });
  return html`<div class="form-field">
  <label for="${p.id}">${o.label}${p.marker}</label>${p.hint}${p.error}
  <input${a}>
  ${wareki ? html`<span class="wareki" id="${p.id}-wareki">${wareki}</span>` : ''}
</div>`;
}
