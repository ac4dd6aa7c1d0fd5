/**
 * Card booking passwords and their verifiers.
 *
 * Policies: 'birthday' (the council's default: the birth month-day, 4 digits MMDD) and 'random'
 * (RECOMMENDED: 10 characters from an unambiguous 32-letter alphabet, 50 bits). The month-day has
 * only 366 values (about 8.5 bits): it is not a valid NIST SP 800-63B authenticator. The booking
 * site therefore escalates per-id locks and stops an id for good after 20 failures (at most 20 of
 * 366 guesses, ~5.5 %, see verify-credential.ts) and trips a site-wide breaker on a spread attack;
 * but the verifier cannot protect it against an offline attacker holding the internet zone's
 * database (366 guesses). Choose 'random' unless the council insists on birthdays. The verifier is argon2id (PHC string, so the
 * parameters can change later); its cost is moderate because it is computed for every card on
 * export (cached) and on every log-in attempt.
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export type PasswordPolicy = 'birthday' | 'random';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
export const VERIFIER_PARAMS = { algorithm: ARGON2ID, memoryCost: 4096, timeCost: 3, parallelism: 1 } as const;

const RANDOM_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1
export const RANDOM_PASSWORD_LENGTH = 10;

export function randomPassword(): string {
  const bytes = crypto.randomBytes(RANDOM_PASSWORD_LENGTH);
  let out = '';
  for (const b of bytes) out += RANDOM_ALPHABET[b & 31];
  return out;
}

/** The birthday password of a birth date YYYY-MM-DD: "MMDD". */
export function birthdayPassword(birthDate: string): string {
  return birthDate.slice(5, 7) + birthDate.slice(8, 10);
}

/** What the citizen typed, normalised the same way the verifier was made: NFKC, no spaces, upper case. */
export function normalisePassword(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function makeVerifier(password: string): Promise<string> {
  return hash(normalisePassword(password), VERIFIER_PARAMS);
}

export async function checkVerifier(verifier: string, password: string): Promise<boolean> {
  try {
    return await verify(verifier, normalisePassword(password));
  } catch {
    // A malformed verifier never matches (and is not a reason to answer differently).
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A verifier for no card, checked for unknown ids so their answer takes as long as a wrong password. */
export function dummyVerifier(): Promise<string> {
  dummy ??= makeVerifier(crypto.randomBytes(16).toString('hex'));
  return dummy;
}
