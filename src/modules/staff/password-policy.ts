/**
 * Password policy after NIST SP 800-63B (5.1.1.2): length 12..128 (the minimum can be raised),
 * any characters, NO composition rules, and a check against common, repetitive, sequential and
 * context-specific passwords. Pure: no I/O beyond reading the deny-list file once.
 * Reuse of the current password is checked by the caller (it needs the stored hash).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Text } from '../../http/i18n.js';
import { staffErrors } from './staff-errors.messages.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let denyList: Set<string> | undefined;

/** The deny-list (lower-case), loaded lazily from common-passwords.txt next to this file. */
export function commonPasswords(): Set<string> {
  if (!denyList) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt');
    denyList = new Set(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return denyList;
}

export type PasswordContext = { loginId?: string; displayName?: string; minLength?: number };

const norm = (s: string) => s.normalize('NFKC').toLowerCase();

/** Characters after stripping decorations people add to a weak base ("Password1234!" → "password"). */
const core = (s: string) => s.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');

function isSequential(s: string): boolean {
  if (s.length < 3) return false;
  const d = (s.codePointAt(1) ?? 0) - (s.codePointAt(0) ?? 0);
  if (Math.abs(d) !== 1) return false;
  for (let i = 2; i < s.length; i++) if ((s.codePointAt(i) ?? 0) - (s.codePointAt(i - 1) ?? 0) !== d) return false;
  return true;
}

/** Returns the problems with a new password (empty when acceptable). */
export function checkPasswordPolicy(password: string, c: PasswordContext = {}): Text[] {
  const problems: Text[] = [];
  const min = Math.max(PASSWORD_MIN_LENGTH, c.minLength ?? PASSWORD_MIN_LENGTH);
  const length = [...password].length;
  if (length < min) {
    problems.push(staffErrors.text('passwordTooShort', { min }));
    return problems;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(staffErrors.text('passwordTooLong', { max: PASSWORD_MAX_LENGTH }));
    return problems;
  }
  const p = norm(password);
  const base = core(p);
  const list = commonPasswords();
  if (
    list.has(p) ||
    list.has(p.replace(/\s+/g, '')) ||
    (base.length > 0 && base !== p && list.has(base)) ||
    (base.length > 0 && base.length < 4 && /\d/.test(p) && !/\p{L}.*\p{L}.*\p{L}/u.test(p))
  ) {
    problems.push(staffErrors.text('passwordCommon'));
    return problems;
  }
  if (new Set([...p]).size < 4 || isSequential(p)) {
    problems.push(staffErrors.text('passwordRepetitive'));
    return problems;
  }
  for (const ctx of [c.loginId, c.displayName]) {
    if (!ctx) continue;
    const v = norm(ctx).replace(/\s+/g, '');
    if (v.length < 3) continue;
    const stripped = p.replace(/\s+/g, '').split(v).join('');
    if (stripped.length < 6) {
      problems.push(staffErrors.text('passwordFromIdentity'));
      return problems;
    }
  }
  return problems;
}
