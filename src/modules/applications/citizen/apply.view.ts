/**
 * Renderers shared by the citizen application screens, built from the component layer: the page
 * frame, one form control per field type (names are the field keys, so a refused form shows every
 * typed value again), the procedure's facts and fee, and the answers as a summary list.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../platform/i18n.js';
import {
  checkboxes,
  citizenShell,
  dateField,
  formatWareki,
  radios,
  selectField,
  textArea,
  textField,
  type FieldMessage,
  type SummaryItem,
} from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import type { FieldDefinition, LocalisedText, ProcedureDefinition } from '../procedures/definition.js';
import { displayAnswer, isFieldVisible, type Answers } from '../procedures/index.js';
import { applyMessages } from './apply.messages.js';

export const loc = (text: LocalisedText | undefined, lang: Lang): string => (text ? (lang === 'en' && text.en) || text.ja : '');

export const yen = (n: number) => n.toLocaleString('ja-JP');

/** A citizen page of the application site. */
export function applyPage(req: FastifyRequest, title: string, main: SafeHtml, o: { hasErrors?: boolean } = {}): string {
  const t = applyMessages.in(req.lang);
  return citizenShell({
    lang: req.lang,
    title,
    main,
    hasErrors: o.hasErrors,
    path: req.url,
    siteName: t('siteName'),
    nav: {
      label: t('menu'),
      items: [
        { href: '/apply', label: t('navApply') },
        { href: '/applications', label: t('navStatus') },
      ],
    },
  }).toString();
}

/** The form value of a field as typed or stored (checkboxes: a list). */
export type FormValues = Record<string, string | string[]>;

const AUTOCOMPLETE: Partial<Record<FieldDefinition['type'], string>> = { email: 'email', phone: 'tel', postalCode: 'postal-code' };
const INPUT_TYPE: Partial<Record<FieldDefinition['type'], 'email' | 'tel'>> = { email: 'email', phone: 'tel' };
const INPUTMODE: Partial<Record<FieldDefinition['type'], 'numeric' | 'tel'>> = { number: 'numeric', postalCode: 'numeric', phone: 'tel' };

/** One field's control. `extra` comes after it (the postal code's 住所を検索 button, a file's current name). */
export function fieldControl(
  field: FieldDefinition,
  value: string | string[] | undefined,
  errors: FieldMessage[],
  lang: Lang,
  extra?: SafeHtml,
): SafeHtml {
  const base = {
    name: field.key,
    label: loc(field.label, lang),
    lang,
    hint: loc(field.help, lang) || undefined,
    required: field.required,
    errors,
  };
  const single = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  const choices = (field.options ?? []).map((o) => ({ value: o.value, label: loc(o.label, lang) }));
  let control: SafeHtml;
  switch (field.type) {
    case 'longText':
      control = textArea({ ...base, value: single, rows: 5, maxLength: field.validation.maxLength });
      break;
    case 'choice':
      if (field.display === 'checkboxes') control = checkboxes({ ...base, choices, values: [value ?? []].flat() });
      else if (field.display === 'select')
        control = selectField({ ...base, options: choices, value: single, emptyLabel: applyMessages.t(lang, 'chooseOne') });
      else control = radios({ ...base, choices, value: single });
      break;
    case 'date':
      control =
        field.dateStyle === 'wareki'
          ? // a checked answer is stored as ISO: in Japanese it comes back in 和暦 as typed (English keeps 西暦, also accepted);
            // what was typed and refused stays as typed
            textField({
              ...base,
              value: (lang === 'ja' && /^\d{4}-\d{2}-\d{2}$/.test(single) && formatWareki(single, 'ja')) || single,
              autocomplete: 'off',
            })
          : dateField({ ...base, value: single, min: field.validation.minDate, max: field.validation.maxDate });
      break;
    case 'file':
      control = html`${textField({ ...base, type: 'file', required: field.required && !single, attributes: { accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' } })}`;
      break;
    default:
      control = textField({
        ...base,
        value: single,
        type: INPUT_TYPE[field.type],
        autocomplete: AUTOCOMPLETE[field.type],
        inputmode: INPUTMODE[field.type],
        maxLength: field.validation.maxLength,
      });
  }
  return extra ? html`${control}${extra}` : control;
}

/** The fee as the start page states it. */
export function feeText(def: ProcedureDefinition, lang: Lang): string {
  const t = applyMessages.in(lang);
  if (!def.fee) return t('feeNone');
  const amount =
    def.fee.kind === 'fixed'
      ? t('feeFixed', { amount: yen(def.fee.amount) })
      : t('feePerUnit', { price: yen(def.fee.unitPrice), unit: loc(def.fee.unitLabel, lang) });
  return `${amount} ${def.fee.timing === 'on_submission' ? t('timingOnSubmission') : t('timingAfterAcceptance')}`;
}

/** 300円 × 2通 = 600円, or the fixed amount. */
export function feeBreakdown(def: ProcedureDefinition, fee: { amount: number; quantity: number | null } | null, lang: Lang): string {
  const t = applyMessages.in(lang);
  if (!def.fee || !fee) return t('feeNone');
  if (def.fee.kind === 'per_unit' && fee.quantity !== null)
    return t('feeBreakdown', {
      price: yen(def.fee.unitPrice),
      quantity: fee.quantity,
      unit: loc(def.fee.unitLabel, lang),
      amount: yen(fee.amount),
    });
  return t('yen', { amount: yen(fee.amount) });
}

/**
 * The answers of the visible fields as summary rows: files by name, choices by label, dates as the
 * field shows them. With `changeHref`, each row links back to its step (修正).
 */
export function answerItems(
  def: ProcedureDefinition,
  answers: Answers,
  fileNames: Record<string, string>,
  lang: Lang,
  changeHref?: (stepIndex: number, field: FieldDefinition) => string,
): SummaryItem[] {
  const t = applyMessages.in(lang);
  return def.steps.flatMap((step, index) =>
    step.fields
      .filter((f) => isFieldVisible(f, answers))
      .map((f) => {
        const v = answers[f.key];
        const shown =
          v === undefined
            ? t('noAnswer')
            : f.type === 'file'
              ? [v]
                  .flat()
                  .map((id) => fileNames[id] ?? id)
                  .join(t('listSeparator'))
              : displayAnswer(f, v, lang);
        return {
          term: loc(f.label, lang),
          value: shown,
          ...(changeHref ? { change: { href: changeHref(index, f), label: t('change') } } : {}),
        };
      }),
  );
}
