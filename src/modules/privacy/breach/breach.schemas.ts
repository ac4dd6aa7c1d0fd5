/** The breach report form: a window of Japan-time days and exactly one of a scope, a staff account or tables. */
import { z } from 'zod';
import { zodMessage } from '../../../http/validation.js';
import { isValidDate } from '../../../platform/japan-time.js';
import { breachMessages } from './breach.messages.js';

const TEXT_MAX = 4000;
const optionalText = (max: number) =>
  z
    .string()
    .max(max, zodMessage(breachMessages, 'error.tooLong', { max }))
    .optional()
    .transform((v) => v?.trim() || undefined);

export const breachForm = z
  .object({
    from: z.string(),
    to: z.string(),
    scope: optionalText(300),
    staff: optionalText(100),
    tables: optionalText(1000),
    cause: optionalText(TEXT_MAX),
    measures: optionalText(TEXT_MAX),
  })
  .superRefine((f, c) => {
    if (!isValidDate(f.from)) c.addIssue({ code: 'custom', path: ['from'], message: zodMessage(breachMessages, 'error.date') });
    if (!isValidDate(f.to)) c.addIssue({ code: 'custom', path: ['to'], message: zodMessage(breachMessages, 'error.date') });
    else if (isValidDate(f.from) && f.to < f.from)
      c.addIssue({ code: 'custom', path: ['to'], message: zodMessage(breachMessages, 'error.order') });
    if ([f.scope, f.staff, f.tables].filter(Boolean).length !== 1)
      c.addIssue({ code: 'custom', path: ['scope'], message: zodMessage(breachMessages, 'error.oneScope') });
  });

export type BreachForm = z.output<typeof breachForm>;

/** The scope the form names, in the CLI's syntax. */
export const scopeOfForm = (f: BreachForm): string =>
  f.staff ? `staff:${f.staff}` : f.tables ? `table:${f.tables.replace(/^table:/, '')}` : (f.scope as string);
