import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldDefinition, ProcedureDefinition } from './definition.js';
import { computeFee, displayAnswer, isFieldVisible, isValidMyNumber, parseDateInput, validateAnswers } from './validate-answers.js';

const f = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: { ja: key },
  type,
  required: true,
  privacy: 'personal',
  validation: {},
  ...extra,
});

function def(fields: FieldDefinition[], extra: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  return {
    format: 'madoguchi.procedure/1',
    title: { ja: '手続' },
    description: { ja: '説明' },
    eligibility: { ja: '市民' },
    steps: [{ title: { ja: '入力' }, fields }],
    contactEmailField: 'email',
    retentionDays: 365,
    identityDocuments: { required: false, kinds: [] },
    collectsMyNumber: false,
    fee: null,
    ...extra,
  };
}

const one = (field: FieldDefinition, value: unknown, extra: Partial<ProcedureDefinition> = {}) => {
  const r = validateAnswers(def([field], extra), { [field.key]: value }, { now: new Date('2026-12-01T03:00:00Z') });
  return { value: r.answers[field.key], error: r.errors.find((e) => e.field === field.key)?.message.ja };
};

describe('validateAnswers: text', () => {
  it('trims, keeps full-width text, and widens half-width katakana', () => {
    assert.deepEqual(one(f('a', 'text'), '  ｶﾌﾞｼｷｶﾞｲｼｬ　山田  '), { value: 'カブシキガイシャ　山田', error: undefined });
  });
  it('refuses a blank required answer and leaves a blank optional one out', () => {
    assert.equal(one(f('a', 'text'), '   ').error, '入力してください。');
    assert.deepEqual(one(f('a', 'text', { required: false }), ''), { value: undefined, error: undefined });
  });
  it('counts length in characters and keeps line breaks only in long text', () => {
    assert.match(one(f('a', 'text', { validation: { maxLength: 3 } }), '𠮷野家です').error ?? '', /3文字以内/);
    assert.equal(one(f('a', 'text', { validation: { maxLength: 3 } }), '𠮷野家').value, '𠮷野家');
    assert.equal(one(f('a', 'text'), 'a\nb').value, 'a b');
    assert.equal(one(f('a', 'longText'), 'a\r\nb').value, 'a\nb');
    assert.match(one(f('a', 'text', { validation: { minLength: 2 } }), 'a').error ?? '', /2文字以上/);
  });
  it('checks the whole answer against the pattern and says the staff message', () => {
    const field = f('a', 'text', { validation: { pattern: '[A-Z]\\d{3}', patternMessage: { ja: '英大文字1字と数字3桁です。' } } });
    assert.equal(one(field, 'A123').value, 'A123');
    assert.equal(one(field, 'xA123').error, '英大文字1字と数字3桁です。');
  });
  it('refuses a non-string answer', () => {
    assert.match(one(f('a', 'text'), { x: 1 }).error ?? '', /形式/);
    assert.match(one(f('a', 'text'), ['a', 'b']).error ?? '', /形式/);
  });
});

describe('validateAnswers: フリガナ', () => {
  it('turns hiragana and half-width katakana into full-width katakana with one full-width space', () => {
    assert.equal(one(f('k', 'kana'), 'やまだ  たろう').value, 'ヤマダ\u3000タロウ');
    assert.equal(one(f('k', 'kana'), 'ﾔﾏﾀﾞ ｼﾞｮｰ').value, 'ヤマダ\u3000ジョー');
    assert.equal(one(f('k', 'kana'), 'スミス-ジョン').value, 'スミスージョン');
    assert.equal(one(f('k', 'kana'), 'ヴァン・ダイク').value, 'ヴァン・ダイク');
  });
  it('refuses kanji and Latin letters', () => {
    assert.match(one(f('k', 'kana'), '山田').error ?? '', /カタカナ/);
    assert.match(one(f('k', 'kana'), 'Yamada').error ?? '', /カタカナ/);
  });
});

