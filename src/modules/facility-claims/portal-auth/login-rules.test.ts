/** The log-in's pure rules: the escalating lock, the code's shape and keyed hash, typed codes and ids. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { codeHash, codeHashesMatch, lockMinutesAt, newChallengeId, newCode, normaliseCode, normaliseLoginId } from './login-rules.js';

describe('facility log-in rules', () => {
  it('locks at every fifth failure, 15 min, 60 min, 4 h, then 24 h each time', () => {
    const locks = Array.from({ length: 31 }, (_, n) => lockMinutesAt(n));
    assert.deepEqual(
      locks.map((m, n) => [n, m]).filter(([, m]) => m !== null),
      [
        [5, 15],
        [10, 60],
        [15, 240],
        [20, 1440],
        [25, 1440],
        [30, 1440],
      ],
    );
  });

  it('makes six-digit codes (leading zeros kept) and 128-bit challenge ids', () => {
    const codes = Array.from({ length: 2000 }, newCode);
    assert.ok(codes.every((c) => /^\d{6}$/.test(c)));
    assert.ok(
      codes.some((c) => c.startsWith('0')),
      'a leading zero appears about once in ten',
    );
    assert.ok(new Set(codes).size > 1990);
    const id = newChallengeId();
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(Buffer.from(id, 'base64url').length, 16);
  });

  it('reads full-width digits, spaces and hyphens in a typed code, and nothing else', () => {
    assert.equal(normaliseCode('０１２ ３４５'), '012345');
    assert.equal(normaliseCode('012-345'), '012345');
    assert.equal(normaliseCode('12345'), undefined);
    assert.equal(normaliseCode('1234567'), undefined);
    assert.equal(normaliseCode('12345a'), undefined);
    assert.equal(normaliseLoginId('  ＦＵ-Taro '), 'fu-taro');
  });

  it('hashes a code with the secret and its challenge: another challenge, code or secret gives another hash', () => {
    const secret = crypto.randomBytes(32);
    const h = codeHash(secret, 'challenge-aaaaaaaaaaaaa', '123456');
    assert.equal(h, crypto.createHmac('sha256', secret).update('fc-otp\u0000challenge-aaaaaaaaaaaaa\u0000123456').digest('hex'));
    assert.ok(codeHashesMatch(h, codeHash(secret, 'challenge-aaaaaaaaaaaaa', '123456')));
    assert.ok(!codeHashesMatch(h, codeHash(secret, 'challenge-bbbbbbbbbbbbb', '123456')));
    assert.ok(!codeHashesMatch(h, codeHash(secret, 'challenge-aaaaaaaaaaaaa', '123457')));
    assert.ok(!codeHashesMatch(h, codeHash(crypto.randomBytes(32), 'challenge-aaaaaaaaaaaaa', '123456')));
    assert.ok(!codeHashesMatch(h, 'x'), 'a malformed stored hash never matches');
  });
});
