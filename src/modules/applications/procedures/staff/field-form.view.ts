/** The field form of the builder (add and edit share it): every setting of one field, as plain inputs. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  checkboxes,
  csrfInput,
  errorSummary,
  type FieldMessage,
  radios,
  selectField,
  textArea,
  textField,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { FIELD_TYPES, type FieldDefinition, PRIVACY_CLASSES, type ProcedureDefinition } from '../definition.js';
import { builderMessages as bm } from './builder.messages.js';
import { backLink, builderPage, many, one, privacyLabel, textIn, typeLabel } from './builder.view.js';

export type FieldFormView = {
  id: string;
  def: ProcedureDefinition;
  action: string;
  title: string;
  /** The fields before this one (the choices of a condition). */
  earlier: FieldDefinition[];
  newStep: boolean;
  csrf: string;
  raw: Record<string, string | string[]>;
  errors: FieldMessage[];
};

export function renderFieldForm(req: FastifyRequest, lang: Lang, o: FieldFormView): string {
  const t = bm.in(lang);
  const base = { lang, errors: o.errors };
  const raw = o.raw;
  const textFields = o.def.steps.flatMap((s) => s.fields).filter((f) => f.type === 'text' || f.type === 'longText');
  const main = html`<h1 class="page-title">${o.title}</h1>
${errorSummary({ title: t('checkInput'), errors: o.errors })}
<form method="post" action="${o.action}">
  ${csrfInput(o.csrf)}
  <input type="hidden" name="step" value="${one(raw.step)}">
  ${
    o.newStep
      ? html`${textField({ ...base, name: 'stepTitleJa', label: t('stepTitleJa'), required: true, value: one(raw.stepTitleJa), maxLength: 100 })}
  ${textField({ ...base, name: 'stepTitleEn', label: t('stepTitleEn'), value: one(raw.stepTitleEn), maxLength: 100 })}`
      : ''
  }
  ${textField({ ...base, name: 'key', label: t('key'), hint: t('keyHint'), required: true, value: one(raw.key), maxLength: 40, autocomplete: 'off' })}
  ${textField({ ...base, name: 'labelJa', label: t('labelJa'), required: true, value: one(raw.labelJa), maxLength: 100 })}
  ${textField({ ...base, name: 'labelEn', label: t('labelEn'), value: one(raw.labelEn), maxLength: 100 })}
  ${textArea({ ...base, name: 'helpJa', label: t('helpJa'), value: one(raw.helpJa), rows: 2 })}
  ${textArea({ ...base, name: 'helpEn', label: t('helpEn'), value: one(raw.helpEn), rows: 2 })}
  ${selectField({ ...base, name: 'type', label: t('type'), required: true, value: one(raw.type), options: FIELD_TYPES.map((x) => ({ value: x, label: typeLabel(x, lang) })) })}
  ${checkboxes({ ...base, name: 'required', label: t('required'), values: many(raw.required), choices: [{ value: 'yes', label: t('requiredYesChoice') }] })}
  ${selectField({
    ...base,
    name: 'privacy',
    label: t('privacy'),
    required: true,
    value: one(raw.privacy),
    options: PRIVACY_CLASSES.map((x) => ({ value: x, label: privacyLabel(x, lang) })),
  })}
  <fieldset class="card"><legend>${t('validationHeading')}</legend>
  ${textField({ ...base, name: 'minLength', label: t('minLength'), inputmode: 'numeric', value: one(raw.minLength) })}
  ${textField({ ...base, name: 'maxLength', label: t('maxLength'), inputmode: 'numeric', value: one(raw.maxLength) })}
  ${textField({ ...base, name: 'pattern', label: t('pattern'), hint: t('patternHint'), value: one(raw.pattern), maxLength: 200 })}
  ${textField({ ...base, name: 'patternMessageJa', label: t('patternMessageJa'), value: one(raw.patternMessageJa), maxLength: 200 })}
  ${textField({ ...base, name: 'patternMessageEn', label: t('patternMessageEn'), value: one(raw.patternMessageEn), maxLength: 200 })}
  ${textField({ ...base, name: 'min', label: t('min'), value: one(raw.min) })}
  ${textField({ ...base, name: 'max', label: t('max'), value: one(raw.max) })}
  ${checkboxes({ ...base, name: 'integer', label: t('integer'), values: many(raw.integer), choices: [{ value: 'yes', label: t('integerYes') }] })}
  ${textField({ ...base, name: 'minDate', label: t('minDate'), hint: t('dateBoundHint'), value: one(raw.minDate), maxLength: 10 })}
  ${textField({ ...base, name: 'maxDate', label: t('maxDate'), hint: t('dateBoundHint'), value: one(raw.maxDate), maxLength: 10 })}
  ${checkboxes({
    ...base,
    name: 'fileKinds',
    label: t('fileKinds'),
    values: many(raw.fileKinds),
    choices: ['pdf', 'jpeg', 'png', 'heic'].map((k) => ({ value: k, label: k.toUpperCase() })),
  })}
  ${textArea({ ...base, name: 'options', label: t('options'), hint: t('optionsHint'), value: one(raw.options), rows: 5 })}
  ${radios({
    ...base,
    name: 'display',
    label: t('display'),
    value: one(raw.display),
    choices: [
      { value: 'radio', label: t('displayRadio') },
      { value: 'select', label: t('displaySelect') },
      { value: 'checkboxes', label: t('displayCheckboxes') },
    ],
  })}
  ${radios({
    ...base,
    name: 'dateStyle',
    label: t('dateStyle'),
    value: one(raw.dateStyle),
    choices: [
      { value: 'wareki', label: t('dateWareki') },
      { value: 'seireki', label: t('dateSeireki') },
    ],
  })}
  ${selectField({
    ...base,
    name: 'addressField',
    label: t('addressField'),
    value: one(raw.addressField),
    emptyLabel: t('noneSelected'),
    options: textFields.map((f) => ({ value: f.key, label: `${textIn(f.label, lang)} (${f.key})` })),
  })}
  ${selectField({
    ...base,
    name: 'showIfField',
    label: t('showIfField'),
    value: one(raw.showIfField),
    emptyLabel: t('showIfAlways'),
    options: o.earlier.map((f) => ({ value: f.key, label: `${textIn(f.label, lang)} (${f.key})` })),
  })}
  ${textArea({ ...base, name: 'showIfValues', label: t('showIfValues'), value: one(raw.showIfValues), rows: 2 })}
  </fieldset>
  ${button({ label: t('save'), type: 'submit' })}
</form>
${backLink(`/staff/procedures/${o.id}`, t('backToProcedure'))}`;
  return builderPage(req, o.title, main);
}
