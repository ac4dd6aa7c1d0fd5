/**
 * Request validation with zod, producing field-level messages in Japanese and English.
 * A schema can carry its own bilingual message with `msg({ ja, en })` as the zod error.
 */
import { z } from 'zod';
import { errors, type FieldError } from './errors.js';
import type { Text } from './i18n.js';

const MARK = '\u0000i18n:';

/** Encodes a bilingual message so it survives zod's string-only messages. */
export function msg(text: Text): string {
  return MARK + JSON.stringify(text);
}

function decode(message: string): Text | undefined {
  if (!message.startsWith(MARK)) return undefined;
  return JSON.parse(message.slice(MARK.length)) as Text;
}

const formatNames: Record<string, Text> = {
  email: { ja: 'メールアドレス', en: 'an e-mail address' },
  uuid: { ja: 'ID', en: 'an id' },
  date: { ja: '日付（YYYY-MM-DD）', en: 'a date (YYYY-MM-DD)' },
  datetime: { ja: '日時', en: 'a date and time' },
  url: { ja: 'URL', en: 'a URL' },
};

function issueText(issue: z.core.$ZodIssue): Text {
  const own = decode(issue.message);
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '')
        return { ja: '入力してください。', en: 'This is required.' };
      return { ja: '形式が正しくありません。', en: 'This has the wrong type.' };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { ja: '入力してください。', en: 'This is required.' }
          : { ja: `${issue.minimum}文字以上で入力してください。`, en: `Enter at least ${issue.minimum} characters.` };
      if (issue.origin === 'array')
        return { ja: `${issue.minimum}件以上選んでください。`, en: `Choose at least ${issue.minimum}.` };
      return { ja: `${issue.minimum}以上の値にしてください。`, en: `Must be at least ${issue.minimum}.` };
    case 'too_big':
      if (issue.origin === 'string')
        return { ja: `${issue.maximum}文字以内で入力してください。`, en: `Enter at most ${issue.maximum} characters.` };
      if (issue.origin === 'array')
        return { ja: `${issue.maximum}件以内にしてください。`, en: `Choose at most ${issue.maximum}.` };
      return { ja: `${issue.maximum}以下の値にしてください。`, en: `Must be at most ${issue.maximum}.` };
    case 'invalid_format': {
      const name = formatNames[issue.format];
      return name
        ? { ja: `${name.ja}の形式で入力してください。`, en: `Enter ${name.en}.` }
        : { ja: '形式が正しくありません。', en: 'The format is not valid.' };
    }
    case 'invalid_value':
      return { ja: '選択肢から選んでください。', en: 'Choose one of the options.' };
    case 'unrecognized_keys':
      return { ja: `受け付けない項目があります: ${issue.keys.join(', ')}`, en: `Unknown fields: ${issue.keys.join(', ')}` };
    default:
      return { ja: '入力内容が正しくありません。', en: 'This value is not valid.' };
  }
}

export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const keys =
      issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : (issue.path as PropertyKey[]);
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
