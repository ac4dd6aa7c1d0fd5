/** Schemas of the claims API and of the portal's claim forms (the same zod types validate, type and document). */
import { z } from 'zod';
import { SUBMISSION_FORMS } from '../shared/types.js';

export const fiscalYearQuery = z.object({ fiscalYear: z.coerce.number().int().min(2015).max(2099) });
export const formParams = z.object({ form: z.enum(SUBMISSION_FORMS), period: z.string().max(7) });
export const idParams = z.object({ id: z.string().max(100) });

const status = z.enum(['draft', 'submitted', 'returned', 'approved', 'superseded']);
const summary = z
  .object({
    totalAmount: z.number().optional(),
    children: z.number().optional(),
    careFte: z.number().optional(),
    staffCount: z.number().optional(),
  })
  .meta({ id: 'FacilitySubmissionSummary' });
const entryCheck = z
  .object({
    field: z.string(),
    severity: z.enum(['error', 'warning']),
    message: z.object({ ja: z.string(), en: z.string() }),
  })
  .meta({ id: 'FacilityEntryCheck' });

export const claimListResponse = z
  .object({
    fiscalYear: z.number().int(),
    items: z.array(
      z.object({
        form: z.enum(SUBMISSION_FORMS),
        period: z.string(),
        submission: z.object({ id: z.string(), version: z.number().int(), status, totalAmount: z.number().nullable(), summary }).nullable(),
      }),
    ),
  })
  .meta({ id: 'FacilityClaimList' });

export const preparedResponse = z
  .object({ id: z.string(), version: z.number().int(), status, summary, checks: z.array(entryCheck) })
  .meta({ id: 'FacilityPreparedSubmission' });

export const submissionResponse = z
  .object({
    id: z.string(),
    form: z.enum(SUBMISSION_FORMS),
    period: z.string(),
    version: z.number().int(),
    status,
    totalAmount: z.number().nullable(),
    summary,
    submittedAt: z.string().nullable(),
    content: z.object({ form: z.enum(SUBMISSION_FORMS), period: z.string(), checks: z.array(entryCheck) }).passthrough(),
    events: z.array(
      z.object({
        action: z.enum(['created', 'updated', 'submitted', 'returned', 'approved', 'withdrawn', 'superseded']),
        actorType: z.enum(['facility', 'staff', 'system']),
        comment: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'FacilitySubmission' });

export const statusResponse = z.object({ id: z.string(), status }).meta({ id: 'FacilitySubmissionStatus' });

export const shoguEntriesBody = z
  .object({
    entries: z
      .array(
        z.object({
          staffId: z.string().max(100),
          improvementYearly: z.number().int().min(0).max(99_999_999),
          kubun3Group: z.enum(['A', 'B']).nullable(),
        }),
      )
      .max(500),
  })
  .meta({ id: 'FacilityShoguEntries' });

/** The action buttons of a form page (monthly claim, addition applications). */
export const formActionBody = z.object({ action: z.enum(['save', 'submit', 'new-version']) });

/** The 処遇改善 page: the action, and per person `improvement.<staffId>` (yen) and `group.<staffId>` (A, B or empty). */
export const shoguPageBody = z
  .object({ action: z.enum(['save', 'submit', 'new-version']) })
  .catchall(z.union([z.string(), z.array(z.string())]));

export const doneQuery = z.object({ done: z.enum(['saved', 'submitted', 'withdrawn', 'new-version']).optional() });
export const listQuery = z.object({ fiscalYear: z.coerce.number().int().min(2015).max(2099).optional() });