describe('validateAnswers: dates', () => {
  it('stores ISO dates from Western and 和暦 input', () => {
    for (const typed of ['2026-12-01', '2026/12/1', '２０２６年１２月１日', '令和8年12月1日', 'R8.12.1', 'r8/12/01', '㋿8年12月1日'])
      assert.equal(one(f('d', 'date'), typed).value, '2026-12-01', typed);
    assert.equal(one(f('d', 'date'), '平成元年1月8日').value, '1989-01-08');
    assert.equal(one(f('d', 'date'), '昭和64年1月7日').value, '1989-01-07');
  });
  it('refuses dates that do not exist or are outside their era', () => {
    assert.match(one(f('d', 'date'), '2026-02-30').error ?? '', /日付を/);
    assert.match(one(f('d', 'date'), '平成32年1月1日').error ?? '', /元号/);
    assert.match(one(f('d', 'date'), '令和元年4月30日').error ?? '', /元号/);
    assert.deepEqual(parseDateInput('tomorrow'), { error: 'format' });
  });
  it('checks min and max dates, today being Japan time', () => {
    // now = 2026-12-01T03:00Z = 12:00 JST on 2026-12-01
    const field = f('d', 'date', { validation: { minDate: 'today' }, dateStyle: 'wareki' });
    assert.equal(one(field, '2026-12-01').value, '2026-12-01');
    assert.equal(one(field, '2026-11-30').error, '令和8年12月1日以降の日付を入力してください。');
    assert.match(one(f('d', 'date', { validation: { maxDate: '2000-01-01' } }), '2000-01-02').error ?? '', /2000-01-01以前/);
  });
});

describe('validateAnswers: numbers', () => {
  it('accepts full-width digits and commas, checks integer, min and max', () => {
    const field = f('n', 'number', { validation: { integer: true, min: 1, max: 10 } });
    assert.equal(one(field, '３').value, '3');
    assert.equal(one(field, 3).value, '3');
    assert.match(one(field, '1.5').error ?? '', /整数/);
    assert.match(one(field, '0').error ?? '', /1以上/);
    assert.match(one(field, '11').error ?? '', /10以下/);
    assert.match(one(field, 'three').error ?? '', /数字/);
    assert.equal(one(f('n', 'number'), '1,200.50').value, '1200.5');
  });
});

describe('validateAnswers: choices', () => {
  const options = [
    { value: 'a', label: { ja: 'エー', en: 'A' } },
    { value: 'b', label: { ja: 'ビー' } },
  ];
  it('takes only an option value', () => {
    assert.equal(one(f('c', 'choice', { options, display: 'radio' }), 'b').value, 'b');
    assert.match(one(f('c', 'choice', { options, display: 'radio' }), 'z').error ?? '', /選択肢/);
    assert.equal(one(f('c', 'choice', { options, display: 'radio' }), '').error, '選んでください。');
  });
  it('keeps checkbox answers in the options order, without duplicates', () => {
    const field = f('c', 'choice', { options, display: 'checkboxes' });
    assert.deepEqual(one(field, ['b', 'a', 'b']).value, ['a', 'b']);
    assert.deepEqual(one(field, 'a').value, ['a']);
    assert.match(one(field, ['a', 'z']).error ?? '', /選択肢/);
    assert.equal(one(field, []).error, '選んでください。');
  });
});

