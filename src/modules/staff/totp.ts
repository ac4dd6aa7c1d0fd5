/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with node:crypto: HMAC-SHA-1, 6 digits, 30-second steps,
 * accepting one step either side for clock drift. Pure; single use is enforced by the caller with
 * a conditional update of totp_last_step.
 */
import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error('Invalid base32 character');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export type TotpOptions = { digits?: number; stepSeconds?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' };

export function hotp(key: Buffer, counter: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, key).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

export const timeStep = (now: Date, stepSeconds = 30) => Math.floor(now.getTime() / 1000 / stepSeconds);

export function totp(key: Buffer, now: Date, o: TotpOptions = {}): string {
  return hotp(key, timeStep(now, o.stepSeconds), o.digits ?? 6, o.algorithm);
}

/**
 * Checks a code against steps now-1, now, now+1; returns the matching step, or null.
 * Steps at or before `lastStep` are refused (each code is accepted once).
 */
export function verifyTotp(key: Buffer, code: string, now: Date, lastStep: number | null = null, window = 1): number | null {
  const c = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(c)) return null;
  const current = timeStep(now);
  let match: number | null = null;
  for (let s = current - window; s <= current + window; s++) {
    const expected = Buffer.from(hotp(key, s));
    // constant-time per candidate; keep looping so timing does not reveal which step matched
    if (crypto.timingSafeEqual(expected, Buffer.from(c)) && (lastStep === null || s > lastStep) && match === null) match = s;
  }
  return match;
}

export function generateTotpSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

export function otpauthUri(o: { secret: string; account: string; issuer: string }): string {
  const label = encodeURIComponent(`${o.issuer}:${o.account}`);
  const params = new URLSearchParams({ secret: o.secret, issuer: o.issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** 10 recovery codes of 10 base32 characters (50 bits each), shown as xxxxx-xxxxx. */
export function generateRecoveryCodes(n = 10): string[] {
  return Array.from({ length: n }, () => {
    const s = base32Encode(crypto.randomBytes(7)).slice(0, 10).toLowerCase();
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

export const normaliseRecoveryCode = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z2-7]/g, '');
