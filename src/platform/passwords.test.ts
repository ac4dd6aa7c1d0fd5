import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash } from '@node-rs/argon2';
import { hashPassword, PASSWORD_HASH_PARAMS, verifyDummy, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id at OWASP minimum parameters (m=19 MiB, t=2, p=1) and verifies', async () => {
    const h = await hashPassword('correct horse');
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(h, 'correct horse'), true);
    assert.equal(await verifyPassword(h, 'correct horsE'), false);
    assert.equal(PASSWORD_HASH_PARAMS.memoryCost, 19_456);
  });

  it('still verifies hashes made before: the card site verifiers (m=4 MiB, t=3) and the staff defaults', async () => {
    const card = await hash('0315', { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    const staff = await hash('staff password', { algorithm: 2 });
    assert.equal(await verifyPassword(card, '0315'), true);
    assert.equal(await verifyPassword(card, '0316'), false);
    assert.equal(await verifyPassword(staff, 'staff password'), true);
  });

  it('never verifies a malformed stored hash and the dummy check is always false', async () => {
    assert.equal(await verifyPassword('not a hash', 'x'), false);
    assert.equal(await verifyPassword('', ''), false);
    assert.equal(await verifyDummy('anything'), false);
  });
});
