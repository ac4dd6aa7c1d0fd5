/** Password hashing with argon2id (@node-rs/argon2 defaults: m=19 MiB, t=2, p=1 — OWASP's minimum). */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash must never verify; treat it as a mismatch.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a fixed dummy hash so an unknown login id costs the same time as a wrong
 * password (no account enumeration by timing). Always false.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword('dummy password that never matches anything');
  await verifyPassword(await dummy, password);
  return false;
}
