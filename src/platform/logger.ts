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

/**
 * Writes go to stdout (or `dest`, a file the benchmark names) asynchronously (batched while a write is in flight; pino flushes on exit): a
 * synchronous write(2) per line was most of a request's logging cost at LOG_LEVEL=info.
 */
export function createLogger(level: string, dest: number | string = 1): Logger {
  return pino(
    {
      level,
      base: { service: 'madoguchi' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest, sync: false }),
  );
}

const requestLoggers = new WeakMap<Logger, Logger>();

/**
 * The logger of the one line per request (server.ts): same level and output as `log`, without the
 * redaction, which costs 20–35 µs a line over the paths above (measured; the line itself 2–4 µs). Only
 * for that line, whose fields are fixed and hold nothing personal (request id, method, route pattern,
 * status, duration, staff id): anything else is logged through `log`.
 */
export function requestLoggerOf(log: Logger): Logger {
  let r = requestLoggers.get(log);
  if (!r) {
    const stream = (log as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym];
    r = pino({ level: log.level, base: { service: 'madoguchi' }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
    requestLoggers.set(log, r);
  }
  return r;
}
