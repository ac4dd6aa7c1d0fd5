/**
 * The rules of a procedure definition that span fields, which the zod schema cannot say. Pure; run on
 * every write (with procedureDefinitionSchema) so a stored definition always satisfies them. Each
 * problem names the path of the offending property (`steps.0.fields.2.showIf.field`, `fee.quantityField`)
 * so the builder screens show it next to the input.
 */
import type { FieldError } from '../../../http/errors.js';
import { definitionMessages as m } from './definition.messages.js';
import type { FieldDefinition, ProcedureDefinition } from './definition.js';

const DATE_BOUND = /^(?:today|\d{4}-\d{2}-\d{2})$/;
const TEXT_TYPES: ReadonlySet<FieldDefinition['type']> = new Set(['text', 'longText', 'kana']);

/** The error of a staff-written pattern, or undefined when it is usable (at most 200 characters, compiles with the `v` flag). */
export function patternProblem(pattern: string): FieldError['message'] | undefined {
  if (pattern.length > 200) return m.text('patternTooLong');
  try {
    new RegExp(`^(?:${pattern})$`, 'v');
    return undefined;
  } catch (err) {
    return m.text('patternInvalid', { reason: (err as Error).message.slice(0, 200) });
  }
}

function checkField(def: ProcedureDefinition, f: FieldDefinition, at: string, earlier: Map<string, FieldDefinition>): FieldError[] {
  const out: FieldError[] = [];
  const add = (path: string, message: FieldError['message']) => out.push({ field: `${at}.${path}`, message });
  if (f.type === 'choice') {
    if (!f.options?.length) add('options', m.text('choiceNeedsOptions'));
    if (!f.display) add('display', m.text('choiceNeedsDisplay'));
    const seen = new Set<string>();
    for (const o of f.options ?? []) {
      if (seen.has(o.value)) add('options', m.text('duplicateOption', { value: o.value }));
      seen.add(o.value);
    }
  } else if (f.options?.length) add('options', m.text('optionsOnlyForChoice'));
  if (f.showIf) {
    const target = earlier.get(f.showIf.field);
    if (!target) add('showIf.field', m.text('showIfUnknown', { key: f.showIf.field }));
    else if (target.type === 'choice')
      for (const value of f.showIf.equals)
        if (!target.options?.some((o) => o.value === value)) add('showIf.equals', m.text('showIfUnknownValue', { value, key: target.key }));
  }
  if (f.type === 'postalCode' && f.addressField) {
    const target = allOf(def).find((x) => x.key === f.addressField);
    if (!target || (target.type !== 'text' && target.type !== 'longText'))
      add('addressField', m.text('addressFieldInvalid', { key: f.addressField }));
  }
  if (f.privacy === 'my_number') {
    if (!def.collectsMyNumber) add('privacy', m.text('myNumberNotFlagged'));
    else if (f.type !== 'text') add('type', m.text('myNumberNeedsText'));
  }
  if (f.privacy === 'identity_document' && f.type !== 'file' && f.type !== 'text') add('privacy', m.text('fileNeedsFileType'));
  const v = f.validation;
  if (v.pattern !== undefined) {
    if (!TEXT_TYPES.has(f.type)) add('validation.pattern', m.text('patternOnlyForText'));
    const problem = patternProblem(v.pattern);
    if (problem) add('validation.pattern', problem);
  }
  if (v.minLength !== undefined && v.maxLength !== undefined && v.minLength > v.maxLength)
    add('validation.minLength', m.text('minOverMax'));
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) add('validation.min', m.text('minOverMax'));
  for (const k of ['minDate', 'maxDate'] as const) {
    const b = v[k];
    if (b !== undefined && (!DATE_BOUND.test(b) || (b !== 'today' && Number.isNaN(Date.parse(`${b}T00:00:00Z`)))))
      add(`validation.${k}`, m.text('dateBoundInvalid'));
  }
  if (v.minDate && v.maxDate && v.minDate !== 'today' && v.maxDate !== 'today' && v.minDate > v.maxDate)
    add('validation.minDate', m.text('minOverMax'));
  return out;
}

function allOf(def: ProcedureDefinition): FieldDefinition[] {
  return def.steps.flatMap((s) => s.fields);
}

/** Problems of a definition that already passed procedureDefinitionSchema; empty when it may be stored. */
export function checkDefinition(def: ProcedureDefinition): FieldError[] {
  const out: FieldError[] = [];
  const earlier = new Map<string, FieldDefinition>();
  def.steps.forEach((step, s) =>
    step.fields.forEach((f, i) => {
      const at = `steps.${s}.fields.${i}`;
      if (earlier.has(f.key)) out.push({ field: `${at}.key`, message: m.text('duplicateKey', { key: f.key }) });
      out.push(...checkField(def, f, at, earlier));
      if (!earlier.has(f.key)) earlier.set(f.key, f);
    }),
  );
  const field = (key: string | undefined) => (key === undefined ? undefined : earlier.get(key));

  const email = field(def.contactEmailField);
  if (email?.type !== 'email' || !email.required || email.showIf)
    out.push({ field: 'contactEmailField', message: m.text('contactEmailInvalid', { key: def.contactEmailField }) });

  if (def.applicantNameField !== undefined) {
    const name = field(def.applicantNameField);
    if (!name || (name.type !== 'text' && name.type !== 'kana'))
      out.push({ field: 'applicantNameField', message: m.text('applicantNameInvalid', { key: def.applicantNameField }) });
  }

  if (def.fee?.kind === 'per_unit') {
    const q = field(def.fee.quantityField);
    const v = q?.validation;
    if (q?.type !== 'number' || !q.required || q.showIf || !v?.integer || (v.min !== undefined && v.min < 1))
      out.push({ field: 'fee.quantityField', message: m.text('quantityFieldInvalid', { key: def.fee.quantityField }) });
  }
  if (def.fee && !def.revenueAccountCode?.trim()) out.push({ field: 'revenueAccountCode', message: m.text('revenueAccountRequired') });

  if (def.identityDocuments.required) {
    if (def.identityDocuments.kinds.length === 0) out.push({ field: 'identityDocuments.kinds', message: m.text('identityNeedsKinds') });
    const hasFile = allOf(def).some((f) => f.type === 'file' && f.required && !f.showIf && f.privacy === 'identity_document');
    if (!hasFile) out.push({ field: 'identityDocuments.required', message: m.text('identityNeedsFileField') });
  }

  if (def.opensAt && def.closesAt && Date.parse(def.opensAt) >= Date.parse(def.closesAt))
    out.push({ field: 'closesAt', message: m.text('closesBeforeOpens') });
  return out;
}
