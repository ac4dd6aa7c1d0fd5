import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../http/errors.js';
import { checkDefinition, patternProblem } from './check-definition.js';
import type { FieldDefinition, ProcedureDefinition } from './definition.js';
import { parseDefinition, parseDefinitionFile } from './parse-definition.js';

const f = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: { ja: key },
  type,
  required: true,
  privacy: 'personal',
  validation: {},
  ...extra,
});

const yesNo = [
  { value: 'yes', label: { ja: 'はい' } },
  { value: 'no', label: { ja: 'いいえ' } },
];

function def(fields: FieldDefinition[], extra: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  return {
    format: 'madoguchi.procedure/1',
    title: { ja: '手続' },
    description: { ja: '説明' },
    eligibility: { ja: '市民' },
    steps: [{ title: { ja: '入力' }, fields: [f('email', 'email'), ...fields] }],
    contactEmailField: 'email',
    retentionDays: 365,
    identityDocuments: { required: false, kinds: [] },
    collectsMyNumber: false,
    fee: null,
    ...extra,
  };
}

const problems = (d: ProcedureDefinition) => checkDefinition(d).map((e) => `${e.field}: ${e.message.ja}`);

describe('checkDefinition', () => {
  it('accepts a sound definition', () => {
    const d = def([
      f('mail', 'choice', { options: yesNo, display: 'radio' }),
      f('zip', 'postalCode', { addressField: 'address', showIf: { field: 'mail', equals: ['yes'] } }),
      f('address', 'text', { showIf: { field: 'mail', equals: ['yes'] } }),
      f('copies', 'number', { validation: { integer: true, min: 1 } }),
    ]);
    assert.deepEqual(
      problems({
        ...d,
        fee: { kind: 'per_unit', unitPrice: 300, quantityField: 'copies', unitLabel: { ja: '通' }, timing: 'on_submission' },
        revenueAccountCode: '14-1',
      }),
      [],
    );
  });
  it('refuses duplicate keys', () => {
    assert.match(problems(def([f('a', 'text'), f('a', 'text')])).join(), /steps\.0\.fields\.2\.key: .*重複/);
  });
  it('refuses a condition on a later or unknown field, or on a value that is not an option', () => {
    assert.match(problems(def([f('a', 'text', { showIf: { field: 'b', equals: ['x'] } }), f('b', 'text')])).join(), /showIf\.field/);
    assert.match(
      problems(
        def([f('c', 'choice', { options: yesNo, display: 'radio' }), f('d', 'text', { showIf: { field: 'c', equals: ['maybe'] } })]),
      ).join(),
      /showIf\.equals: .*maybe/,
    );
  });
  it('needs options and a display for a choice, and no options elsewhere', () => {
    const out = problems(def([f('c', 'choice')])).join();
    assert.match(out, /options/);
    assert.match(out, /display/);
    assert.match(problems(def([f('t', 'text', { options: yesNo })])).join(), /選択肢は「選択」/);
  });
  it('checks the address, quantity, contact and applicant-name fields', () => {
    assert.match(problems(def([f('zip', 'postalCode', { addressField: 'email' })])).join(), /addressField/);
    const fee = { kind: 'per_unit', unitPrice: 300, quantityField: 'n', unitLabel: { ja: '通' }, timing: 'on_submission' } as const;
    assert.match(problems(def([f('n', 'number')], { fee, revenueAccountCode: 'x' })).join(), /fee\.quantityField/);
    assert.match(
      problems(def([f('n', 'number', { required: false, validation: { integer: true } })], { fee, revenueAccountCode: 'x' })).join(),
      /fee\.quantityField/,
    );
    assert.match(problems(def([], { contactEmailField: 'nowhere' })).join(), /contactEmailField/);
    assert.match(problems(def([f('age', 'number')], { applicantNameField: 'age' })).join(), /applicantNameField/);
  });
  it('requires a revenue account with a fee and an order of the dates', () => {
    assert.match(problems(def([], { fee: { kind: 'fixed', amount: 500, timing: 'after_acceptance' } })).join(), /revenueAccountCode/);
    assert.match(problems(def([], { opensAt: '2026-12-02T00:00:00+09:00', closesAt: '2026-12-01T00:00:00+09:00' })).join(), /closesAt/);
  });
  it('requires an identity-document file field when identity documents are required', () => {
    const identity = { required: true, kinds: ['driver_license' as const] };
    assert.match(problems(def([], { identityDocuments: identity })).join(), /identityDocuments\.required/);
    assert.deepEqual(problems(def([f('id', 'file', { privacy: 'identity_document' })], { identityDocuments: identity })), []);
    assert.match(
      problems(def([f('id', 'file', { privacy: 'identity_document' })], { identityDocuments: { required: true, kinds: [] } })).join(),
      /kinds/,
    );
  });
  it('allows a My Number field only in a flagged procedure', () => {
    assert.match(problems(def([f('mn', 'text', { privacy: 'my_number' })])).join(), /privacy: .*マイナンバー/);
    assert.deepEqual(problems(def([f('mn', 'text', { privacy: 'my_number' })], { collectsMyNumber: true })), []);
  });
  it('refuses patterns that do not compile or are too long', () => {
    assert.equal(patternProblem('[0-9]+'), undefined);
    assert.ok(patternProblem('(['));
    assert.ok(patternProblem('a'.repeat(201)));
    assert.match(problems(def([f('t', 'text', { validation: { pattern: '(unclosed' } })])).join(), /validation\.pattern/);
    assert.match(problems(def([f('n', 'number', { validation: { pattern: '1' } })])).join(), /validation\.pattern/);
  });
});

describe('parseDefinition / parseDefinitionFile', () => {
  it('refuses what the schema refuses, with paths', () => {
    try {
      parseDefinition({ ...def([]), retentionDays: 0 });
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof AppError && err.status === 422);
      assert.equal(err.extra.fieldErrors?.[0]?.field, 'retentionDays');
    }
  });
  it('reads a file with a BOM and refuses other files', () => {
    const ok = Buffer.from(`\uFEFF${JSON.stringify(def([]))}`);
    assert.equal(parseDefinitionFile(ok).title.ja, '手続');
    for (const bad of ['not json', JSON.stringify({ format: 'other' }), JSON.stringify({ ...def([]), contactEmailField: 'x' })])
      assert.throws(
        () => parseDefinitionFile(Buffer.from(bad)),
        (e) => e instanceof AppError && e.status === 422,
      );
  });
});
