/**
 * What every form field shares: the id convention, the 必須/任意 marker, the hint and the error
 * message, and the aria wiring between them. Internal to the components; screens use textField & co.
 */
import type { Lang } from '../../http/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { cm } from './messages.js';
import type { Content, FieldMessage } from './types.js';

/** Options every field takes. */
export type FieldBase = {
  /** The form name of the control (what the body schema reads). */
  name: string;
  /** The label, already translated; 必須/任意 is added by the component. */
  label: string;
  lang: Lang;
  /** The control's id; default fieldId(name). The error summary links here. */
  id?: string;
  hint?: Content;
  required?: boolean;
  /** Writes 任意 after an optional field's label (default true). */
  markOptional?: boolean;
  /** This field's message (already translated) … */
  error?: string;
  /** … or the whole form's errors; the ones whose `field` is `errorKey` (default `name`) are shown. */
  errors?: readonly FieldMessage[];
  errorKey?: string;
};

/** The id a field gets from its name (or error key) unless given one: the error summary's default too. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export type FieldParts = {
  id: string;
  marker: SafeHtml;
  hint: SafeHtml;
  error: SafeHtml;
  hasError: boolean;
  /** The ids to put in aria-describedby (hint, then error), or undefined when none. */
  describedBy: string | undefined;
};

/** The message shown for this field, joining several when a list holds more than one. */
function messageOf(o: FieldBase): string | undefined {
  const key = o.errorKey ?? o.name;
  const all = [...(o.error ? [o.error] : []), ...(o.errors ?? []).filter((e) => e.field === key).map((e) => e.message)];
  return all.length ? all.join(' ') : undefined;
}

export function fieldParts(o: FieldBase): FieldParts {
  const id = o.id ?? fieldId(o.errorKey ?? o.name);
  const message = messageOf(o);
  const marker = o.required
    ? html`<span class="required">${cm(o.lang, 'required')}</span>`
    : o.markOptional === false
      ? html``
      : html`<span class="optional">${cm(o.lang, 'optional')}</span>`;
  const hint = o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : html``;
  const error = message
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${cm(o.lang, 'errorPrefix')} </span>${message}</p>`
    : html``;
  const ids = [o.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean);
  return { id, marker, hint, error, hasError: !!message, describedBy: ids.length ? ids.join(' ') : undefined };
}

/** Attributes a control of the field carries: required, aria-invalid and aria-describedby. */
export function controlAria(p: FieldParts, required: boolean | undefined) {
  return { required: !!required, 'aria-invalid': p.hasError ? 'true' : undefined, 'aria-describedby': p.describedBy };
}
