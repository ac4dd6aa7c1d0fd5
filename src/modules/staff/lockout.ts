import { AppError } from '../../http/errors.js';
import { formatJstMonthDayTime } from '../../platform/japan-time.js';
import { staffErrors } from './staff-errors.messages.js';
import type { Lang } from '../../platform/i18n.js';

/**
 * Lock-out arithmetic (pure). The counting itself happens in one conditional UPDATE (see
 * staff.repository.ts registerFailedLogin) so concurrent failures are all counted exactly.
 */
export function lockedUntilAfter(now: Date, lockoutMinutes: number): Date {
  return new Date(now.getTime() + lockoutMinutes * 60_000);
}

/** Whole seconds until the lock ends (at least 1 while locked), 0 when not locked. */
export function retryAfterSeconds(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil || lockedUntil.getTime() <= now.getTime()) return 0;
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}

/** Log-in ids are compared, stored and throttled in NFKC, lower-case, trimmed form. */
export function normaliseLoginId(loginId: string): string {
  return loginId.normalize('NFKC').trim().toLowerCase();
}

export const LOGIN_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Password renewal reminder: due when the password is older than `days` (0 = never). */
export function isPasswordRenewalDue(changedAt: Date, now: Date, days: number): boolean {
  return days > 0 && now.getTime() - changedAt.getTime() > days * 86_400_000;
}

/** 423 for a locked password step or second factor, saying until when and for about how long. */
export function lockedError(lockedUntil: Date, now: Date, what: 'password' | 'mfa'): AppError {
  const seconds = retryAfterSeconds(lockedUntil, now);
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const key = what === 'password' ? 'accountLocked' : 'mfaLocked';
  // the time is written the way each language writes it, so each side is filled on its own
  const inLang = (lang: Lang) => staffErrors.t(lang, key, { until: formatJstMonthDayTime(lockedUntil, lang), minutes });
  return new AppError(
    what === 'password' ? 'account_locked' : 'mfa_locked',
    423,
    { ja: inLang('ja'), en: inLang('en') },
    { retryAfterSeconds: seconds },
  );
}
