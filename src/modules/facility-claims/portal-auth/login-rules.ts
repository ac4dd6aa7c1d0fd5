/**
 * The facility log-in's rules, pure (no I/O): the limits, the escalating lock, the one-time code and its
 * keyed hash. (Passwords follow the facility users' rule of facilities/facility-user-password.ts.)
 *
 * Guess budgets these limits give an attacker:
 * - passwords, per user, any number of client addresses: 5 guesses, then 15 min; 5 more, then 60 min; then
 *   4 h; then 24 h for every further 5 → 20 guesses in the first ~5.3 hours, then 5 a day. The failures are
 *   claimed in the database before the password is checked, so parallel guesses never exceed 5 per lock.
 * - codes (1,000,000 values), for someone who already has the password: 5 tries per challenge, at most
 *   CODE_MAILS_PER_USER challenges per 15 minutes and CODE_MAILS_PER_USER_DAY per day → at most 100 tries a
 *   day: a 0.01 % chance a day, and every dead challenge raises a security event.
 */
import crypto from 'node:crypto';

/** Failed passwords before a lock; each lock is longer than the last (LOCK_MINUTES, the last repeats). */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = [15, 60, 240, 1440] as const;

/** Failed passwords tolerated per (login id, client address) per 15 minutes (also limits unknown ids). */
export const PAIR_FAILURE_LIMIT = { limit: 10, windowSeconds: 900 };
/**
 * Failed passwords from one client address (any ids) per 15 minutes. Only failures count: a facility office
 * behind one address (1–2 users, at most tens of facilities of one operator) never comes near it, and one
 * user's lock never counts against the others.
 */
export const CLIENT_FAILURE_LIMIT = { limit: 30, windowSeconds: 900 };
/** Code e-mails per user and per registered address (blind index) per 15 minutes, and per user per day. */
export const CODE_MAILS_PER_USER = { limit: 5, windowSeconds: 900 };
export const CODE_MAILS_PER_ADDRESS = { limit: 5, windowSeconds: 900 };
export const CODE_MAILS_PER_USER_DAY = { limit: 20, windowSeconds: 86_400 };

export const CODE_TRIES = 5;
export const CODE_VALID_MINUTES = 10;

/**
 * The lock that starts when the failure count reaches `failedLogins` (a multiple of LOCK_AFTER): minutes,
 * or null when this failure does not lock.
 */
export function lockMinutesAt(failedLogins: number): number | null {
  if (failedLogins <= 0 || failedLogins % LOCK_AFTER !== 0) return null;
  const n = failedLogins / LOCK_AFTER;
  return LOCK_MINUTES[Math.min(n, LOCK_MINUTES.length) - 1]!;
}

/** Log-in ids are compared in NFKC, lower case, without surrounding spaces (as fc_users.login_id is stored). */
export function normaliseLoginId(loginId: string): string {
  return loginId.normalize('NFKC').trim().toLowerCase();
}

/** 128 random bits, base64url (22 characters): the challenge id, returned to the client. */
export function newChallengeId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export const CHALLENGE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Six digits, uniformly from crypto.randomInt (leading zeros kept). */
export function newCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/** What a person typed as the code: full-width digits, spaces and hyphens forgiven; undefined when it cannot be a code. */
export function normaliseCode(typed: string): string | undefined {
  const c = typed.normalize('NFKC').replace(/[\s-]/g, '');
  return /^[0-9]{6}$/.test(c) ? c : undefined;
}

/** HMAC-SHA256 keyed by the application secret over the challenge id and the code (the code is never stored). */
export function codeHash(appSecret: Buffer, challengeId: string, code: string): string {
  return crypto.createHmac('sha256', appSecret).update(`fc-otp\u0000${challengeId}\u0000${code}`).digest('hex');
}

/** Constant-time comparison of two code hashes. */
export function codeHashesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && crypto.timingSafeEqual(x, y);
}
