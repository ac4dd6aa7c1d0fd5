import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeItemValue } from './describe-item-value.js';

describe('describeItemValue', () => {
  it('names each value by its form label, nested ones included, with coded values in words', () => {
    assert.equal(describeItemValue({ kind: 'employed' }, 'ja'), '栄養士の配置形態: 雇用');
    assert.equal(
      describeItemValue({ kubun3: { personsA: 2, personsB: 3 } }, 'ja'),
      '区分③ 人数A（副主任保育士等）: 2、区分③ 人数B（職務分野別リーダー等）: 3',
    );
    assert.equal(describeItemValue({ minutes: 60, children: 12 }, 'en'), 'Extension: 1 hour, Children covered: 12');
  });
  it('leaves out empty values and shows an unknown key as it is', () => {
    assert.equal(describeItemValue({}, 'ja'), '');
    assert.equal(describeItemValue({ kubun1Rate: null, other: 'x' }, 'ja'), 'other: x');
  });
});
