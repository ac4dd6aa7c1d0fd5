/** Request and response schemas of child counts: the same schemas serve the API and the screens. */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { AGE_BANDS, NEEDS } from '../shared/types.js';
import { countMessages } from './counts.messages.js';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const MONTH = /^(20\d\d)-(0[1-9]|1[0-2])$/;

export const month = z
  .string()
  .trim()
  .regex(MONTH, zodMessage(countMessages, 'month.invalid'))
  .describe('Month of the counts (children on its first day), YYYY-MM');

/** A month in the path; anything else is a page that does not exist. */
export const monthParams = z.object({ month: z.string().regex(MONTH) });
export const facilityMonthParams = z.object({
  month: z.string().regex(MONTH),
  facilityCode: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,19}$/),
});

export const overviewQuery = z.object({ month: z.preprocess(blank, month.optional()) });
export const importQuery = z.object({ month });

const text = (requiredKey: 'review.queryRequired' | 'review.answerRequired') =>
  z
    .string({ error: zodMessage(countMessages, requiredKey) })
    .trim()
    .min(1, zodMessage(countMessages, requiredKey))
    .max(2000, zodMessage(countMessages, 'review.tooLong', { max: 2000 }));

export const queryBody = z.object({ message: text('review.queryRequired').describe('What the facility asks the city (no child’s name)') });
export const answerBody = z.object({ answer: text('review.answerRequired') });
export const confirmBody = z.object({
  importId: z
    .preprocess(blank, z.uuid().optional())
    .describe('The import the person checked: refused (422) when the counts were imported again since'),
});

// ---- answers

const statusEnum = z.enum(['pending', 'confirmed', 'queried', 'answered']);

export const childCount = z
  .object({
    // i18n-exempt: OpenAPI descriptions for developers, naming the Japanese terms of the codes
    certClass: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('認定区分: 1号, 2号, 3号'),
    ageBand: z.enum(AGE_BANDS),
    // i18n-exempt: OpenAPI description for developers
    need: z.enum(NEEDS).describe('保育必要量: standard 保育標準時間, short 保育短時間, education 教育標準時間'),
    count: z.number().int().min(0).max(9999),
  })
  .meta({ id: 'ChildCount' });

export const facilityMonthAnswer = z
  .object({
    month: z.string(),
    importId: z.uuid(),
    importedAt: z.string().describe('When the city imported these counts (ISO 8601)'),
    status: statusEnum,
    counts: z.array(childCount),
    total: z.number().int(),
    query: z.string().nullable().describe("The facility's open or last query"),
    answer: z.string().nullable().describe("The city's answer to it"),
  })
  .meta({ id: 'FacilityCountMonth' });

export const facilityMonthsAnswer = z
  .object({ items: z.array(z.object({ month: z.string(), status: statusEnum, importId: z.uuid(), total: z.number().int() })) })
  .meta({ id: 'FacilityCountMonths' });

export const reviewAnswer = z.object({ status: statusEnum, importId: z.uuid() }).meta({ id: 'CountReviewResult' });

export const overviewAnswer = z
  .object({
    month: z.string(),
    facilities: z.array(z.object({ code: z.string(), name: z.string(), status: statusEnum, total: z.number().int() })),
    totals: z.array(childCount),
    statusCounts: z.object({
      pending: z.number().int(),
      confirmed: z.number().int(),
      queried: z.number().int(),
      answered: z.number().int(),
    }),
  })
  .meta({ id: 'ChildCountOverview' });

export const importAnswer = z
  .object({
    importId: z.uuid(),
    month: z.string(),
    encoding: z.enum(['cp932', 'utf-8']),
    lineCount: z.number().int(),
    facilityCount: z.number().int(),
    changedFacilityCount: z.number().int().describe('Facilities whose numbers changed: their review went back to pending'),
    fileSha256: z.string(),
  })
  .meta({ id: 'ChildCountImport' });
