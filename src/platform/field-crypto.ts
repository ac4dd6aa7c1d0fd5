/**
 * Encryption of personal-data columns at rest: AES-256-GCM envelope encryption.
 * Each value gets its own random data key, itself wrapped with the current key-encryption key
 * (named by its key id, so keys can rotate: old ids still decrypt); bulk imports use encryptMany, one
 * data key for a batch of values written together, each value with its own random IV. The associated
 * data binds a ciphertext to its place (e.g. "reservations.phone"), so values cannot be swapped
 * between columns.
 *
 * Format: v1.<kid>.<wrapIv>.<wrappedKey+tag>.<iv>.<ciphertext+tag>  (base64url parts)
 *
 * v2, the same parts: one data key for the values of one record written together (encryptRecord: a
 * booking's name, phone, e-mail, answers), wrapped once and bound to the record's group (the contexts' common
 * prefix before the first "."), each value still under its own IV and its own context. Wrapping is half of a
 * value's cost (a createCipheriv each), so a five-field booking costs six AES-GCM operations instead of ten.
 *
 * Binary form (encryptBytes, for files such as attachments, where base64 would add a third):
 * "MGB1" | kid length (1 byte) | kid (ASCII) | wrapIv (12) | wrappedKey+tag (48) | iv (12) | ciphertext+tag.
 * Same scheme and associated data as the text form.
 *
 * Blind index: HMAC-SHA256 over the NFKC-normalised value with a separate key, for exact search
 * (e.g. looking a booking up by phone number) without storing the value in clear.
 */
import crypto from 'node:crypto';
import type { Secrets } from './secrets.js';

export type FieldCrypto = {
  encrypt(plaintext: string, context: string): string;
  /**
   * Values of one context under one fresh data key, wrapped once; same format, each value with its own
   * random IV. For a batch of an import (thousands of values at most: far below AES-GCM's limit of 2^32
   * random IVs per key), where a data key per value costs more than encrypting the value.
   */
  encryptMany(plaintexts: readonly string[], context: string): string[];
  /**
   * The values of one record (contexts sharing a group, "reservations.name" and "reservations.phone") under
   * one fresh data key wrapped once: the v2 form, each value with its own IV and its own context. In order.
   */
  encryptRecord(values: readonly (readonly [plaintext: string, context: string])[]): string[];
  decrypt(ciphertext: string, context: string): string;
  /** Bytes (a file) under a fresh data key, in the binary envelope: 93 bytes plus the key id longer than the input. */
  encryptBytes(plaintext: Buffer, context: string): Buffer;
  /** The bytes of an encryptBytes envelope; throws when it was altered or written for another context. */
  decryptBytes(envelope: Buffer, context: string): Buffer;
  /** The key id a ciphertext was written with (to find values needing re-encryption). */
  keyIdOf(ciphertext: string): string;
  /** Keyed hash for exact-match search. `normalise` defaults to NFKC + trim + lower-case. */
  blindIndex(value: string, context: string, normalise?: (v: string) => string): string;
};

const BINARY_MAGIC = Buffer.from('MGB1', 'ascii');
const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

export const normaliseForIndex = (v: string) => v.normalize('NFKC').trim().toLowerCase();

