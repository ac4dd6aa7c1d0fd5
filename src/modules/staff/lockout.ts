import { AppError } from '../../http/errors.js';
import { formatJstMonthDayTime } from '../../platform/japan-time.js';

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

export const isLocked = (lockedUntil: Date | null, now: Date) => retryAfterSeconds(lockedUntil, now) > 0;

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
  const ja = formatJstMonthDayTime(lockedUntil, 'ja');
  const en = formatJstMonthDayTime(lockedUntil, 'en');
  return new AppError(
    what === 'password' ? 'account_locked' : 'mfa_locked',
    423,
    what === 'password'
      ? {
          ja: `ログインの失敗が続いたため、このアカウントを${ja}まで（あと約${minutes}分）ロックしています。時間をおいて再度お試しいただくか、急ぎの場合は管理者にロックの解除を依頼してください。`,
          en: `Too many failed log-ins: this account is locked until ${en} (about ${minutes} more minutes). Try again then, or ask an administrator to unlock it.`,
        }
      : {
          ja: `確認コードの誤りが続いたため、二要素認証を${ja}まで（あと約${minutes}分）ロックしています。時間をおいて再度お試しいただくか、急ぎの場合は管理者にロックの解除を依頼してください。`,
          en: `Too many wrong codes: two-factor authentication is locked until ${en} (about ${minutes} more minutes). Try again then, or ask an administrator to unlock it.`,
        },
    { retryAfterSeconds: seconds },
  );
}
