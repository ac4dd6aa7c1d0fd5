/**
 * Radio buttons and checkboxes: a `<fieldset>` whose `<legend>` is the question, one labelled input per
 * choice. The first input gets the field's id, so the error summary's link lands on a control.
 */
import { attrs, html, type SafeHtml } from '../html.js';
import { fieldParts, type FieldBase } from './field-frame.js';

export type Choice = { value: string; label: string; hint?: string; disabled?: boolean };

type ChoiceListBase = FieldBase & {
  choices: readonly Choice[];
  /** Lays the choices out in a row where they fit (short answers such as はい / いいえ). */
  inline?: boolean;
};

export type RadiosOptions = ChoiceListBase & { value?: string | null };
export type CheckboxesOptions = ChoiceListBase & { values?: readonly string[] };

function choiceList(o: ChoiceListBase, type: 'radio' | 'checkbox', isChecked: (v: string) => boolean): SafeHtml {
  const p = fieldParts(o);
  // Each checkbox is optional on its own; `required` on a radio makes the group required.
  const required = type === 'radio' && !!o.required;
  return html`<fieldset class="form-field"${attrs({ 'aria-describedby': p.describedBy })}>
  <legend>${o.label}${p.marker}</legend>${p.hint}${p.error}
  <div class="${o.inline ? 'choice-row' : 'choice-list'}">
  ${o.choices.map((c, i) => {
    const id = i === 0 ? p.id : `${p.id}-${i + 1}`;
    const hintId = c.hint ? `${id}-hint` : undefined;
    return html`<div class="choice"><input${attrs({
      type,
      id,
      name: o.name,
      value: c.value,
      checked: isChecked(c.value),
      disabled: c.disabled,
      required,
      'aria-invalid': p.hasError ? 'true' : undefined,
      'aria-describedby': hintId,
    })}><label for="${id}">${c.label}</label>${c.hint ? html`<span class="hint" id="${hintId}">${c.hint}</span>` : ''}</div>`;
  })}
  </div>
</fieldset>`;
}

/** One answer out of several. */
export function radios(o: RadiosOptions): SafeHtml {
  return choiceList(o, 'radio', (v) => v === (o.value ?? undefined));
}

/** Any number of answers; the form posts `name` once per ticked box. */
export function checkboxes(o: CheckboxesOptions): SafeHtml {
  const ticked = new Set(o.values ?? []);
  return choiceList(o, 'checkbox', (v) => ticked.has(v));
}
