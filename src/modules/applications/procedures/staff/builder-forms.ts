/**
 * The builder's HTML forms decoded into definition parts, and the definition's error paths mapped back
 * to form inputs. Forms post strings (no JavaScript); numbers, option lines and dates are read here,
 * and everything else is left for procedureDefinitionSchema + checkDefinition to judge, so the rules
 * live in one place.
 */
import { z } from 'zod';
import type { FieldError } from '../../../../http/errors.js';
import type { FieldDefinition, LocalisedText, ProcedureDefinition } from '../definition.js';
import { builderMessages as bm } from './builder.messages.js';

const text = z.string().optional().default('');
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const fieldFormBody = z.object({
  step: text,
  stepTitleJa: text,
  stepTitleEn: text,
  key: text,
  labelJa: text,
  labelEn: text,
  helpJa: text,
  helpEn: text,
  type: text,
  required: text,
  privacy: text,
  minLength: text,
  maxLength: text,
  pattern: text,
  patternMessageJa: text,
  patternMessageEn: text,
  min: text,
  max: text,
  integer: text,
  minDate: text,
  maxDate: text,
  fileKinds: list,
  options: text,
  display: text,
  dateStyle: text,
  addressField: text,
  showIfField: text,
  showIfValues: text,
});
export type FieldForm = z.output<typeof fieldFormBody>;

export const settingsFormBody = z.object({
  titleJa: text,
  titleEn: text,
  descriptionJa: text,
  descriptionEn: text,
  eligibilityJa: text,
  eligibilityEn: text,
  opensAt: text,
  closesAt: text,
  capacity: text,
  retentionDays: text,
  identityRequired: text,
  identityKinds: list,
  collectsMyNumber: text,
  contactEmailField: text,
  applicantNameField: text,
  feeKind: text,
  feeAmount: text,
  feeUnitPrice: text,
  feeQuantityField: text,
  feeUnitLabelJa: text,
  feeUnitLabelEn: text,
  feeTiming: text,
  revenueAccountCode: text,
});
export type SettingsForm = z.output<typeof settingsFormBody>;

/** Japanese and optional English text; an empty English part is left out. */
export function localised(ja: string, en: string): LocalisedText {
  return en.trim() ? { ja, en } : { ja };
}
const optionalLocalised = (ja: string, en: string) => (ja.trim() || en.trim() ? localised(ja, en) : undefined);

type Decoded<T> = { value: T; errors: FieldError[] };

function numberOf(raw: string, name: string, errors: FieldError[]): number | undefined {
  const t = raw.normalize('NFKC').trim().replace(/,/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) {
    errors.push({ field: name, message: bm.text('notNumber') });
    return undefined;
  }
  return n;
}

/** "value|ラベル|English" lines → options. */
export function parseOptions(raw: string, errors: FieldError[]): FieldDefinition['options'] {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  return lines.flatMap((line) => {
    const [value, ja, en] = line.split('|').map((s) => s.trim());
    if (!value || !ja) {
      errors.push({ field: 'options', message: bm.text('badOptionLine', { line: line.slice(0, 60) }) });
      return [];
    }
    return [{ value, label: localised(ja, en ?? '') }];
  });
}

export function optionsText(options: FieldDefinition['options']): string {
  return (options ?? []).map((o) => [o.value, o.label.ja, ...(o.label.en ? [o.label.en] : [])].join('|')).join('\n');
}

/** The field the form describes; properties that do not fit its type are left out. */
export function decodeFieldForm(f: FieldForm): Decoded<FieldDefinition> {
  const errors: FieldError[] = [];
  const type = f.type as FieldDefinition['type'];
  const isText = type === 'text' || type === 'longText' || type === 'kana';
  const validation: FieldDefinition['validation'] = {};
  if (isText || type === 'email') {
    validation.minLength = numberOf(f.minLength, 'minLength', errors);
    validation.maxLength = numberOf(f.maxLength, 'maxLength', errors);
  }
  if (isText && f.pattern.trim()) {
    validation.pattern = f.pattern.trim();
    validation.patternMessage = optionalLocalised(f.patternMessageJa, f.patternMessageEn);
  }
  if (type === 'number') {
    validation.min = numberOf(f.min, 'min', errors);
    validation.max = numberOf(f.max, 'max', errors);
    if (f.integer) validation.integer = true;
  }
  if (type === 'date') {
    if (f.minDate.trim()) validation.minDate = f.minDate.trim();
    if (f.maxDate.trim()) validation.maxDate = f.maxDate.trim();
  }
  if (type === 'file' && f.fileKinds.length) validation.fileKinds = f.fileKinds as NonNullable<FieldDefinition['validation']['fileKinds']>;
  for (const k of Object.keys(validation) as (keyof typeof validation)[]) if (validation[k] === undefined) delete validation[k];

  const field: FieldDefinition = {
    key: f.key.trim(),
    label: localised(f.labelJa, f.labelEn),
    type,
    required: f.required === 'yes',
    privacy: f.privacy as FieldDefinition['privacy'],
    validation,
  };
  const help = optionalLocalised(f.helpJa, f.helpEn);
  if (help) field.help = help;
  if (type === 'choice') {
    field.options = parseOptions(f.options, errors);
    if (f.display) field.display = f.display as FieldDefinition['display'];
  }
  if (type === 'date' && f.dateStyle) field.dateStyle = f.dateStyle as FieldDefinition['dateStyle'];
  if (type === 'postalCode' && f.addressField) field.addressField = f.addressField;
  if (f.showIfField) {
    const equals = f.showIfValues
      .split(/\r?\n|,/)
      .map((s) => s.trim())
      .filter(Boolean);
    field.showIf = { field: f.showIfField, equals };
  }
  return { value: field, errors };
}

