/**
 * Structured JSON logs, redacted in every environment: ids, never names, phones, e-mails,
 * passwords or tokens. Request logs carry method, route and status, not query strings.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export const REDACT_PATHS = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'currentPassword',
  '*.currentPassword',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'csrfToken',
  '*.csrfToken',
  'name',
  '*.name',
  'phone',
  '*.phone',
  'email',
  '*.email',
  'address',
  '*.address',
  'birthDate',
  '*.birthDate',
  'fields',
  '*.fields',
  'code',
  '*.code',
  'totp',
  '*.totp',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'madoguchi' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
