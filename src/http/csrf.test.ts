import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { boundToken, sentCsrfToken, tokensMatch } from './csrf.js';

describe('csrf', () => {
  it('matches only the same non-empty string, whatever the lengths', () => {
    assert.equal(tokensMatch('abc', 'abc'), true);
    assert.equal(tokensMatch('abd', 'abc'), false);
    assert.equal(tokensMatch('abc', 'abcd'), false);
    assert.equal(tokensMatch('', ''), false);
    assert.equal(tokensMatch(undefined, 'abc'), false);
    assert.equal(tokensMatch(['abc'], 'abc'), false);
    assert.equal(tokensMatch(123, '123'), false);
  });

  it('reads the header first, then the form field', () => {
    const req = (headers: Record<string, string>, body: unknown) => ({ headers, body }) as unknown as FastifyRequest;
    assert.equal(sentCsrfToken(req({ 'x-csrf-token': 'h' }, { _csrf: 'f' })), 'h');
    assert.equal(sentCsrfToken(req({}, { _csrf: 'f' })), 'f');
    assert.equal(sentCsrfToken(req({}, { _csrf: ['f'] })), '');
    assert.equal(sentCsrfToken(req({}, null)), '');
  });

  it('binds a token to its purpose and value (a token for one form is refused by another)', () => {
    const secret = Buffer.alloc(32, 7);
    const a = boundToken(secret, 'my-csrf', 'cookie-1');
    assert.equal(a, boundToken(secret, 'my-csrf', 'cookie-1'));
    assert.notEqual(a, boundToken(secret, 'form-csrf', 'cookie-1'));
    assert.notEqual(a, boundToken(secret, 'my-csrf', 'cookie-2'));
    assert.equal(boundToken(secret, 'my-csrf', 'cookie-1', 32), a.slice(0, 32));
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  });
});