/** The form's values for an existing field (to show it for editing). */
export function fieldFormOf(field: FieldDefinition): Record<string, string | string[]> {
  const v = field.validation;
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    key: field.key,
    labelJa: field.label.ja,
    labelEn: field.label.en ?? '',
    helpJa: field.help?.ja ?? '',
    helpEn: field.help?.en ?? '',
    type: field.type,
    required: field.required ? 'yes' : '',
    privacy: field.privacy,
    minLength: s(v.minLength),
    maxLength: s(v.maxLength),
    pattern: v.pattern ?? '',
    patternMessageJa: v.patternMessage?.ja ?? '',
    patternMessageEn: v.patternMessage?.en ?? '',
    min: s(v.min),
    max: s(v.max),
    integer: v.integer ? 'yes' : '',
    minDate: v.minDate ?? '',
    maxDate: v.maxDate ?? '',
    fileKinds: v.fileKinds ?? [],
    options: optionsText(field.options),
    display: field.display ?? '',
    dateStyle: field.dateStyle ?? '',
    addressField: field.addressField ?? '',
    showIfField: field.showIf?.field ?? '',
    showIfValues: (field.showIf?.equals ?? []).join('\n'),
  };
}

const FIELD_PATHS: [RegExp, string][] = [
  [/^label\.ja/, 'labelJa'],
  [/^label\.en/, 'labelEn'],
  [/^label/, 'labelJa'],
  [/^help\.ja/, 'helpJa'],
  [/^help\.en/, 'helpEn'],
  [/^validation\.patternMessage\.ja/, 'patternMessageJa'],
  [/^validation\.patternMessage\.en/, 'patternMessageEn'],
  [/^validation\.fileKinds/, 'fileKinds'],
  [/^validation\.(\w+)/, '$1'],
  [/^options/, 'options'],
  [/^showIf\.field/, 'showIfField'],
  [/^showIf\.equals/, 'showIfValues'],
  [/^(\w+)/, '$1'],
];

/** A definition error's path as the field form's input name, when it concerns the field at `at` (`steps.0.fields.3`). */
export function fieldFormErrorName(path: string, at: string, stepAt?: string): string {
  if (stepAt && path.startsWith(`${stepAt}.title.ja`)) return 'stepTitleJa';
  if (stepAt && path.startsWith(`${stepAt}.title.en`)) return 'stepTitleEn';
  if (!path.startsWith(`${at}.`)) return path;
  const rest = path.slice(at.length + 1);
  for (const [re, name] of FIELD_PATHS) if (re.test(rest)) return rest.replace(re, name).split('.')[0] as string;
  return rest;
}

// ---------------------------------------------------------------- settings

