/** Request and response schemas of the city's review: the same schemas serve the staff API and the screens. */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { SUBMISSION_FORMS } from '../shared/types.js';
import { REVIEW_STATUSES } from './list-submissions.js';
import { MAX_COMMENT } from './return-submission.js';
import { reviewMessages } from './review.messages.js';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const month = z.string().regex(MONTH, zodMessage(reviewMessages, 'monthInvalid'));
const statusEnum = z.enum(REVIEW_STATUSES);
const formEnum = z.enum(SUBMISSION_FORMS);

export const listQuery = z.object({
  month: z.preprocess(blank, month.optional()),
  fiscalYear: z.preprocess(blank, z.coerce.number().int().min(2015).max(2100).optional()),
  facility: z.preprocess(blank, z.uuid().optional()),
  form: z.preprocess(blank, formEnum.optional()),
  status: z.preprocess(blank, statusEnum.optional()),
});

/** A submission id; anything else is a record that does not exist (404). */
export const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i) });

const commentText = () =>
  z
    .string({ error: zodMessage(reviewMessages, 'commentRequired') })
    .trim()
    .min(1, zodMessage(reviewMessages, 'commentRequired'))
    .max(MAX_COMMENT, zodMessage(reviewMessages, 'commentTooLong', { max: MAX_COMMENT }));

/** POST …/{id}/return: the comment to the facility is required. */
export const returnBody = z.object({ comment: z.preprocess(blank, commentText()) });
/** POST …/{id}/approve: an optional comment. */
export const approveBody = z.object({ comment: z.preprocess(blank, commentText().optional()) });
/** The approve form of the screen (its own field name: the return form's comment is on the same page). */
export const approveForm = z.object({ approveComment: z.preprocess(blank, commentText().optional()) });

export const exportQuery = z.object({
  month: z.preprocess(
    blank,
    z.string({ error: zodMessage(reviewMessages, 'monthRequired') }).regex(MONTH, zodMessage(reviewMessages, 'monthInvalid')),
  ),
  encoding: z.preprocess(blank, z.enum(['cp932', 'utf8']).default('cp932')),
});
export const toCsvEncoding = (e: 'cp932' | 'utf8') => (e === 'utf8' ? ('utf-8' as const) : ('shift_jis' as const));

export const listPageQuery = z.object({
  month: z.preprocess(blank, month.optional()),
  status: z.preprocess(blank, statusEnum.optional()),
});

export const detailQuery = z.object({ done: z.enum(['returned', 'approved']).optional().catch(undefined) });

// ---- API responses

const status = statusEnum;
const item = z.object({
  id: z.uuid(),
  facilityId: z.uuid(),
  facilityCode: z.string(),
  facilityName: z.string(),
  facilityType: z.string(),
  form: formEnum,
  period: z.string().describe('YYYY-MM (monthly claim) or YYYY (fiscal year)'),
  version: z.number().int(),
  status,
  totalAmount: z.number().nullable().describe('Yen, monthly claim only'),
  children: z.number().int().nullable(),
  submittedAt: z.string().nullable().describe('ISO 8601, Japan time'),
  decidedAt: z.string().nullable(),
});
const cell = z.object({ id: z.uuid(), status, version: z.number().int(), totalAmount: z.number().nullable() });

export const listResponse = z.object({
  items: z.array(item).describe('Submitted ones first; drafts are never listed'),
  matrix: z
    .object({
      month: z.string(),
      fiscalYear: z.number().int(),
      rows: z.array(
        z.object({
          facility: z.object({ id: z.uuid(), code: z.string(), name: z.string(), type: z.string() }),
          cells: z
            .record(z.string(), cell)
            .describe('By form: the newest version sent to the city (monthly claim of the month, yearly forms of its fiscal year)'),
        }),
      ),
      totals: z.object({
        facilities: z.number().int(),
        byStatus: z.record(z.string(), z.number().int()),
        approvedAmount: z.number(),
        submittedAmount: z.number(),
      }),
    })
    .optional()
    .describe('Only with month: facilities × the forms of that month'),
});

export const detailResponse = item.omit({ children: true }).extend({
  content: z
    .record(z.string(), z.unknown())
    .describe('The form as the facility sent it (shared/types.ts: MonthlyClaimContent | ShoguContent | AdditionContent)'),
  history: z.array(
    z.object({
      action: z.string(),
      actorType: z.enum(['facility', 'staff', 'system']),
      actorName: z.string().nullable(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
  baseline: z
    .object({ id: z.uuid(), period: z.string(), version: z.number().int(), status, basis: z.enum(['version', 'previous-period']) })
    .nullable()
    .describe('What the changes are against: the last approved version, else the previous period’s approved one'),
  changes: z.array(
    z.object({
      section: z.string(),
      key: z.string(),
      label: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  canDecide: z.boolean(),
});

export const decisionResponse = z.object({
  id: z.uuid(),
  status: z.enum(['returned', 'approved']),
  superseded: z.uuid().nullable().optional(),
});
