/**
 * Encryption of personal-data columns at rest: AES-256-GCM envelope encryption.
 * Each value gets its own random data key, itself wrapped with the current key-encryption key
 * (named by its key id, so keys can rotate: old ids still decrypt). The associated data binds a
 * ciphertext to its place (e.g. "reservations.phone"), so values cannot be swapped between columns.
 *
 * Format: v1.<kid>.<wrapIv>.<wrappedKey+tag>.<iv>.<ciphertext+tag>  (base64url parts)
 *
 * Blind index: HMAC-SHA256 over the NFKC-normalised value with a separate key, for exact search
 * (e.g. looking a booking up by phone number) without storing the value in clear.
 */
import crypto from 'node:crypto';
import type { Secrets } from './secrets.js';

export type FieldCrypto = {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  /** The key id a ciphertext was written with (to find values needing re-encryption). */
  keyIdOf(ciphertext: string): string;
  /** Keyed hash for exact-match search. `normalise` defaults to NFKC + trim + lower-case. */
  blindIndex(value: string, context: string, normalise?: (v: string) => string): string;
};

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

export const normaliseForIndex = (v: string) => v.normalize('NFKC').trim().toLowerCase();

export function createFieldCrypto(secrets: Secrets): FieldCrypto {
  const ring = secrets.encryption;
  const gcm = (key: Buffer, iv: Buffer, data: Buffer, aad: string) => {
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(aad));
    return Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
  };
  const ungcm = (key: Buffer, iv: Buffer, data: Buffer, aad: string) => {
    const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]);
  };
  return {
    encrypt(plaintext, context) {
      const kid = ring.current;
      const kek = ring.keys.get(kid) as Buffer;
      const dek = crypto.randomBytes(32);
      const wrapIv = crypto.randomBytes(12);
      const iv = crypto.randomBytes(12);
      const wrapped = gcm(kek, wrapIv, dek, `dek|${kid}|${context}`);
      const ct = gcm(dek, iv, Buffer.from(plaintext, 'utf8'), context);
      return ['v1', kid, b64(wrapIv), b64(wrapped), b64(iv), b64(ct)].join('.');
    },
    decrypt(ciphertext, context) {
      const parts = ciphertext.split('.');
      if (parts.length !== 6 || parts[0] !== 'v1') throw new Error('Not a madoguchi v1 ciphertext');
      const [, kid, wrapIv, wrapped, iv, ct] = parts as [string, string, string, string, string, string];
      const kek = ring.keys.get(kid);
      if (!kek) throw new Error(`No key with id "${kid}" is configured: add it to MADOGUCHI_ENCRYPTION_KEYS`);
      const dek = ungcm(kek, unb64(wrapIv), unb64(wrapped), `dek|${kid}|${context}`);
      return ungcm(dek, unb64(iv), unb64(ct), context).toString('utf8');
    },
    keyIdOf(ciphertext) {
      return ciphertext.split('.')[1] ?? '';
    },
    blindIndex(value, context, normalise = normaliseForIndex) {
      return crypto
        .createHmac('sha256', secrets.blindIndexKey.key)
        .update(`${context}\u0000${normalise(value)}`)
        .digest('base64url')
        .slice(0, 32);
    },
  };
}