export function createFieldCrypto(secrets: Pick<Secrets, 'encryption' | 'blindIndexKey'>): FieldCrypto {
  const ring = secrets.encryption;
  // Bulk imports encrypt hundreds of thousands of short values, where three CSPRNG calls per value
  // cost more than the AES itself: random bytes come from a pool refilled every 256 values (each byte
  // handed out once), and the long-lived keys are KeyObjects made once instead of raw keys per call.
  let pool = Buffer.alloc(0);
  let used = 0;
  const random = (n: number) => {
    if (used + n > pool.length) {
      pool = crypto.randomBytes(56 * 256);
      used = 0;
    }
    used += n;
    return pool.subarray(used - n, used);
  };
  const keyObjects = new Map<string, crypto.KeyObject>();
  const kekObject = (kid: string) => {
    let k = keyObjects.get(kid);
    if (!k) keyObjects.set(kid, (k = crypto.createSecretKey(ring.keys.get(kid) as Buffer)));
    return k;
  };
  const indexKey = crypto.createSecretKey(secrets.blindIndexKey.key);
  const gcm = (key: Buffer | crypto.KeyObject, iv: Buffer, data: Buffer, aad: string) => {
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(aad));
    return Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
  };
  const ungcm = (key: Buffer | crypto.KeyObject, iv: Buffer, data: Buffer, aad: string) => {
    const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]);
  };
  const groupOf = (context: string) => {
    const dot = context.indexOf('.');
    if (dot <= 0) throw new Error(`"${context}" names no record group (the part before the first ".")`);
    return context.slice(0, dot);
  };
  // A record's values are read together (a booking's name, phone, e-mail…): the last unwrapped v2 data
  // key is kept, so reading them unwraps once. Keyed by the whole wrapped key with its IV and group.
  let lastWrap = '';
  let lastDek: crypto.KeyObject | undefined;
  return {
    encrypt(plaintext, context) {
      const kid = ring.current;
      const dek = random(32);
      const wrapIv = random(12);
      const iv = random(12);
      const wrapped = gcm(kekObject(kid), wrapIv, dek, `dek|${kid}|${context}`);
      const ct = gcm(dek, iv, Buffer.from(plaintext, 'utf8'), context);
      return ['v1', kid, b64(wrapIv), b64(wrapped), b64(iv), b64(ct)].join('.');
    },
    encryptMany(plaintexts, context) {
      const kid = ring.current;
      const dek = random(32);
      const wrapIv = random(12);
      const head = `v1.${kid}.${b64(wrapIv)}.${b64(gcm(kekObject(kid), wrapIv, dek, `dek|${kid}|${context}`))}.`;
      const key = crypto.createSecretKey(dek);
      return plaintexts.map((p) => {
        const iv = random(12);
        return `${head}${b64(iv)}.${b64(gcm(key, iv, Buffer.from(p, 'utf8'), context))}`;
      });
    },
    encryptRecord(values) {
      if (!values.length) return [];
      const group = groupOf(values[0]![1]);
      for (const [, context] of values) {
        if (groupOf(context) !== group) throw new Error(`encryptRecord: "${context}" is not in the group "${group}" of the record`);
      }
      const kid = ring.current;
      const dek = random(32);
      const wrapIv = random(12);
      const head = `v2.${kid}.${b64(wrapIv)}.${b64(gcm(kekObject(kid), wrapIv, dek, `dek2|${kid}|${group}`))}.`;
      const key = crypto.createSecretKey(dek);
      return values.map(([plaintext, context]) => {
        const iv = random(12);
        return `${head}${b64(iv)}.${b64(gcm(key, iv, Buffer.from(plaintext, 'utf8'), context))}`;
      });
    },
    decrypt(ciphertext, context) {
      const parts = ciphertext.split('.');
      if (parts.length !== 6 || (parts[0] !== 'v1' && parts[0] !== 'v2')) throw new Error('Not a madoguchi v1 or v2 ciphertext');
      const [version, kid, wrapIv, wrapped, iv, ct] = parts as [string, string, string, string, string, string];
      const kek = ring.keys.get(kid);
      if (!kek) throw new Error(`No key with id "${kid}" is configured: add it to MADOGUCHI_ENCRYPTION_KEYS`);
      if (version === 'v1') {
        const dek = ungcm(kek, unb64(wrapIv), unb64(wrapped), `dek|${kid}|${context}`);
        return ungcm(dek, unb64(iv), unb64(ct), context).toString('utf8');
      }
      const group = groupOf(context);
      const wrap = `${kid}.${wrapIv}.${wrapped}.${group}`;
      if (wrap !== lastWrap || !lastDek) {
        lastDek = crypto.createSecretKey(ungcm(kek, unb64(wrapIv), unb64(wrapped), `dek2|${kid}|${group}`));
        lastWrap = wrap;
      }
      return ungcm(lastDek, unb64(iv), unb64(ct), context).toString('utf8');
    },
    encryptBytes(plaintext, context) {
      const kid = ring.current;
      const dek = crypto.randomBytes(32);
      const wrapIv = crypto.randomBytes(12);
      const iv = crypto.randomBytes(12);
      const kidBytes = Buffer.from(kid, 'ascii');
      if (kidBytes.length > 255) throw new Error('key id too long for the binary envelope');
      const wrapped = gcm(kekObject(kid), wrapIv, dek, `dek|${kid}|${context}`);
      return Buffer.concat([BINARY_MAGIC, Buffer.of(kidBytes.length), kidBytes, wrapIv, wrapped, iv, gcm(dek, iv, plaintext, context)]);
    },
    decryptBytes(envelope, context) {
      if (envelope.length < 5 || !envelope.subarray(0, 4).equals(BINARY_MAGIC)) throw new Error('Not a madoguchi binary envelope');
      const kidLength = envelope[4] as number;
      let at = 5;
      const take = (n: number) => {
        if (at + n > envelope.length) throw new Error('Truncated madoguchi binary envelope');
        at += n;
        return envelope.subarray(at - n, at);
      };
      const kid = take(kidLength).toString('ascii');
      const wrapIv = take(12);
      const wrapped = take(48);
      const iv = take(12);
      const ct = envelope.subarray(at);
      if (ct.length < 16) throw new Error('Truncated madoguchi binary envelope');
      const kek = ring.keys.get(kid);
      if (!kek) throw new Error(`No key with id "${kid}" is configured: add it to MADOGUCHI_ENCRYPTION_KEYS`);
      const dek = ungcm(kek, wrapIv, wrapped, `dek|${kid}|${context}`);
      return ungcm(dek, iv, ct, context);
    },
    keyIdOf(ciphertext) {
      return ciphertext.split('.')[1] ?? '';
    },
    blindIndex(value, context, normalise = normaliseForIndex) {
      return crypto
        .createHmac('sha256', indexKey)
        .update(`${context}\u0000${normalise(value)}`)
        .digest('base64url')
        .slice(0, 32);
    },
  };
}
