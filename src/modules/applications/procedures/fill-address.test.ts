import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldDefinition, ProcedureDefinition } from './definition.js';
import { fillAddress } from './fill-address.js';

const field = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: { ja: key },
  type,
  required: false,
  privacy: 'personal',
  validation: {},
  ...extra,
});

const def: ProcedureDefinition = {
  format: 'madoguchi.procedure/1',
  title: { ja: '手続' },
  description: { ja: '説明' },
  eligibility: { ja: '市民' },
  steps: [
    {
      title: { ja: '住所' },
      fields: [field('zip', 'postalCode', { addressField: 'address' }), field('address', 'text'), field('email', 'email')],
    },
  ],
  contactEmailField: 'email',
  retentionDays: 30,
  identityDocuments: { required: false, kinds: [] },
  collectsMyNumber: false,
  fee: null,
};

describe('fillAddress', () => {
  it('fills an empty address field from the bundled dataset', async () => {
    const out = await fillAddress(def, { zip: '100-0001' });
    assert.equal(out.address, '東京都千代田区千代田');
  });
  it('never overwrites what the citizen typed', async () => {
    const out = await fillAddress(def, { zip: '100-0001', address: '自分で書いた住所' });
    assert.equal(out.address, '自分で書いた住所');
  });
  it('fills nothing for an unknown code', async () => {
    const out = await fillAddress(def, { zip: '000-0000' });
    assert.equal(out.address, undefined);
  });
});
