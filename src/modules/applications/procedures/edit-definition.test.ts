import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldDefinition, ProcedureDefinition } from './definition.js';
import { addField, moveField, moveStep, removeField, removeStep, replaceField } from './edit-definition.js';

const f = (key: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: { ja: key },
  type: 'text',
  required: true,
  privacy: 'personal',
  validation: {},
  ...extra,
});

const base: ProcedureDefinition = {
  format: 'madoguchi.procedure/1',
  title: { ja: '手続' },
  description: { ja: '説明' },
  eligibility: { ja: '市民' },
  steps: [
    { title: { ja: '1' }, fields: [f('a'), f('b')] },
    { title: { ja: '2' }, fields: [f('c', { showIf: { field: 'a', equals: ['x'] } })] },
  ],
  contactEmailField: 'a',
  applicantNameField: 'a',
  retentionDays: 30,
  identityDocuments: { required: false, kinds: [] },
  collectsMyNumber: false,
  fee: null,
};
const keys = (d: ProcedureDefinition) => d.steps.map((s) => s.fields.map((x) => x.key).join(',')).join(' | ');

describe('definition edits', () => {
  it('moves fields within and across steps, dropping a step left empty', () => {
    assert.equal(keys(moveField(base, 'b', 'up')), 'b,a | c');
    assert.equal(keys(moveField(base, 'b', 'down')), 'a | b,c');
    assert.equal(keys(moveField(base, 'c', 'up')), 'a,b,c');
    assert.equal(keys(moveField(base, 'a', 'up')), 'a,b | c');
  });
  it('adds a field to a step or as a new step', () => {
    assert.equal(keys(addField(base, 1, f('d'))), 'a,b | c,d');
    const added = addField(base, 2, f('d'), { ja: '3' });
    assert.equal(keys(added), 'a,b | c | d');
    assert.equal(added.steps[2]?.title.ja, '3');
  });
  it('renames references when a key changes', () => {
    const d = replaceField(base, 'a', f('name'));
    assert.equal(d.contactEmailField, 'name');
    assert.equal(d.applicantNameField, 'name');
    assert.equal(d.steps[1]?.fields[0]?.showIf?.field, 'name');
  });
  it('removes fields and steps, but never the last one', () => {
    assert.equal(keys(removeField(base, 'c')), 'a,b');
    assert.equal(keys(removeStep(base, 0)), 'c');
    assert.equal(keys(moveStep(base, 1, 'up')), 'c | a,b');
    assert.throws(() => removeStep(removeStep(base, 0), 0));
    assert.throws(() => removeField(removeStep(base, 1), 'zzz'));
  });
  it('leaves the given definition unchanged', () => {
    const before = JSON.stringify(base);
    moveField(base, 'b', 'up');
    removeField(base, 'c');
    replaceField(base, 'a', f('z'));
    assert.equal(JSON.stringify(base), before);
  });
});
