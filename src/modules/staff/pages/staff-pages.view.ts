/** What several staff screens share: dates, the log-in's next step, refused operations as field errors. */
import type { StaffActor } from '../../../http/actor.js';
import type { AppError } from '../../../http/errors.js';
import type { Lang } from '../../../platform/i18n.js';
import { formatJstDateTime } from '../../../platform/japan-time.js';
import type { FieldMessage } from '../../../web/components/index.js';

/** Staff forms keep their controls' ids equal to the field names (bookmarked selectors, tests). */
export const sameId = (field: string): string => field;

export function formatDateTime(d: Date | string, lang: Lang): string {
  return formatJstDateTime(new Date(d), lang);
}

/** Redirect target after log-in: only a local /staff path. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/staff(\/[A-Za-z0-9/_?=&.%-]*)?$/.test(next) && !next.startsWith('//') ? next : '/staff';
}

/** Where a session must go next. */
export function nextStep(actor: StaffActor, next = '/staff'): string {
  if (actor.mfaPending) return '/staff/mfa';
  if (actor.mustChangePassword) return '/staff/password';
  if (actor.mfaSetupRequired) return '/staff/settings/mfa';
  return next;
}

/**
 * A refused operation's problems as field errors in the page's language: its own field errors, or its
 * message under `fallbackField`; a wait ({seconds}) filled in from Retry-After.
 */
export function refusalErrors(err: AppError, lang: Lang, fallbackField: string): FieldMessage[] {
  const list = err.extra.fieldErrors?.length ? err.extra.fieldErrors : [{ field: fallbackField, message: err.text }];
  return list.map((f) => ({ field: f.field, message: f.message[lang].replace('{seconds}', String(err.extra.retryAfterSeconds ?? '')) }));
}
