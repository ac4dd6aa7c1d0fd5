/**
 * What a procedure (手続) is: the versioned definition staff build on a screen and cities share as a
 * JSON file. Stored as `app_procedure_versions.definition`; every write goes through
 * `procedureDefinitionSchema`, so a stored definition is always one of these.
 *
 * The rules that span fields (keys unique, a `showIf` names an earlier field, the fee's quantity field
 * is a number field, identity documents need a file field of that class, My Number only when the
 * procedure is flagged) are checked by `checkDefinition` in check-definition.ts.
 */
import { z } from 'zod';

/** Text staff write in Japanese, optionally also in English (shown to English readers when present). */
export const localisedText = (max: number) =>
  z.object({
    ja: z.string().trim().min(1).max(max),
    en: z.string().trim().max(max).optional(),
  });
export type LocalisedText = z.infer<ReturnType<typeof localisedText>>;

export const FIELD_TYPES = [
  'text',
  'longText',
  'kana', // フリガナ: katakana, normalised to full width
  'date',
  'number',
  'choice',
  'postalCode', // fills `addressField` from the bundled postal dataset
  'phone',
  'email',
  'file',
] as const;

/**
 * Privacy class of an answer: 'none' (not personal, e.g. number of copies), 'personal', 'sensitive'
 * (要配慮個人情報: masked in lists), 'identity_document' (本人確認書類 images and numbers), 'my_number'
 * (個人番号: only in a procedure flagged `collectsMyNumber`).
 */
export const PRIVACY_CLASSES = ['none', 'personal', 'sensitive', 'identity_document', 'my_number'] as const;
export type PrivacyClass = (typeof PRIVACY_CLASSES)[number];

export const IDENTITY_DOCUMENT_KINDS = [
  'my_number_card',
  'driver_license',
  'passport',
  'residence_card',
  'health_insurance',
  'other_photo_id',
] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export const fieldSchema = z.object({
  key: z.string().regex(FIELD_KEY),
  label: localisedText(100),
  help: localisedText(500).optional(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  privacy: z.enum(PRIVACY_CLASSES),
  /** Checks beyond the type's own; which apply depends on the type. */
  validation: z
    .object({
      minLength: z.number().int().min(0).max(10000).optional(),
      maxLength: z.number().int().min(1).max(10000).optional(),
      /** A regular expression the whole answer must match (text types). */
      pattern: z.string().max(200).optional(),
      patternMessage: localisedText(200).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().optional(),
      /** date: earliest/latest as ISO dates, or 'today' */
      minDate: z.string().max(10).optional(),
      maxDate: z.string().max(10).optional(),
      /** file: allowed kinds (checked by content) */
      fileKinds: z
        .array(z.enum(['pdf', 'jpeg', 'png', 'heic']))
        .min(1)
        .optional(),
    })
    .default({}),
  /** choice: the options; `display` says radio buttons, a select, or checkboxes (several answers). */
  options: z
    .array(z.object({ value: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), label: localisedText(100) }))
    .max(100)
    .optional(),
  display: z.enum(['radio', 'select', 'checkboxes']).optional(),
  /** date: how it is entered and shown. */
  dateStyle: z.enum(['wareki', 'seireki']).optional(),
  /** postalCode: the text field the address is filled into. */
  addressField: z.string().regex(FIELD_KEY).optional(),
  /** Shown (and validated) only when another answer has this value (one of these values). */
  showIf: z.object({ field: z.string().regex(FIELD_KEY), equals: z.array(z.string().max(100)).min(1) }).optional(),
});
export type FieldDefinition = z.infer<typeof fieldSchema>;

export const stepSchema = z.object({
  title: localisedText(100),
  fields: z.array(fieldSchema).min(1).max(60),
});

export const feeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fixed'),
    amount: z.number().int().min(1).max(10_000_000),
    timing: z.enum(['on_submission', 'after_acceptance']),
  }),
  z.object({
    kind: z.literal('per_unit'),
    unitPrice: z.number().int().min(1).max(10_000_000),
    /** The number field holding the quantity (e.g. 通数). */
    quantityField: z.string().regex(FIELD_KEY),
    unitLabel: localisedText(20),
    timing: z.enum(['on_submission', 'after_acceptance']),
  }),
]);

export const procedureDefinitionSchema = z.object({
  /** Format of the shared JSON file; bump on an incompatible change. */
  format: z.literal('madoguchi.procedure/1'),
  title: localisedText(100),
  description: localisedText(4000),
  /** Who may apply (shown before the form). */
  eligibility: localisedText(2000),
  /** Applications are taken from/until these instants (ISO 8601); absent = no limit. */
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
  /** At most this many applications are taken (a course's seats); absent = no limit. */
  capacity: z.number().int().min(1).max(1_000_000).optional(),
  steps: z.array(stepSchema).min(1).max(20),
  /** The e-mail field notices go to (confirmation, status changes, save-and-resume). */
  contactEmailField: z.string().regex(FIELD_KEY),
  /** The field whose answer names the applicant in the staff inbox. */
  applicantNameField: z.string().regex(FIELD_KEY).optional(),
  /** Days an application is kept after it is closed (completed, rejected, withdrawn, expired). */
  retentionDays: z
    .number()
    .int()
    .min(1)
    .max(365 * 30),
  identityDocuments: z.object({
    required: z.boolean(),
    kinds: z.array(z.enum(IDENTITY_DOCUMENT_KINDS)).max(IDENTITY_DOCUMENT_KINDS.length),
  }),
  /** Only a procedure flagged here may hold a my_number field; every other refuses anything that looks like one. */
  collectsMyNumber: z.boolean(),
  fee: feeSchema.nullable(),
  /** 歳入科目: the revenue account the fee is booked to (for accounting), required with a fee. */
  revenueAccountCode: z.string().trim().max(40).optional(),
});
export type ProcedureDefinition = z.infer<typeof procedureDefinitionSchema>;

/** Every field of a definition in order, with the step it is on. */
export function allFields(def: Pick<ProcedureDefinition, 'steps'>): FieldDefinition[] {
  return def.steps.flatMap((s) => s.fields);
}
