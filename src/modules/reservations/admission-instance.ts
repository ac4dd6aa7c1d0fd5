/**
 * The admission limiter for booking transactions, one per context: it guards that context's database
 * pool, so two apps in one process neither share nor throttle each other's. In-flight: twice the
 * pool (transactions wait on hot slot rows, not on CPU); queue: bounded, and nobody waits more than
 * 1.5 s for a place, so every arrival of a rush is answered (201, 409 or 503 with Retry-After) within
 * 2 s instead of some waiting for their turn far longer than a person should.
 *
 * Newcomers are refused at once while the event loop lags more than READ_SHED_LAG_MS: a process that cannot
 * keep up delays every admitted booking by that much again. On PostgreSQL a rush saturates the web process's
 * CPU first (parsing, validation, encryption: ~2 ms per booking); on the embedded database (PGlite) the server,
 * the booking logic and the database share one thread, so a queue does not drain at all while the loop is
 * saturated (8 in flight there), and the embedded default answers a rush within seconds instead of after 13 s.
 * Booking routes ask before reading the body (`admit: admitBooking(ctx)`).
 */
import { contextLocal, type AppContext } from '../../platform/context.js';
import { eventLoopLagMs } from '../../platform/event-loop-lag.js';
import { Admission } from './admission.js';

const MAX_WAIT_MS = 1500;

const limiters = contextLocal((ctx) => {
  const maxLagMs = ctx.config.readShedding.maxLagMs;
  const lagging = () => maxLagMs > 0 && eventLoopLagMs() > maxLagMs;
  if (maxLagMs > 0) eventLoopLagMs(); // starts the monitor
  if (ctx.db.kind === 'postgres') return new Admission(Math.max(4, ctx.config.databasePoolSize * 2), 2000, MAX_WAIT_MS, lagging);
  return new Admission(8, 2000, MAX_WAIT_MS, lagging);
});

/** A booking route's `admit`: refuses a newcomer before its body is read when the limiter would refuse it anyway. */
export const admitBooking = (ctx: AppContext) => () => admissionOf(ctx).refuseIfBusy();

/** This context's limiter: run every booking, change and cancellation through `admissionOf(ctx).run(…)`. */
export function admissionOf(ctx: AppContext): Admission {
  return limiters.get(ctx);
}

/** Replaces a context's limiter and returns the previous one (tests simulate an overloaded process with it). */
export function useAdmission(ctx: AppContext, a: Admission): Admission {
  return limiters.set(ctx, a);
}
