/**
 * Human-readable random codes, the one generator: crypto-random and unbiased (rejection sampling,
 * so every character of the alphabet is equally likely whatever its size). Each alphabet is named
 * for what it makes, so the formats people already hold do not change.
 */
import crypto from 'node:crypto';

export const CODE_ALPHABETS = {
  /** Reservation numbers, read over the phone: no 0/O and no 1/I/L. 31 characters (~4.95 bits each). */
  reservationNumber: '23456789ABCDEFGHJKMNPQRSTUVWXYZ',
  /** Card booking refs ("C-…") and card booking passwords, printed on paper: no I/O/0/1. 32 characters. */
  cardCode: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
  /** Staff initial passwords, copied by hand once: letters and digits. 62 characters. */
  initialPassword: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
} as const;

/** `length` characters drawn uniformly from `alphabet` (2 to 256 distinct characters). */
export function randomCode(alphabet: string, length: number): string {
  const n = alphabet.length;
  if (n < 2 || n > 256) throw new RangeError('randomCode: the alphabet needs 2 to 256 characters');
  const limit = 256 - (256 % n); // bytes at or above this would favour the first characters
  let out = '';
  while (out.length < length) {
    for (const b of crypto.randomBytes(Math.ceil((length - out.length) * 1.25) + 4)) {
      if (b < limit && out.length < length) out += alphabet[b % n];
    }
  }
  return out;
}
