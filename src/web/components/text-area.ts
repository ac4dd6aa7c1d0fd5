/** A multi-line text field with label, hint and error. */
import { attrs, html, type AttrValue, type SafeHtml } from '../html.js';
import { controlAria, fieldParts, type FieldBase } from './field-frame.js';

export type TextAreaOptions = FieldBase & {
  value?: string | null;
  rows?: number;
  maxLength?: number;
  autocomplete?: string;
  attributes?: Record<string, AttrValue>;
};

/** Like textField, with a `<textarea>` whose content is the escaped value. */
export function textArea(o: TextAreaOptions): SafeHtml {
  const p = fieldParts(o);
  const a = attrs({
    ...o.attributes,
    id: p.id,
    name: o.name,
    rows: o.rows,
    maxlength: o.maxLength,
    autocomplete: o.autocomplete,
    ...controlAria(p, o.required),
  });
  return html`<div class="form-field">
  <label for="${p.id}">${o.label}${p.marker}</label>${p.hint}${p.error}
  <textarea${a}>${o.value ?? ''}</textarea>
</div>`;
}
