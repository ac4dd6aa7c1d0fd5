/**
 * Request validation with zod, producing field-level messages in Japanese and English.
 *
 * zod's own error map is process-global (`z.config({ customError })`) and cannot know the reader's
 * language, so messages are not chosen when parsing. Instead every issue becomes a `Text` (both
 * languages) from a catalogue, and the edge (error handler, page renderer) shows the reader's one:
 * - a schema's own message: `zodMessage(catalogue, 'key', vars)` (or, older, `msg({ ja, en })`);
 * - otherwise the issue's code and parameters pick a message of `validationMessages` (required,
 *   too long {max}, invalid e-mail, …).
 */
import type { z } from 'zod';
import type { Catalogue, Text, VarsArg } from '../platform/i18n.js';
import { errors, type FieldError } from './errors.js';
import { validationMessages as v } from './validation.messages.js';

const MARK = '\u0000i18n:';

/** Encodes a bilingual message so it survives zod's string-only messages. */
export function msg(text: Text): string {
  return MARK + JSON.stringify(text);
}

/** A schema's own message from a catalogue: `z.string().min(1, zodMessage(messages, 'enterName'))`. */
export function zodMessage<C extends Record<string, { readonly ja: string; readonly en: string }>, K extends keyof C & string>(
  catalogue: Catalogue<C>,
  key: K,
  ...vars: VarsArg<C[K]>
): string {
  return msg(catalogue.text(key, ...vars));
}

function decode(message: string): Text | undefined {
  if (!message.startsWith(MARK)) return undefined;
  return JSON.parse(message.slice(MARK.length)) as Text;
}

const formats: Record<string, 'invalidEmail' | 'invalidUuid' | 'invalidDate' | 'invalidDateTime' | 'invalidUrl'> = {
  email: 'invalidEmail',
  uuid: 'invalidUuid',
  date: 'invalidDate',
  datetime: 'invalidDateTime',
  url: 'invalidUrl',
};

/** The message of one issue, in both languages. */
export function issueText(issue: z.core.$ZodIssue): Text {
  const own = decode(issue.message);
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return v.text('required');
      return v.text('wrongType');
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? v.text('required') : v.text('tooShort', { min });
      if (issue.origin === 'array') return v.text('tooFewChoices', { min });
      return v.text('tooSmall', { min });
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return v.text('tooLong', { max });
      if (issue.origin === 'array') return v.text('tooManyChoices', { max });
      return v.text('tooBig', { max });
    }
    case 'invalid_format': {
      const key = formats[issue.format];
      return key ? v.text(key) : v.text('invalidFormat');
    }
    case 'invalid_value':
      return v.text('chooseOption');
    case 'unrecognized_keys':
      return v.text('unknownFields', { keys: issue.keys.join(', ') });
    default:
      return v.text('invalid');
  }
}

export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : (issue.path as PropertyKey[]);
    const field = [prefix, ...keys.map(String)].filter(Boolean).join('.');
    return { field: field || '(body)', message: issueText(issue) };
  });
}

/** Parses input or throws a 422 AppError with field-level messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw errors.validation(fieldErrorsOf(r.error, prefix));
  return r.data;
}
