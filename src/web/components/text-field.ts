/** A one-line text input with label, hint and error (the value is echoed back escaped). */
import { attrs, html, type AttrValue, type SafeHtml } from '../html.js';
import { controlAria, fieldParts, type FieldBase } from './field-frame.js';

export type TextFieldOptions = FieldBase & {
  type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'search' | 'url' | 'time' | 'file';
  /** What the person typed or what is stored; kept on error. */
  value?: string | number | null;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | 'none';
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  /** Extra attributes (e.g. spellcheck, readonly); id, name, value and the aria wiring win over these. */
  attributes?: Record<string, AttrValue>;
};

/**
 * `<div class="form-field">` with `<label for>`, 必須/任意, hint, error and the input. In error the input
 * has aria-invalid="true" and aria-describedby naming the hint and the error.
 */
export function textField(o: TextFieldOptions): SafeHtml {
  const p = fieldParts(o);
  const a = attrs({
    ...o.attributes,
    id: p.id,
    name: o.name,
    type: o.type ?? 'text',
    value: o.value ?? '',
    autocomplete: o.autocomplete,
    inputmode: o.inputmode,
    maxlength: o.maxLength,
    minlength: o.minLength,
    pattern: o.pattern,
    min: o.min,
    max: o.max,
    step: o.step,
    ...controlAria(p, o.required),
  });
  return html`<div class="form-field">
  <label for="${p.id}">${o.label}${p.marker}</label>${p.hint}${p.error}
  <input${a}>
</div>`;
}
