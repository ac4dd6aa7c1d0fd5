import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCatalogue } from './i18n.js';

const cat = defineCatalogue({
  hello: { ja: 'こんにちは、{name}さん', en: 'Hello, {name}' },
  plain: { ja: 'はい', en: 'Yes' },
  two: { ja: '{a}から{b}', en: 'from {a} to {b}' },
});

describe('message catalogues', () => {
  it('fill placeholders in the language asked for, or in both', () => {
    assert.equal(cat.t('ja', 'hello', { name: '花子' }), 'こんにちは、花子さん');
    assert.equal(cat.t('en', 'two', { a: 1, b: 2 }), 'from 1 to 2');
    assert.deepEqual(cat.text('plain'), { ja: 'はい', en: 'Yes' });
    assert.equal(cat.in('en')('hello', { name: 'Hanako' }), 'Hello, Hanako');
  });

  it('refuse at definition a message whose languages use different placeholders, or an empty one', () => {
    assert.throws(() => defineCatalogue({ x: { ja: '{name}様', en: 'Dear {nmae}' } }), /placeholders \{name\} in ja but \{nmae\} in en/);
    assert.throws(() => defineCatalogue({ x: { ja: '', en: 'Yes' } }), /empty in ja/);
  });

  it('make a wrong key or a missing placeholder a compile error (checked by tsc)', () => {
    const t = cat.in('ja');
    // @ts-expect-error a key that is not in the catalogue
    assert.throws(() => t('helo'), /unknown message/);
    // @ts-expect-error {name} is missing
    t('hello', {});
    // @ts-expect-error a plain message takes no vars
    t('plain', { name: 'x' });
    // @ts-expect-error {b} is missing
    cat.t('en', 'two', { a: 1 });
  });
});
