/** Request and response schemas of payment administration (screens and the staff payment API alike). */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { addDays, isValidDate } from '../../../platform/japan-time.js';
import { paymentAdminMessages as m } from './payment-admin.messages.js';

const dateKey = z.string().trim().max(10);

/** A period of Japan-time days, both ends included, at most 366 days long. */
export const periodQuery = z
  .object({
    from: dateKey.describe('First day, YYYY-MM-DD (Japan time)'),
    to: dateKey.describe('Last day, included, YYYY-MM-DD (Japan time); at most 366 days after from'),
  })
  .superRefine((q, c) => {
    if (!isValidDate(q.from)) c.addIssue({ code: 'custom', path: ['from'], message: zodMessage(m, 'notADate') });
    if (!isValidDate(q.to)) c.addIssue({ code: 'custom', path: ['to'], message: zodMessage(m, 'notADate') });
    else if (isValidDate(q.from) && (q.to < q.from || addDays(q.from, 366) < q.to))
      c.addIssue({ code: 'custom', path: ['to'], message: zodMessage(m, 'periodTooLong') });
  });
export type Period = z.output<typeof periodQuery>;

const encoding = z
  .enum(['shift_jis', 'utf-8'])
  .default('shift_jis')
  .describe('shift_jis (Windows-31J, what Excel in Japan opens) or utf-8 with BOM');

export const exportQuery = z.object({ from: periodQuery.shape.from, to: periodQuery.shape.to, encoding }).superRefine((q, c) => {
  const r = periodQuery.safeParse({ from: q.from, to: q.to });
  if (!r.success) for (const issue of r.error.issues) c.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** The statistics screen: the period may be left out (this month so far). */
export const statsPageQuery = z.object({ from: dateKey.optional(), to: dateKey.optional() });

export const reportQuery = z.object({
  date: dateKey.optional().refine((d) => d === undefined || d === '' || isValidDate(d), zodMessage(m, 'notADate')),
});
export const reportCsvQuery = z.object({
  date: dateKey.refine(isValidDate, zodMessage(m, 'notADate')),
  encoding,
});

/** 整理番号 as typed: hyphens, spaces and lower case forgiven. */
export const referenceQuery = z.object({
  ref: z
    .string()
    .max(40)
    .optional()
    .transform((s) => (s ?? '').replace(/[\s-]/g, '').toUpperCase())
    .refine((s) => s === '' || /^[2-9A-HJKMNP-Z]{10}$/.test(s), zodMessage(m, 'referenceRule')),
});

/** The refunds screen: a 整理番号 search and, after a form, what was done. */
export const refundsPageQuery = referenceQuery.extend({
  done: z.enum(['requested', 'rejected', 'approved', 'succeeded', 'failed']).optional(),
});

export const idParams = z.object({ id: z.uuid() });

export const refundRequestBody = z.object({
  amount: z.coerce
    .number(zodMessage(m, 'amountRule'))
    .int(zodMessage(m, 'amountRule'))
    .min(1, zodMessage(m, 'amountRule'))
    .max(10_000_000, zodMessage(m, 'amountRule')),
  reason: z.string().trim().min(1, zodMessage(m, 'reasonRequired')).max(500, zodMessage(m, 'reasonRequired')),
});

export const refundDecisionBody = z.object({ decision: z.enum(['approve', 'reject']) });

const figures = {
  count: z.number().int().describe('Payments paid'),
  gross: z.number().int().describe('Yen paid'),
  refunded: z.number().int().describe('Yen refunded of those payments so far'),
  net: z.number().int().describe('gross − refunded'),
};

export const paymentStatsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object(figures),
    byDay: z.array(z.object({ date: z.string().describe('YYYY-MM-DD, Japan time'), ...figures })),
    byMethod: z.array(z.object({ method: z.string().describe('card | apple_pay | paypay | other | unknown'), ...figures })),
    byProcedure: z.array(
      z.object({
        procedureId: z.string().nullable().describe('null once the application was erased'),
        title: z.string().nullable().describe('The procedure’s Japanese title'),
        ...figures,
      }),
    ),
    byRevenueAccount: z.array(
      // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
      z.object({ revenueAccountCode: z.string().nullable().describe('Revenue account code (歳入科目); null when not set'), ...figures }),
    ),
  })
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese terms
  .meta({
    id: 'PaymentStatistics',
    description: 'Payments paid in a period (Japan time), by day, method, procedure and revenue account (歳入科目). No personal data.',
  });
export type PaymentStats = z.output<typeof paymentStatsSchema>;
