/**
 * The one error catalogue. An AppError carries a stable code, an HTTP status and a bilingual
 * message for the person who reads it; the error handler turns it into RFC 9457 problem+json
 * (or an HTML page). Anything that is not an AppError becomes a 500 whose message is never shown.
 */
import type { Text } from './i18n.js';

export type FieldError = { field: string; message: Text };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: Text,
    readonly extra: { fieldErrors?: FieldError[]; retryAfterSeconds?: number; headers?: Record<string, string> } = {},
  ) {
    super(`${code}: ${text.en}`);
  }
}

export const errors = {
  validation: (fieldErrors: FieldError[]) =>
    new AppError(
      'validation_failed',
      422,
      { ja: '入力内容を確認してください。', en: 'Please check what you entered.' },
      { fieldErrors },
    ),
  badRequest: (text: Text) => new AppError('bad_request', 400, text),
  unauthenticated: () =>
    new AppError('unauthenticated', 401, {
      ja: 'ログインが必要です。もう一度ログインしてください。',
      en: 'You need to log in. Please log in again.',
    }),
  invalidCredentials: () =>
    new AppError('invalid_credentials', 401, {
      ja: 'ログインIDまたはパスワードが正しくありません。',
      en: 'The login ID or password is not correct.',
    }),
  forbidden: (text?: Text) =>
    new AppError(
      'forbidden',
      403,
      text ?? { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
    ),
  csrf: () =>
    new AppError('csrf_failed', 403, {
      ja: '画面の有効期限が切れました。画面を再読み込みしてからもう一度操作してください。',
      en: 'This page has expired. Reload it and try again.',
    }),
  notFound: (text?: Text) =>
    new AppError('not_found', 404, text ?? { ja: '見つかりません。', en: 'Not found.' }),
  conflict: (code: string, text: Text) => new AppError(code, 409, text),
  locked: (retryAfterSeconds: number) =>
    new AppError(
      'account_locked',
      423,
      {
        ja: 'ログインの失敗が続いたため、一時的にロックしています。しばらくしてから再度お試しいただくか、管理者に連絡してください。',
        en: 'Too many failed log-ins: the account is locked for a while. Try again later or contact an administrator.',
      },
      { retryAfterSeconds },
    ),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError(
      'too_many_requests',
      429,
      {
        ja: 'アクセスが集中しています。{seconds}秒ほど待ってから再度お試しください。',
        en: 'Too many requests. Please try again in about {seconds} seconds.',
      },
      { retryAfterSeconds },
    ),
  busy: (retryAfterSeconds: number) =>
    new AppError(
      'service_busy',
      503,
      {
        ja: 'ただいま大変混み合っています。{seconds}秒ほど待ってから再度お試しください。',
        en: 'We are very busy right now. Please try again in about {seconds} seconds.',
      },
      { retryAfterSeconds },
    ),
};
