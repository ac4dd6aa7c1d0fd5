/**
 * The admission limiter for booking transactions, one per context: it guards that context's database
 * pool, so two apps in one process neither share nor throttle each other's. In-flight: twice the
 * pool (transactions wait on hot slot rows, not on CPU); queue: bounded so a rush gets a quick 503
 * with Retry-After instead of a timeout.
 *
 * On the embedded database (PGlite) everything shares one thread, so a queue does not drain while the
 * event loop is saturated: 8 in flight, a wait of at most 1.5 s, and newcomers refused at once while the
 * event loop lags more than READ_SHED_LAG_MS — so the embedded default answers a rush within seconds
 * (201, 409 or 503) instead of after 13 s.
 */
import { contextLocal, type AppContext } from '../../platform/context.js';
import { eventLoopLagMs } from '../../platform/event-loop-lag.js';
import { Admission } from './admission.js';

const limiters = contextLocal((ctx) => {
  if (ctx.db.kind === 'postgres') return new Admission(Math.max(4, ctx.config.databasePoolSize * 2), 2000, 8000);
  const maxLagMs = ctx.config.readShedding.maxLagMs;
  return new Admission(8, 2000, 1500, () => maxLagMs > 0 && eventLoopLagMs() > maxLagMs);
});

/** This context's limiter: run every booking, change and cancellation through `admissionOf(ctx).run(…)`. */
export function admissionOf(ctx: AppContext): Admission {
  return limiters.get(ctx);
}

/** Replaces a context's limiter and returns the previous one (tests simulate an overloaded process with it). */
export function useAdmission(ctx: AppContext, a: Admission): Admission {
  return limiters.set(ctx, a);
}