describe('validateAnswers: phone, e-mail, postal code, file', () => {
  it('stores Japanese phone numbers as digits', () => {
    assert.equal(one(f('p', 'phone'), '０９０－１２３４－５６７８').value, '09012345678');
    assert.equal(one(f('p', 'phone'), '03 (1234) 5678').value, '0312345678');
    assert.equal(one(f('p', 'phone'), '+81 90 1234 5678').value, '09012345678');
    assert.match(one(f('p', 'phone'), '1234').error ?? '', /電話番号/);
    assert.match(one(f('p', 'phone'), '00012345678').error ?? '', /電話番号/);
  });
  it('accepts full-width @ and old carrier addresses, lower-cases the domain, refuses others', () => {
    assert.equal(one(f('e', 'email'), 'Taro＠Example.JP').value, 'Taro@example.jp');
    assert.equal(one(f('e', 'email'), 'taro..yamada.@docomo.ne.jp').value, 'taro..yamada.@docomo.ne.jp');
    for (const bad of ['taro', 'a@b', 'a@@b.jp', 'a b@c.jp', '@example.jp', 'a@-x.jp'])
      assert.match(one(f('e', 'email'), bad).error ?? '', /メールアドレス/, bad);
  });
  it('stores postal codes as 123-4567', () => {
    for (const typed of ['1234567', '123-4567', '〒１２３－４５６７', '123 4567'])
      assert.equal(one(f('z', 'postalCode'), typed).value, '123-4567');
    assert.match(one(f('z', 'postalCode'), '12345').error ?? '', /7桁/);
  });
  it('takes a file answer as an upload id', () => {
    assert.equal(one(f('u', 'file'), '0F8FAD5B-D9CB-469F-A165-70867728950E').value, '0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.match(one(f('u', 'file'), '../etc/passwd').error ?? '', /添付/);
    assert.equal(one(f('u', 'file'), '').error, 'ファイルを添付してください。');
  });
});

describe('validateAnswers: My Number', () => {
  it('knows the check digit', () => {
    assert.equal(isValidMyNumber('123456789018'), true);
    assert.equal(isValidMyNumber('123456789012'), false);
    assert.equal(isValidMyNumber('12345678901'), false);
  });
  it('refuses a My Number in any text answer of a procedure not flagged to collect it', () => {
    for (const typed of ['123456789018', '1234 5678 9018', '１２３４-５６７８-９０１８'])
      assert.match(one(f('a', 'text'), typed).error ?? '', /マイナンバー.*入力しないでください/, typed);
    assert.match(one(f('a', 'longText'), '番号は 1234-5678-9018 です').error ?? '', /マイナンバー/);
    assert.match(one(f('n', 'number'), '123456789018').error ?? '', /マイナンバー/);
  });
  it('lets 12 digits with a wrong check digit and longer digit runs through', () => {
    assert.equal(one(f('a', 'text'), '123456789012').value, '123456789012');
    assert.equal(one(f('a', 'longText'), 'カード 4123 4567 8901 8123').error, undefined);
    assert.equal(one(f('a', 'longText'), '電話 03-1234-5678 090-1234-5678').error, undefined);
  });
  it('takes a valid number in a my_number field of a flagged procedure, and only a valid one', () => {
    const field = f('mn', 'text', { privacy: 'my_number' });
    assert.equal(one(field, '1234 5678 9018', { collectsMyNumber: true }).value, '123456789018');
    assert.match(one(field, '123456789012', { collectsMyNumber: true }).error ?? '', /12桁を正しく/);
    assert.equal(one(f('a', 'text'), '123456789018', { collectsMyNumber: true }).value, '123456789018');
  });
});

describe('validateAnswers: visibility and steps', () => {
  const options = [
    { value: 'yes', label: { ja: 'はい' } },
    { value: 'no', label: { ja: 'いいえ' } },
  ];
  const d: ProcedureDefinition = {
    ...def([]),
    steps: [
      { title: { ja: '1' }, fields: [f('mail', 'choice', { options, display: 'radio' }), f('email', 'email')] },
      {
        title: { ja: '2' },
        fields: [f('address', 'text', { showIf: { field: 'mail', equals: ['yes'] } }), f('note', 'text', { required: false })],
      },
    ],
  };
  it('drops and never checks a hidden field', () => {
    const r = validateAnswers(d, { mail: 'no', email: 'a@example.jp', address: '' });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.answers, { mail: 'no', email: 'a@example.jp' });
    const stale = validateAnswers(d, { mail: 'no', email: 'a@example.jp', address: '古い住所' });
    assert.equal(stale.answers.address, undefined);
  });
  it('checks a shown field', () => {
    const r = validateAnswers(d, { mail: 'yes', email: 'a@example.jp' });
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ['address'],
    );
  });
  it('checks only the given steps, while visibility still sees the earlier steps', () => {
    const r = validateAnswers(d, { mail: 'yes', address: '藤沢市' }, { steps: [1] });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.answers, { address: '藤沢市' });
    assert.deepEqual(
      validateAnswers(d, {}, { steps: [0] }).errors.map((e) => e.field),
      ['mail', 'email'],
    );
  });
  it('isFieldVisible matches any of the values, also among checkbox answers', () => {
    const field = f('x', 'text', { showIf: { field: 'c', equals: ['a', 'b'] } });
    assert.equal(isFieldVisible(field, { c: 'b' }), true);
    assert.equal(isFieldVisible(field, { c: ['z', 'a'] }), true);
    assert.equal(isFieldVisible(field, { c: 'z' }), false);
    assert.equal(isFieldVisible(field, {}), false);
    assert.equal(isFieldVisible(f('y', 'text'), {}), true);
  });
});

