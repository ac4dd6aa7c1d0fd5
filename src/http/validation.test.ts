import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { defineCatalogue } from '../platform/i18n.js';
import { AppError } from './errors.js';
import { fieldErrorsOf, parseOrThrow, zodMessage } from './validation.js';

const own = defineCatalogue({
  enterTitle: { ja: '件名を{max}文字以内で入力してください。', en: 'Keep the subject within {max} characters.' },
});

describe('field errors from the validation catalogue', () => {
  const schema = z.object({
    name: z.string().min(1),
    note: z.string().max(5),
    email: z.email(),
    subject: z.string().max(3, zodMessage(own, 'enterTitle', { max: 3 })),
  });

  it("give each issue both languages, so the edge shows the reader's", () => {
    const r = schema.safeParse({ name: '', note: '123456', email: 'x', subject: 'abcd' });
    assert.ok(!r.success);
    const byField = Object.fromEntries(fieldErrorsOf(r.error).map((e) => [e.field, e.message]));
    assert.deepEqual(byField.name, { ja: '入力してください。', en: 'This is required.' });
    assert.deepEqual(byField.note, { ja: '5文字以内で入力してください。', en: 'Enter at most 5 characters.' });
    assert.deepEqual(byField.email, { ja: 'メールアドレスの形式で入力してください。', en: 'Enter an e-mail address.' });
    assert.deepEqual(byField.subject, { ja: '件名を3文字以内で入力してください。', en: 'Keep the subject within 3 characters.' });
  });

  it('throw a 422 carrying the field errors', () => {
    assert.throws(
      () => parseOrThrow(schema, {}, 'body'),
      (e: unknown) => e instanceof AppError && e.status === 422 && e.extra.fieldErrors?.[0]?.field === 'body.name',
    );
  });
});
