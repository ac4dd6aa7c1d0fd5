import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { createFieldCrypto } from './field-crypto.js';
import { generateSecretValues, loadSecrets } from './secrets.js';

const secretsFrom = (values: Record<string, string>) => loadSecrets(loadConfig({ MADOGUCHI_ENV: 'test', ...values }));

describe('field encryption', () => {
  const values = generateSecretValues();
  const fc = createFieldCrypto(secretsFrom(values));

  it('round-trips Japanese text and never repeats a ciphertext', () => {
    const a = fc.encrypt('山田 太郎 〜 髙﨑', 'reservations.name');
    const b = fc.encrypt('山田 太郎 〜 髙﨑', 'reservations.name');
    assert.notEqual(a, b);
    assert.ok(!a.includes('山田'));
    assert.equal(fc.decrypt(a, 'reservations.name'), '山田 太郎 〜 髙﨑');
  });

  it('refuses a ciphertext moved to another column or altered', () => {
    const ct = fc.encrypt('090-1234-5678', 'reservations.phone');
    assert.throws(() => fc.decrypt(ct, 'reservations.name'));
    const parts = ct.split('.');
    const body = Buffer.from(parts[5] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[5] = body.toString('base64url');
    assert.throws(() => fc.decrypt(parts.join('.'), 'reservations.phone'));
  });

  it('writes a record under one data key (v2), each value bound to its own column, and refuses a mixed record', () => {
    const [name, phone, answer] = fc.encryptRecord([
      ['山田 花子', 'reservations.name'],
      ['09012345678', 'reservations.phone'],
      ['{"status":201}', 'reservations.idempotency'],
    ]) as [string, string, string];
    for (const v of [name, phone, answer]) assert.match(v, /^v2\./);
    const wrap = (v: string) => v.split('.').slice(1, 4).join('.');
    assert.equal(wrap(name), wrap(phone), 'one wrapped data key for the record');
    assert.equal(wrap(phone), wrap(answer));
    assert.notEqual(name.split('.')[4], phone.split('.')[4], 'an IV per value');
    assert.equal(fc.decrypt(phone, 'reservations.phone'), '09012345678');
    assert.equal(fc.decrypt(name, 'reservations.name'), '山田 花子');
    assert.equal(fc.decrypt(answer, 'reservations.idempotency'), '{"status":201}');
    // a value moved to another column of the same record, or to another table's column of that name
    assert.throws(() => fc.decrypt(phone, 'reservations.name'));
    assert.throws(() => fc.decrypt(phone, 'applications.phone'));
    // the wrapped key altered: refused even right after the intact one was read (no stale key kept)
    const parts = phone.split('.');
    const wrapped = Buffer.from(parts[3] as string, 'base64url');
    wrapped[0] = (wrapped[0] as number) ^ 1;
    parts[3] = wrapped.toString('base64url');
    assert.throws(() => fc.decrypt(parts.join('.'), 'reservations.phone'));
    // a v2 value relabelled v1 (or the reverse) does not decrypt: the wraps are bound differently
    assert.throws(() => fc.decrypt(`v1${phone.slice(2)}`, 'reservations.phone'));
    const v1 = fc.encrypt('09012345678', 'reservations.phone');
    assert.throws(() => fc.decrypt(`v2${v1.slice(2)}`, 'reservations.phone'));
    assert.throws(
      () =>
        fc.encryptRecord([
          ['a', 'reservations.name'],
          ['b', 'applications.name'],
        ]),
      /not in the group/,
    );
    assert.throws(() => fc.encryptRecord([['a', 'nodot']]), /names no record group/);
    assert.deepEqual(fc.encryptRecord([]), []);
  });

  it('reads v2 values written under an older key after rotation', () => {
    const [old] = fc.encryptRecord([['旧データ', 'reservations.name']]) as [string];
    const newKey = generateSecretValues().MADOGUCHI_ENCRYPTION_KEYS as string;
    const rotated = createFieldCrypto(
      secretsFrom({ ...values, MADOGUCHI_ENCRYPTION_KEYS: `${newKey},${values.MADOGUCHI_ENCRYPTION_KEYS}` }),
    );
    assert.equal(rotated.decrypt(old, 'reservations.name'), '旧データ');
    assert.equal(rotated.keyIdOf(old), fc.keyIdOf(old));
  });

  it('decrypts old values after key rotation and writes new ones with the new key id', () => {
    const oldCt = fc.encrypt('旧データ', 'x');
    const newKey = generateSecretValues().MADOGUCHI_ENCRYPTION_KEYS as string;
    const rotated = createFieldCrypto(
      secretsFrom({ ...values, MADOGUCHI_ENCRYPTION_KEYS: `${newKey},${values.MADOGUCHI_ENCRYPTION_KEYS}` }),
    );
    assert.equal(rotated.decrypt(oldCt, 'x'), '旧データ');
    const fresh = rotated.encrypt('新データ', 'x');
    assert.equal(rotated.keyIdOf(fresh), newKey.split(':')[0]);
    assert.notEqual(rotated.keyIdOf(fresh), fc.keyIdOf(oldCt));
    assert.throws(() => fc.decrypt(fresh, 'x'), /No key with id/);
  });

  it('gives the same blind index for full-width and half-width forms, and differs per context and key', () => {
    assert.equal(fc.blindIndex('０９０１２３４５６７８', 'phone'), fc.blindIndex('09012345678', 'phone'));
    assert.notEqual(fc.blindIndex('09012345678', 'phone'), fc.blindIndex('09012345678', 'other'));
    const other = createFieldCrypto(secretsFrom(generateSecretValues()));
    assert.notEqual(other.blindIndex('09012345678', 'phone'), fc.blindIndex('09012345678', 'phone'));
  });
  it('round-trips bytes in the binary envelope, bound to its context, and refuses an altered one', () => {
    const data = Buffer.concat([Buffer.from('%PDF-1.7 住所'), Buffer.alloc(1000, 7)]);
    const a = fc.encryptBytes(data, 'app_files.content:1');
    const b = fc.encryptBytes(data, 'app_files.content:1');
    assert.ok(!a.equals(b));
    assert.equal(a.indexOf(Buffer.from('%PDF')), -1);
    assert.ok(a.length < data.length + 200, 'no base64: a fixed overhead only');
    assert.ok(fc.decryptBytes(a, 'app_files.content:1').equals(data));
    assert.throws(() => fc.decryptBytes(a, 'app_files.content:2'));
    const altered = Buffer.from(a);
    altered[altered.length - 20] = (altered[altered.length - 20] as number) ^ 1;
    assert.throws(() => fc.decryptBytes(altered, 'app_files.content:1'));
    assert.throws(() => fc.decryptBytes(a.subarray(0, 40), 'app_files.content:1'), /Truncated/);
    assert.throws(() => fc.decryptBytes(Buffer.from('v1.x.y'), 'app_files.content:1'), /Not a madoguchi binary envelope/);
  });
});