describe('fees', () => {
  const copies = f('copies', 'number', { validation: { integer: true, max: 10 } });
  const perUnit = def([copies], {
    fee: { kind: 'per_unit', unitPrice: 300, quantityField: 'copies', unitLabel: { ja: '通' }, timing: 'on_submission' },
  });
  it('computes unit price × quantity and fixed fees', () => {
    assert.deepEqual(computeFee(perUnit, { copies: '3' }), { amount: 900, quantity: 3 });
    assert.deepEqual(computeFee(perUnit, {}), { amount: 0, quantity: 0 });
    assert.deepEqual(computeFee(def([], { fee: { kind: 'fixed', amount: 500, timing: 'after_acceptance' } }), {}), {
      amount: 500,
      quantity: null,
    });
    assert.equal(computeFee(def([]), {}), null);
  });
  it('requires a quantity of at least 1 and a fee within bounds', () => {
    assert.match(validateAnswers(perUnit, { copies: '0' }).errors[0]?.message.ja ?? '', /1以上/);
    const big = def([f('copies', 'number', { validation: { integer: true } })], {
      fee: { kind: 'per_unit', unitPrice: 5_000_000, quantityField: 'copies', unitLabel: { ja: '通' }, timing: 'on_submission' },
    });
    assert.match(validateAnswers(big, { copies: '3' }).errors[0]?.message.ja ?? '', /数を減らして/);
  });
});

describe('displayAnswer', () => {
  it('writes dates in 和暦 or 西暦 in each language', () => {
    assert.equal(displayAnswer(f('d', 'date', { dateStyle: 'wareki' }), '2026-12-01', 'ja'), '令和8年12月1日');
    assert.equal(displayAnswer(f('d', 'date', { dateStyle: 'seireki' }), '2026-12-01', 'ja'), '2026年12月1日');
    assert.equal(displayAnswer(f('d', 'date'), '2026-12-01', 'en'), '1 December 2026');
  });
  it('writes choice labels, phone numbers grouped and postal codes with 〒', () => {
    const options = [
      { value: 'a', label: { ja: 'エー', en: 'A' } },
      { value: 'b', label: { ja: 'ビー' } },
    ];
    assert.equal(displayAnswer(f('c', 'choice', { options, display: 'checkboxes' }), ['a', 'b'], 'ja'), 'エー、ビー');
    assert.equal(displayAnswer(f('c', 'choice', { options, display: 'checkboxes' }), ['a', 'b'], 'en'), 'A, ビー');
    assert.equal(displayAnswer(f('p', 'phone'), '09012345678', 'ja'), '090-1234-5678');
    assert.equal(displayAnswer(f('p', 'phone'), '0466251111', 'ja'), '0466-25-1111');
    assert.equal(displayAnswer(f('z', 'postalCode'), '251-8601', 'ja'), '〒251-8601');
    assert.equal(displayAnswer(f('a', 'text'), undefined, 'ja'), '');
  });
});
