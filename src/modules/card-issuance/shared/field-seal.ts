/**
 * Sealing personal fields of an exchange file for the receiving zone, so a lost USB stick leaks no
 * e-mail address or memo: only the holder of the recipient's X25519 private key can open them.
 *
 * Per file: a fresh (ephemeral) X25519 key pair, ECDH with the recipient's public key, HKDF-SHA256
 * (bound to the recipient key id, the file id and both public keys) → one AES-256-GCM key. Per field:
 * base64(nonce ‖ ciphertext ‖ tag), the nonce a counter (the key is new for every file, so it never
 * repeats), the associated data [fileId, field name, row identity] — a sealed value moved to another
 * row, field or file does not open. The header (alg, recipient key id, ephemeral public key, fields)
 * sits in the manifest, so the signature, made after sealing, covers it. Pure.
 */
import crypto from 'node:crypto';
import { ExchangeFileError, inBoth } from './exchange-file.js';
import { exchangeFileMessages as m } from './exchange-file.messages.js';
import type { Text } from '../../../platform/i18n.js';

export const SEAL_ALG = 'X25519-HKDF-SHA256-A256GCM';

export type SealHeader = { alg: typeof SEAL_ALG; keyId: string; ephemeralPublicKey: string; fields: string[] };

export type SealRecipient = { id: string; publicKey: crypto.KeyObject };

const spki = (k: crypto.KeyObject) => k.export({ format: 'der', type: 'spki' });

function fileKey(shared: Buffer, keyId: string, fileId: string, ephemeral: Buffer, recipient: Buffer): Buffer {
  const info = JSON.stringify(['madoguchi card field seal v1', keyId, fileId, ephemeral.toString('base64'), recipient.toString('base64')]);
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.alloc(0), Buffer.from(info, 'utf8'), 32));
}

const aad = (fileId: string, field: string, row: readonly string[]) => Buffer.from(JSON.stringify([fileId, field, ...row]), 'utf8');

export type FieldSealer = { header: SealHeader; seal(field: string, row: readonly string[], value: string): string };

export function createFieldSealer(recipient: SealRecipient, fileId: string, fields: string[]): FieldSealer {
  const eph = crypto.generateKeyPairSync('x25519');
  const ephemeral = spki(eph.publicKey);
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: recipient.publicKey });
  const key = fileKey(shared, recipient.id, fileId, ephemeral, spki(recipient.publicKey));
  let counter = 0n;
  return {
    header: { alg: SEAL_ALG, keyId: recipient.id, ephemeralPublicKey: ephemeral.toString('base64'), fields: [...fields] },
    seal(field, row, value) {
      if (!fields.includes(field)) throw new Error(`Field "${field}" is not declared in the seal header`);
      const nonce = Buffer.alloc(12);
      nonce.writeBigUInt64BE(++counter, 4);
      const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
      c.setAAD(aad(fileId, field, row));
      const ct = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      return Buffer.concat([nonce, ct, c.getAuthTag()]).toString('base64');
    },
  };
}

/** Opens sealed values; `open` returns null when a value does not authenticate (altered, moved, other key). */
export type FieldOpener = { open(field: string, row: readonly string[], sealed: string): string | null };

const unreadable = (message: Text) => new ExchangeFileError('cannot_decrypt', message);

/** Checks the header against this zone's private keys; throws ExchangeFileError when the file cannot be opened here. */
export function openFieldSealer(
  header: unknown,
  fileId: string,
  fields: string[],
  keys: ReadonlyMap<string, crypto.KeyObject>,
): FieldOpener {
  const h = header as Partial<SealHeader> | undefined;
  if (
    !h ||
    typeof h !== 'object' ||
    h.alg !== SEAL_ALG ||
    typeof h.keyId !== 'string' ||
    typeof h.ephemeralPublicKey !== 'string' ||
    !Array.isArray(h.fields)
  )
    throw unreadable(m.text('notSealed'));
  const missing = fields.filter((f) => !h.fields?.includes(f));
  if (missing.length)
    throw unreadable(inBoth((lang) => m.t(lang, 'fieldsNotSealed', { fields: missing.join(m.t(lang, 'fieldSeparator')) })));
  const privateKey = keys.get(h.keyId);
  if (!privateKey) throw unreadable(m.text('sealedForOtherKey', { keyId: h.keyId }));
  let key: Buffer;
  try {
    const ephemeral = Buffer.from(h.ephemeralPublicKey, 'base64');
    const epk = crypto.createPublicKey({ key: ephemeral, format: 'der', type: 'spki' });
    if (epk.asymmetricKeyType !== 'x25519') throw new Error('not an X25519 key');
    const shared = crypto.diffieHellman({ privateKey, publicKey: epk });
    key = fileKey(shared, h.keyId, fileId, ephemeral, spki(crypto.createPublicKey(privateKey)));
  } catch {
    // A malformed or low-order ephemeral key: the file was not sealed by a booking site.
    throw unreadable(m.text('sealKeyDamaged'));
  }
  return {
    open(field, row, sealed) {
      const buf = Buffer.from(sealed, 'base64');
      if (buf.length < 28) return null;
      try {
        const d = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
        d.setAAD(aad(fileId, field, row));
        d.setAuthTag(buf.subarray(buf.length - 16));
        return Buffer.concat([d.update(buf.subarray(12, buf.length - 16)), d.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

/** The booking file's personal fields; a row is identified by booking number and reservation id. */
export const BOOKING_SEALED_FIELDS = ['email', 'memo'] as const;
type BookingFields = { bookingRef: string; reservationId: string; email: string | null; memo: string | null };
const rowIdentity = (r: BookingFields) => [r.bookingRef, r.reservationId] as const;

/** Rows with e-mail and memo sealed (absent values stay null), and the header for the manifest. */
export function sealBookingRows<R extends BookingFields>(
  rows: R[],
  recipient: SealRecipient,
  fileId: string,
): { seal: SealHeader; rows: R[] } {
  const s = createFieldSealer(recipient, fileId, [...BOOKING_SEALED_FIELDS]);
  return {
    seal: s.header,
    rows: rows.map((r) => ({
      ...r,
      email: r.email === null ? null : s.seal('email', rowIdentity(r), r.email),
      memo: r.memo === null ? null : s.seal('memo', rowIdentity(r), r.memo),
    })),
  };
}

/** Opens every row or throws ExchangeFileError naming the first row that does not open. */
export function openBookingRows<R extends BookingFields>(
  rows: R[],
  manifest: { fileId: string; seal?: unknown },
  keys: ReadonlyMap<string, crypto.KeyObject>,
): R[] {
  const o = openFieldSealer(manifest.seal, manifest.fileId, [...BOOKING_SEALED_FIELDS], keys);
  return rows.map((r, i) => {
    const out = { ...r };
    for (const field of BOOKING_SEALED_FIELDS) {
      const sealed = r[field];
      if (sealed === null) continue;
      const value = o.open(field, rowIdentity(r), sealed);
      if (value === null) throw unreadable(m.text('rowNotOpened', { row: i, field }));
      out[field] = value;
    }
    return out;
  });
}