/** Stored instant → the datetime-local value in Japan time ('2026-12-01T09:00'). */
export function jstLocal(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function instantOf(raw: string, name: string, errors: FieldError[]): string | undefined {
  const t = raw.trim();
  if (!t) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?$/.exec(t);
  const iso = m ? `${m[1]}T${m[2]}:00+09:00` : undefined;
  if (!iso || Number.isNaN(Date.parse(iso))) {
    errors.push({ field: name, message: bm.text('badDateTime') });
    return undefined;
  }
  return iso;
}

/** The definition with the settings form applied (steps and fields untouched). */
export function applySettingsForm(def: ProcedureDefinition, f: SettingsForm): Decoded<ProcedureDefinition> {
  const errors: FieldError[] = [];
  const out: ProcedureDefinition = {
    ...def,
    title: localised(f.titleJa, f.titleEn),
    description: localised(f.descriptionJa, f.descriptionEn),
    eligibility: localised(f.eligibilityJa, f.eligibilityEn),
    opensAt: instantOf(f.opensAt, 'opensAt', errors),
    closesAt: instantOf(f.closesAt, 'closesAt', errors),
    capacity: numberOf(f.capacity, 'capacity', errors),
    retentionDays: numberOf(f.retentionDays, 'retentionDays', errors) as number,
    identityDocuments: {
      required: f.identityRequired === 'yes',
      kinds: f.identityKinds as ProcedureDefinition['identityDocuments']['kinds'],
    },
    collectsMyNumber: f.collectsMyNumber === 'yes',
    contactEmailField: f.contactEmailField,
    applicantNameField: f.applicantNameField || undefined,
    revenueAccountCode: f.revenueAccountCode.trim() || undefined,
  };
  const timing = f.feeTiming as 'on_submission';
  if (f.feeKind === 'fixed') out.fee = { kind: 'fixed', amount: numberOf(f.feeAmount, 'feeAmount', errors) as number, timing };
  else if (f.feeKind === 'per_unit')
    out.fee = {
      kind: 'per_unit',
      unitPrice: numberOf(f.feeUnitPrice, 'feeUnitPrice', errors) as number,
      quantityField: f.feeQuantityField,
      unitLabel: localised(f.feeUnitLabelJa, f.feeUnitLabelEn),
      timing,
    };
  else if (f.feeKind === 'none') out.fee = null;
  else errors.push({ field: 'feeKind', message: bm.text('chooseOne') });
  for (const k of ['opensAt', 'closesAt', 'capacity', 'applicantNameField', 'revenueAccountCode'] as const)
    if (out[k] === undefined) delete out[k];
  return { value: out, errors };
}

export function settingsFormOf(def: ProcedureDefinition): Record<string, string | string[]> {
  const fee = def.fee;
  return {
    titleJa: def.title.ja,
    titleEn: def.title.en ?? '',
    descriptionJa: def.description.ja,
    descriptionEn: def.description.en ?? '',
    eligibilityJa: def.eligibility.ja,
    eligibilityEn: def.eligibility.en ?? '',
    opensAt: jstLocal(def.opensAt),
    closesAt: jstLocal(def.closesAt),
    capacity: def.capacity === undefined ? '' : String(def.capacity),
    retentionDays: String(def.retentionDays),
    identityRequired: def.identityDocuments.required ? 'yes' : '',
    identityKinds: def.identityDocuments.kinds,
    collectsMyNumber: def.collectsMyNumber ? 'yes' : '',
    contactEmailField: def.contactEmailField,
    applicantNameField: def.applicantNameField ?? '',
    feeKind: fee?.kind ?? 'none',
    feeAmount: fee?.kind === 'fixed' ? String(fee.amount) : '',
    feeUnitPrice: fee?.kind === 'per_unit' ? String(fee.unitPrice) : '',
    feeQuantityField: fee?.kind === 'per_unit' ? fee.quantityField : '',
    feeUnitLabelJa: fee?.kind === 'per_unit' ? fee.unitLabel.ja : '',
    feeUnitLabelEn: fee?.kind === 'per_unit' ? (fee.unitLabel.en ?? '') : '',
    feeTiming: fee?.timing ?? 'on_submission',
    revenueAccountCode: def.revenueAccountCode ?? '',
  };
}

const SETTINGS_PATHS: [RegExp, string][] = [
  [/^title\.en/, 'titleEn'],
  [/^title/, 'titleJa'],
  [/^description\.en/, 'descriptionEn'],
  [/^description/, 'descriptionJa'],
  [/^eligibility\.en/, 'eligibilityEn'],
  [/^eligibility/, 'eligibilityJa'],
  [/^identityDocuments\.required/, 'identityRequired'],
  [/^identityDocuments\.kinds/, 'identityKinds'],
  [/^fee\.amount/, 'feeAmount'],
  [/^fee\.unitPrice/, 'feeUnitPrice'],
  [/^fee\.quantityField/, 'feeQuantityField'],
  [/^fee\.unitLabel\.en/, 'feeUnitLabelEn'],
  [/^fee\.unitLabel/, 'feeUnitLabelJa'],
  [/^fee\.timing/, 'feeTiming'],
  [/^fee/, 'feeKind'],
  [/^steps\.\d+\.fields\.\d+\.privacy/, 'collectsMyNumber'],
  [/^(opensAt|closesAt|capacity|retentionDays|collectsMyNumber|contactEmailField|applicantNameField|revenueAccountCode)/, '$1'],
];

export function settingsErrorName(path: string): string {
  for (const [re, name] of SETTINGS_PATHS) if (re.test(path)) return (path.match(re)?.[0] ?? path).replace(re, name);
  return path;
}
