/** A failed log-in check as the pinned answers of the booking site and its API: 401 wrong, 423 locked, 428 shipping number needed, 429 throttled. */
import { AppError, errors } from '../../../http/errors.js';
import { cardSiteMessages } from './citizen/card-site.messages.js';
import type { CredentialCheck } from './verify-credential.js';

export function credentialError(c: Exclude<CredentialCheck, { result: 'ok' }>): AppError {
  if (c.result === 'locked') return errors.locked(c.retryAfterSeconds);
  if (c.result === 'locked_for_staff') return new AppError('account_locked', 423, cardSiteMessages.text('lockedCallCity'));
  if (c.result === 'throttled') return errors.tooManyRequests(c.retryAfterSeconds);
  if (c.result === 'shipping_required') return new AppError('shipping_number_required', 428, cardSiteMessages.text('needShipping'));
  return new AppError('invalid_credentials', 401, cardSiteMessages.text('wrongCredentials'));
}
