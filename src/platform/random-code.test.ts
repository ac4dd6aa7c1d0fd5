import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_ALPHABETS, randomCode } from './random-code.js';

describe('randomCode', () => {
  it('keeps the formats people hold: reservation numbers, card codes, initial passwords', () => {
    assert.match(randomCode(CODE_ALPHABETS.reservationNumber, 8), /^[2-9A-HJKMNP-Z]{8}$/);
    assert.match(randomCode(CODE_ALPHABETS.cardCode, 10), /^[A-HJ-NP-Z2-9]{10}$/);
    assert.match(randomCode(CODE_ALPHABETS.initialPassword, 16), /^[A-Za-z0-9]{16}$/);
    assert.equal(new Set(CODE_ALPHABETS.reservationNumber).size, 31);
    assert.equal(new Set(CODE_ALPHABETS.cardCode).size, 32);
    assert.equal(new Set(CODE_ALPHABETS.initialPassword).size, 62);
  });

  it('draws every character about equally often (no modulo bias) with a 31- and a 62-letter alphabet', () => {
    for (const alphabet of [CODE_ALPHABETS.reservationNumber, CODE_ALPHABETS.initialPassword]) {
      const counts = new Map<string, number>();
      const text = randomCode(alphabet, 200_000);
      for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      assert.equal(counts.size, alphabet.length);
      // chi-square against the uniform distribution; the 99.9 % quantile for 30 / 61 degrees of freedom is ~59.7 / ~100.9
      const expected = text.length / alphabet.length;
      const chi = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      assert.ok(chi < (alphabet.length === 31 ? 59.7 : 100.9), `chi-square ${chi.toFixed(1)} for ${alphabet.length} letters`);
      // a modulo-biased generator (byte % 62) makes the first 8 characters ~25 % more frequent: the test would see it
    }
  });

  it('refuses an alphabet it cannot draw from uniformly', () => {
    assert.throws(() => randomCode('A', 4), RangeError);
  });
});
