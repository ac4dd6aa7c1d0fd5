/**
 * One field of a procedure as a form control built from the component layer (label, help, error, the
 * value typed echoed back): the staff preview uses it, and so can any page that renders a procedure.
 * Date fields use the date component (native picker plus 和暦); フリガナ, phone, e-mail and postal code
 * get the input modes and autocomplete hints phones need.
 */
import type { Lang } from '../../../platform/i18n.js';
import { checkboxes, dateField, type FieldMessage, radios, selectField, textArea, textField } from '../../../web/components/index.js';
import type { SafeHtml } from '../../../web/html.js';
import type { FieldDefinition } from './definition.js';
import type { AnswerValue } from './validate-answers.js';

const text = (t: { ja: string; en?: string } | undefined, lang: Lang) => (t ? (lang === 'en' && t.en ? t.en : t.ja) : undefined);

export function fieldControl(field: FieldDefinition, o: { lang: Lang; value?: AnswerValue; errors?: readonly FieldMessage[] }): SafeHtml {
  const base = {
    name: field.key,
    label: text(field.label, o.lang) as string,
    hint: text(field.help, o.lang),
    lang: o.lang,
    required: field.required,
    errors: o.errors ?? [],
  };
  const one = Array.isArray(o.value) ? (o.value[0] ?? '') : (o.value ?? '');
  const choices = (field.options ?? []).map((x) => ({ value: x.value, label: text(x.label, o.lang) as string }));
  const max = field.validation.maxLength;
  switch (field.type) {
    case 'longText':
      return textArea({ ...base, value: one, rows: 5, maxLength: max });
    case 'date':
      return dateField({ ...base, value: one, min: field.validation.minDate === 'today' ? undefined : field.validation.minDate });
    case 'number':
      return textField({ ...base, value: one, inputmode: field.validation.integer ? 'numeric' : 'decimal' });
    case 'choice':
      if (field.display === 'checkboxes')
        return checkboxes({ ...base, choices, values: Array.isArray(o.value) ? o.value : o.value ? [o.value] : [] });
      if (field.display === 'select') return selectField({ ...base, options: choices, value: one });
      return radios({ ...base, choices, value: one });
    case 'phone':
      return textField({ ...base, type: 'tel', value: one, autocomplete: 'tel-national', inputmode: 'tel' });
    case 'email':
      return textField({ ...base, type: 'email', value: one, autocomplete: 'email', inputmode: 'email', maxLength: max });
    case 'postalCode':
      return textField({ ...base, value: one, autocomplete: 'postal-code', inputmode: 'numeric', maxLength: 10 });
    case 'kana':
      return textField({ ...base, value: one, maxLength: max, attributes: { spellcheck: false } });
    case 'file':
      // The component layer has no file input yet; textField writes the same label/hint/error frame.
      return textField({ ...base, type: 'file' as 'text', value: '', attributes: { accept: '.pdf,.jpg,.jpeg,.png,.heic' } });
    default:
      return textField({ ...base, value: one, maxLength: max });
  }
}
