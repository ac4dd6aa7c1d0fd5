/**
 * Admission control for booking transactions in this process: at most `maxInFlight` run at once,
 * at most `maxQueue` wait, and nobody waits longer than `maxWaitMs`. Beyond that the request is
 * answered at once with 503 + Retry-After ("busy, please retry in N seconds") instead of piling up
 * until clients time out. Accepted bookings are never affected: refusal happens before the
 * transaction starts.
 */
import { errors } from '../../http/errors.js';

export type AdmissionStats = { inFlight: number; queued: number; admitted: number; refused: number };

export class Admission {
  private inFlight = 0;
  private queue: { resolve: () => void; timer: NodeJS.Timeout }[] = [];
  private admitted = 0;
  private refused = 0;
  /** Moving average of how long one admitted operation takes (ms), to predict the wait. */
  private avgMs = 20;

  /**
   * @param isOverloaded when true, newcomers are refused at once even with places free: on the embedded
   *   database the server, the booking logic and PGlite share one thread, so a lagging event loop means
   *   every admitted booking would also wait (see admission-instance.ts).
   */
  constructor(
    readonly maxInFlight: number,
    readonly maxQueue: number,
    readonly maxWaitMs: number,
    private readonly isOverloaded: () => boolean = () => false,
  ) {}

  stats(): AdmissionStats {
    return { inFlight: this.inFlight, queued: this.queue.length, admitted: this.admitted, refused: this.refused };
  }

  /** Predicted wait for a newcomer: the queue ahead, drained maxInFlight at a time. */
  expectedWaitMs(): number {
    return ((this.queue.length + 1) / Math.max(1, this.maxInFlight)) * this.avgMs;
  }

  private retryAfter(): number {
    return Math.min(60, Math.max(2, Math.ceil(this.expectedWaitMs() / 1000)));
  }

  /**
   * Refuses (503 + Retry-After) when `run` would refuse a newcomer at once: overloaded, or every place taken
   * and the queue full or too slow to reach it in time. Routes call it before reading the body.
   */
  refuseIfBusy(): void {
    const full = this.inFlight >= this.maxInFlight && (this.queue.length >= this.maxQueue || this.expectedWaitMs() > this.maxWaitMs);
    if (full || this.isOverloaded()) {
      this.refused++;
      throw errors.busy(this.retryAfter());
    }
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // refuse at once when overloaded, or when the queue is full or would not reach us in time, instead of
    // making the person wait the whole maxWait for the same answer
    this.refuseIfBusy();
    if (this.inFlight >= this.maxInFlight) {
      await new Promise<void>((resolve, reject) => {
        const entry = {
          resolve,
          timer: setTimeout(() => {
            const i = this.queue.indexOf(entry);
            if (i >= 0) this.queue.splice(i, 1);
            this.refused++;
            reject(errors.busy(this.retryAfter()));
          }, this.maxWaitMs),
        };
        this.queue.push(entry);
      });
    } else this.inFlight++;
    this.admitted++;
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.avgMs = this.avgMs * 0.9 + (performance.now() - started) * 0.1;
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve(); // the slot passes straight to the next waiter: inFlight stays the same
      } else this.inFlight--;
    }
  }
}
