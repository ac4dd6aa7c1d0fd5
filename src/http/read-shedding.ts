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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eventLoopLagMs } from '../platform/event-loop-lag.js';
import { errors } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'read': answered 503 + Retry-After at once when the process is overloaded (read-shedding.ts). */
    shed?: 'read';
  }
}

export type ReadSheddingOptions = { maxInFlight: number; maxLagMs: number };

const RETRY_AFTER_SECONDS = 2;

export class ReadShedder {
  private inFlight = 0;
  private shed = 0;

  constructor(private readonly options: ReadSheddingOptions) {
    if (options.maxLagMs > 0) eventLoopLagMs(); // starts the monitor (delay-based shedding is off in test)
  }

  /** Admit a read, or throw 503 + Retry-After. Call `done()` once for each admitted read. */
  admit(): void {
    const lagging = this.options.maxLagMs > 0 && eventLoopLagMs() > this.options.maxLagMs;
    if (this.inFlight >= this.options.maxInFlight || lagging) {
      this.shed++;
      throw errors.busy(RETRY_AFTER_SECONDS);
    }
    this.inFlight++;
  }

  done(): void {
    this.inFlight--;
  }

  stats(): { inFlight: number; shed: number } {
    return { inFlight: this.inFlight, shed: this.shed };
  }
}

const admitted = new WeakSet<FastifyRequest>();

/** Installs the shedder on an app: sheddable routes are admitted in onRequest and released when answered. */
export function installReadShedding(app: FastifyInstance, options: ReadSheddingOptions): ReadShedder {
  const shedder = new ReadShedder(options);
  // callback hooks, as in server.ts: no promise per request
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.routeOptions.config?.shed === 'read') {
      shedder.admit();
      admitted.add(req);
    }
    done();
  });
  const release = (req: FastifyRequest) => {
    if (admitted.delete(req)) shedder.done();
  };
  app.addHook('onResponse', (req, _reply, done) => {
    release(req);
    done();
  });
  app.addHook('onRequestAbort', (req, done) => {
    release(req);
    done();
  });
  return shedder;
}
