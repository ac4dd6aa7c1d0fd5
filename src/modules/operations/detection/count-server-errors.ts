/**
 * Counts this web process's 5xx answers for the detector server_errors. The onResponse hook only adds one
 * to a number in memory (no I/O on the path of an answer that is already failing); once a minute, and
 * when the app closes, the number is added to the minute's counter row (security_counts). When that write
 * fails — the database being down is the usual cause of a 5xx burst — the count is kept and written with
 * the next minute's, so neither the answers nor the hook fail, and nothing is lost once the database is back.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { countSecurityHit } from '../../security/index.js';

export const SERVER_ERROR_FLUSH_MS = 60_000;

const flushers = new WeakMap<FastifyInstance, () => Promise<boolean>>();

export function installServerErrorCounter(app: FastifyInstance, ctx: AppContext): void {
  let pending = 0;
  let flushing: Promise<boolean> | undefined;
  const write = async (): Promise<boolean> => {
    if (pending === 0) return true;
    const n = pending;
    pending = 0;
    try {
      await countSecurityHit(ctx.db, 'server_error', 'global', ctx.clock.now(), n);
      return true;
    } catch (err) {
      pending += n;
      ctx.log.warn({ err: String((err as Error)?.message ?? err), pending }, '5xx count not written; kept for the next minute');
      return false;
    }
  };
  const flush = () => {
    flushing ??= write().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };
  flushers.set(app, flush);
  app.addHook('onResponse', async (_req, reply) => {
    if (reply.statusCode >= 500) pending++;
  });
  const timer = setInterval(() => void flush(), SERVER_ERROR_FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
}

/** Writes this app's 5xx count now (tests; the timer does it every minute). True when nothing is left unwritten. */
export function flushServerErrorCount(app: FastifyInstance): Promise<boolean> {
  return flushers.get(app)?.() ?? Promise.resolve(true);
}
