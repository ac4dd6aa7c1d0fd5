/** Schemas of the items API and page: the same names as the operation's fields (claimed, effectiveFrom, value). */
import { z } from 'zod';
import { ITEM_CODES, ITEM_LEVELS } from '../shared/types.js';

export const fiscalYearParams = z.object({ fiscalYear: z.coerce.number().int().min(2015).max(2100) });
export const itemParams = fiscalYearParams.extend({ code: z.enum(ITEM_CODES) });
/** The API answers an unknown item code 404 (the operation's check), not 422. */
export const apiItemParams = fiscalYearParams.extend({
  code: z
    .string()
    .max(40)
    .describe(`An item code: ${ITEM_CODES.join(', ')}`),
});

/** PUT body; the value's own schema (item-definitions.ts) is checked by the operation, per item. */
export const setItemBody = z.object({
  claimed: z.boolean().optional(),
  effectiveFrom: z.string().max(20),
  value: z.record(z.string(), z.unknown()).optional(),
});

const itemRow = z.object({
  code: z.enum(ITEM_CODES),
  claimed: z.boolean(),
  effectiveFrom: z.string().describe('YYYY-MM-DD'),
  value: z.record(z.string(), z.unknown()),
});

export const setItemResponse = itemRow.extend({ id: z.number().int() });

export const itemListResponse = z.object({
  fiscalYear: z.number().int(),
  asOf: z.string().describe('The date "in effect" refers to: today, or the first or last day of the fiscal year when today is outside it'),
  items: z.array(
    z.object({
      code: z.enum(ITEM_CODES),
      level: z.enum(Object.values(ITEM_LEVELS) as ['national', 'prefecture', 'city']),
      inEffect: itemRow.nullable(),
      history: z.array(itemRow.omit({ code: true }).extend({ id: z.number().int(), recordedAt: z.string() })),
    }),
  ),
});

/** The page's form: every field a string as typed (the operation checks them, per item). */
export const itemFormBody = z
  .object({ claimed: z.string().optional(), effectiveFrom: z.string().max(20).optional() })
  .catchall(z.string().max(50));
export const itemsPageQuery = z.object({
  fy: z.coerce.number().int().min(2015).max(2100).optional(),
  saved: z.enum(ITEM_CODES).optional(),
});
