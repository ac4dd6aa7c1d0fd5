/**
 * Password hashing, the one wrapper: argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2,
 * p = 1), for staff passwords and the card booking site's verifiers alike. The result is a PHC
 * string that names its own parameters, so hashes made with other parameters (the card site's
 * earlier m = 4 MiB, t = 3) still verify, and parameters can be raised later without a migration.
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
export const PASSWORD_HASH_PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

/** Whether the password matches the stored PHC string; a malformed stored hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed hash is a mismatch, not a reason to answer differently (no oracle).
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of a random password made once per process, so an unknown account costs
 * the same time as a wrong password (no enumeration by timing). Always false.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}
