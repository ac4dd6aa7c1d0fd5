/**
 * The admission limiter for booking transactions, one per context: it guards that context's database
 * pool, so two apps in one process neither share nor throttle each other's. In-flight: twice the
 * pool (transactions wait on hot slot rows, not on CPU; PGlite counts as a pool of 4); queue:
 * bounded so a rush gets a quick 503 with Retry-After instead of a timeout.
 */
import { contextLocal, type AppContext } from '../../platform/context.js';
import { Admission } from './admission.js';

const limiters = contextLocal(
  (ctx) => new Admission(Math.max(4, (ctx.db.kind === 'postgres' ? ctx.config.databasePoolSize : 4) * 2), 2000, 8000),
);

/** This context's limiter: run every booking, change and cancellation through `admissionOf(ctx).run(…)`. */
export function admissionOf(ctx: AppContext): Admission {
  return limiters.get(ctx);
}

/** Replaces a context's limiter and returns the previous one (tests simulate an overloaded process with it). */
export function useAdmission(ctx: AppContext, a: Admission): Admission {
  return limiters.set(ctx, a);
}
