/** Request and response schemas of the applicant's API (they also feed the OpenAPI document). */
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../application-status.js';

const answerValue = z.union([z.string().max(10_000), z.number(), z.array(z.string().max(10_000)).max(100)]);

export const submitBody = z
  .object({
    procedureId: z.string().min(1).max(64).describe('The procedure id from GET /api/v1/procedures'),
    answers: z
      .record(z.string().max(40), answerValue)
      .describe(
        'Answers by field key: a string (a number field may be a number), an array of option values for checkboxes, an upload id for a file',
      ),
    lang: z.enum(['ja', 'en']).optional().describe('The language notices are written in (default: the request language)'),
  })
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  .meta({ id: 'ApplicationSubmission', description: 'An application to a procedure (電子申請)' });

const paymentOut = z
  .object({
    status: z
      .string()
      // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
      .describe(
        'pending (fee due now), not_due (事後決済: due after the department accepts), paid, expired, refunded, partially_refunded, cancelled',
      ),
    amount: z.number().int().describe('Yen'),
  })
  .nullable()
  .describe('The fee and its payment; null when the procedure has no fee');

const statusOut = z.enum(APPLICATION_STATUSES).describe(
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese terms
  'awaiting_payment (支払待ち), received (受付), in_review (審査中), correction_requested (補正依頼), paid (支払済), completed (完了), rejected (却下), withdrawn (取下げ), expired (期限切れ)',
);

export const submittedOut = z
  .object({
    // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
    referenceNumber: z.string().describe('整理番号: 10 characters; quote it in every contact'),
    accessToken: z.string().describe('The secret of this application, returned only here: send it as Bearer to read or pay it'),
    status: statusOut,
    payment: paymentOut,
  })
  .meta({ id: 'ApplicationSubmitted', description: 'The application just submitted' });

export const referenceParams = z.object({
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  referenceNumber: z.string().min(1).max(40).describe('整理番号 (reference number) given when submitting'),
});

export const applicantOut = z
  .object({
    referenceNumber: z.string(),
    procedureId: z.string(),
    status: statusOut,
    submittedAt: z.string().describe('Japan time with offset'),
    payment: paymentOut,
    correctionFields: z.array(z.string()).describe('While correction_requested: the field keys to correct'),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).describe('The answers as stored (normalised)'),
    history: z
      .array(
        z.object({
          status: statusOut,
          at: z.string().describe('Japan time with offset'),
          comment: z.string().nullable().describe("The department's comment to the applicant"),
        }),
      )
      .describe('Every status the application went through, oldest first'),
  })
  .meta({ id: 'ApplicantApplication', description: 'An application as its applicant sees it' });

export const correctionBody = z
  .object({
    answers: z.record(z.string().max(40), answerValue).describe('New answers of the fields named in correctionFields; others are ignored'),
  })
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  .meta({ id: 'ApplicationCorrection', description: 'A resubmission after a correction request (補正)' });
