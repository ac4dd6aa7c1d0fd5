/**
 * Load shedding for reads (availability and calendars): when the process is overloaded, a read is
 * answered at once with 503 + Retry-After (problem+json, or the Japanese error page for a browser)
 * instead of queuing until the client times out — the 2021 vaccine sites' opening-rush failure.
 * Bookings have their own admission limiter (src/modules/reservations/admission.ts); reads never take
 * its places.
 *
 * Overloaded means either:
 * - more sheddable reads in flight in this process than `maxInFlight` (reads waiting on the database
 *   after their cached answer expired, e.g. PGlite under a rush), or
 * - the event loop's delay over the last sampling window above `maxLagMs` (the process cannot keep up
 *   with parsing and answering: every queued request would wait at least that long again).
 *
 * A route opts in with `config: { shed: 'read' }` (defineApi's `sheddable`, definePage's routeConfig).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'read': answered 503 + Retry-After at once when the process is overloaded (read-shedding.ts). */
    shed?: 'read';
  }
}

export type ReadSheddingOptions = { maxInFlight: number; maxLagMs: number };

/** How often the event loop's delay is sampled (and the histogram reset). */
const SAMPLE_MS = 200;
const RETRY_AFTER_SECONDS = 2;

export class ReadShedder {
  private inFlight = 0;
  private lagMs = 0;
  private shed = 0;
  private readonly histogram: IntervalHistogram | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ReadSheddingOptions) {
    if (options.maxLagMs <= 0) return; // delay-based shedding off (the default in test)
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    this.histogram = histogram;
    this.timer = setInterval(() => {
      // p99 of the window in ms (the histogram is in ns); the timer's own resolution is subtracted
      this.lagMs = Math.max(0, histogram.percentile(99) / 1e6 - 10);
      histogram.reset();
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** Admit a read, or throw 503 + Retry-After. Call `done()` once for each admitted read. */
  admit(): void {
    const lagging = this.options.maxLagMs > 0 && this.lagMs > this.options.maxLagMs;
    if (this.inFlight >= this.options.maxInFlight || lagging) {
      this.shed++;
      throw errors.busy(RETRY_AFTER_SECONDS);
    }
    this.inFlight++;
  }

  done(): void {
    this.inFlight--;
  }

  stats(): { inFlight: number; lagMs: number; shed: number } {
    return { inFlight: this.inFlight, lagMs: this.lagMs, shed: this.shed };
  }

  close(): void {
    clearInterval(this.timer);
    this.histogram?.disable();
  }
}

const admitted = new WeakSet<FastifyRequest>();

/** Installs the shedder on an app: sheddable routes are admitted in onRequest and released when answered. */
export function installReadShedding(app: FastifyInstance, options: ReadSheddingOptions): ReadShedder {
  const shedder = new ReadShedder(options);
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config?.shed !== 'read') return;
    shedder.admit();
    admitted.add(req);
  });
  const release = async (req: FastifyRequest) => {
    if (admitted.delete(req)) shedder.done();
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
  app.addHook('onClose', async () => shedder.close());
  return shedder;
}
