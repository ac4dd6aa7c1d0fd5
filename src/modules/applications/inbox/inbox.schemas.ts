/** Request and response schemas of the inbox: the same schemas serve the staff API and the screens. */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { isValidDate } from '../../../platform/japan-time.js';
import { APPLICATION_STATUSES } from '../application-status.js';
import { inboxMessages } from './inbox.messages.js';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A form's repeated field as a list: absent → [], one value → [value]. */
const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(isValidDate)
    .optional(),
);

export const statusEnum = z.enum(APPLICATION_STATUSES);
export const sortKeys = ['submitted', 'reference', 'status', 'procedure'] as const;

export const listQuery = z
  .object({
    procedureId: z.preprocess(blank, z.uuid().optional()),
    status: z.preprocess(blank, statusEnum.optional()),
    from: day,
    to: day,
    payment: z.preprocess(blank, z.enum(['paid', 'unpaid']).optional()),
    mine: z.preprocess(blank, z.enum(['1', 'true']).optional()).transform((v) => v !== undefined),
    reference: z.preprocess(blank, z.string().trim().max(20).optional()),
    sort: z.preprocess(blank, z.enum(sortKeys).default('submitted')),
    dir: z.preprocess(blank, z.enum(['asc', 'desc']).default('desc')),
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: zodMessage(inboxMessages, 'toBeforeFrom') });
export type ListQuery = z.output<typeof listQuery>;

/** An application id; anything else is a page or record that does not exist (404). */
export const applicationParams = z.object({ id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i) });

const comment = z.preprocess(blank, z.string().trim().max(2000, zodMessage(inboxMessages, 'commentTooLong')).optional());

/** POST /api/v1/staff/applications/{id}/status */
export const statusBody = z.object({
  status: statusEnum,
  comment,
  /** Field keys of the application's procedure version; required for correction_requested. */
  correctionFields: z.array(z.string().max(40)).max(200).optional(),
});

/** The status form of the detail screen. */
export const statusForm = z.object({
  status: z.preprocess(blank, statusEnum.optional()),
  comment,
  correctionFields: z.preprocess(list, z.array(z.string().max(40)).max(200)),
});

/** The inbox's bulk form: the checked applications, one status and comment for all. */
export const bulkForm = z.object({
  ids: z.preprocess(list, z.array(z.uuid()).min(1, zodMessage(inboxMessages, 'selectApplications')).max(200)),
  status: z.preprocess(blank, statusEnum.optional()),
  comment,
  /** The inbox's query to go back to (only the list's own parameters are kept). */
  back: z.string().max(1000).catch(''),
});

export const assignForm = z.object({ staffId: z.preprocess(blank, z.uuid().optional()) });

export const noteForm = z.object({
  body: z.preprocess(
    blank,
    z
      .string({ error: zodMessage(inboxMessages, 'noteRequired') })
      .trim()
      .max(4000, zodMessage(inboxMessages, 'noteTooLong')),
  ),
});

/**
 * The reason staff give to read an application's sensitive answers (要配慮個人情報): required, at most 200
 * characters, kept in the audit log (privacy.sensitive_read). The detail screen's form and the API's body.
 */
export const sensitiveReadBody = z.object({
  reason: z.preprocess(
    blank,
    z
      .string({ error: zodMessage(inboxMessages, 'reasonRequired') })
      .trim()
      .max(200, zodMessage(inboxMessages, 'reasonTooLong')),
  ),
  /** The form's single-use token: the same form posted again (a reload) shows nothing. */
  once: z.uuid().optional().catch(undefined),
});

/** The API's body: the reason is checked by the operation, after the access check (another department's id is a 404 whatever was sent). */
export const sensitiveReadApiBody = z.object({
  reason: z
    .string()
    .max(10_000)
    .optional()
    .describe('Why the sensitive answers are read: required, 1–200 characters (kept in the audit log)'),
});

export const detailQuery = z.object({ done: z.enum(['status', 'assigned', 'note']).optional().catch(undefined) });

export const exportQuery = z.object({
  /** "<procedureId>:<version>" — an export covers one version of one procedure (its fields are the columns). */
  procedure: z.preprocess(
    blank,
    z
      .string({ error: zodMessage(inboxMessages, 'procedureRequired') })
      .regex(/^[0-9a-f-]{36}:\d{1,6}$/i, zodMessage(inboxMessages, 'procedureRequired')),
  ),
  encoding: z.preprocess(blank, z.enum(['shift_jis', 'utf-8']).default('shift_jis')),
  status: z.preprocess(blank, statusEnum.optional()),
  from: day,
  to: day,
});

export const exportFormQuery = z.object({ procedure: z.string().optional().catch(undefined) });

// ---- API responses

export const listItemSchema = z.object({
  id: z.uuid(),
  referenceNumber: z.string(),
  procedureId: z.uuid(),
  procedureVersion: z.number().int(),
  departmentId: z.uuid(),
  status: statusEnum,
  submittedAt: z.string().describe('ISO 8601, Japan time'),
  statusChangedAt: z.string(),
  paymentStatus: z
    .string()
    .nullable()
    .describe('The payment that counts (or the latest attempt): pending | paid | expired | refunded | …; null without a payment'),
  feeAmount: z.number().int().nullable(),
  assignedStaffId: z.uuid().nullable(),
});

export const listResponse = z.object({ items: z.array(listItemSchema), page: z.number().int(), hasNext: z.boolean() });

export const detailResponse = listItemSchema.extend({
  channel: z.string(),
  lang: z.enum(['ja', 'en']),
  correctionFields: z.array(z.string()),
  retainUntil: z.string().nullable(),
  answers: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        type: z.string(),
        privacy: z.string(),
        value: z.unknown(),
        text: z.string(),
        masked: z.boolean().describe(
          // i18n-exempt: OpenAPI text for developers, in English with the Japanese term
          'A sensitive answer (要配慮個人情報) left out: value null, text empty. Read it with POST …/{id}/sensitive-answers and a reason',
        ),
      }),
    )
    .nullable()
    .describe('null once erased'),
  payment: z
    .object({
      status: z.string(),
      amount: z.number().int(),
      refundedAmount: z.number().int(),
      method: z.string().nullable(),
      paidAt: z.string().nullable(),
    })
    .nullable(),
  history: z.array(
    z.object({
      status: statusEnum,
      comment: z.string().nullable(),
      correctionFields: z.array(z.string()),
      changedAt: z.string(),
      actorType: z.string(),
      changedBy: z.string().nullable(),
    }),
  ),
  files: z
    .array(
      z.object({
        id: z.uuid(),
        fieldKey: z.string().nullable(),
        filename: z.string(),
        contentType: z.string(),
        sizeBytes: z.number().int(),
        url: z.string().describe('The staff download (audited, department only)'),
      }),
    )
    .describe('Attachments (content by the url)'),
  allowedStatuses: z.array(statusEnum),
});

export const statusResponse = z.object({ id: z.uuid(), status: statusEnum, correctionFields: z.array(z.string()) });
