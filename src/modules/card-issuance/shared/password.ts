/**
 * Card booking passwords and their verifiers.
 *
 * Policies: 'birthday' (the council's default: the birth month-day, 4 digits MMDD) and 'random'
 * (RECOMMENDED: 10 characters from an unambiguous 32-letter alphabet, 50 bits). The month-day has
 * only 366 values (about 8.5 bits): it is not a valid NIST SP 800-63B authenticator. The booking
 * site therefore escalates per-id locks and stops an id for good after 20 failures (at most 20 of
 * 366 guesses, ~5.5 %, see verify-credential.ts) and trips a site-wide breaker on a spread attack;
 * but the verifier cannot protect it against an offline attacker holding the internet zone's
 * database (366 guesses). Choose 'random' unless the council insists on birthdays. The verifier is
 * argon2id through platform/passwords.ts (PHC string: verifiers made with the earlier m = 4 MiB,
 * t = 3 still verify). It is computed once per card on export (cached) and on every log-in attempt.
 */
import { hashPassword, verifyPassword } from '../../../platform/passwords.js';
import { CODE_ALPHABETS, randomCode } from '../../../platform/random-code.js';

export type PasswordPolicy = 'birthday' | 'random';

export const RANDOM_PASSWORD_LENGTH = 10;

export function randomPassword(): string {
  return randomCode(CODE_ALPHABETS.cardCode, RANDOM_PASSWORD_LENGTH);
}

/** The birthday password of a birth date YYYY-MM-DD: "MMDD". */
export function birthdayPassword(birthDate: string): string {
  return birthDate.slice(5, 7) + birthDate.slice(8, 10);
}

/** What the citizen typed, normalised the same way the verifier was made: NFKC, no spaces, upper case. */
export function normalisePassword(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The verifier of a card password: platform/passwords.ts's argon2id over the normalised password. */
export function makeVerifier(password: string): Promise<string> {
  return hashPassword(normalisePassword(password));
}

/** Whether the typed password matches a verifier (made with any argon2id parameters); malformed never matches. */
export function checkVerifier(verifier: string, password: string): Promise<boolean> {
  return verifyPassword(verifier, normalisePassword(password));
}
