import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormParamsError, parseFormParams } from './form-params.js';

describe("payment stand-in: Stripe's bracketed form encoding read back", () => {
  it('nests objects and arrays (indexed, empty-bracket and sparse indexes) and keeps values as strings', () => {
    assert.deepEqual(
      parseFormParams(
        'line_items[0][quantity]=2&line_items[0][price_data][unit_amount]=300&expand[]=a&expand[]=b.c&created[gte]=10&x[2]=z&x[5]=y&name=%E6%89%8B%E6%95%B0%E6%96%99+x',
      ),
      {
        line_items: [{ quantity: '2', price_data: { unit_amount: '300' } }],
        expand: ['a', 'b.c'],
        created: { gte: '10' },
        x: ['z', 'y'],
        name: '手数料 x',
      },
    );
    assert.deepEqual(parseFormParams(''), {});
  });

  it('refuses a key used both as a value and as an object, and malformed keys', () => {
    assert.throws(() => parseFormParams('a=1&a[b]=2'), FormParamsError);
    assert.throws(() => parseFormParams('a[b]=2&a=1'), FormParamsError);
    assert.throws(() => parseFormParams('a]b=1'), FormParamsError);
    assert.throws(() => parseFormParams('a[0]=1&a[x]=2'), FormParamsError);
  });
});
