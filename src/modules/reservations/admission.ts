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

  constructor(
    readonly maxInFlight: number,
    readonly maxQueue: number,
    readonly maxWaitMs: number,
  ) {}

  stats(): AdmissionStats {
    return { inFlight: this.inFlight, queued: this.queue.length, admitted: this.admitted, refused: this.refused };
  }

  private retryAfter(): number {
    // a rough estimate: the queue drains in about (queue / maxInFlight) waits of ~maxWait/4
    return Math.min(30, Math.max(2, Math.ceil(((this.queue.length / Math.max(1, this.maxInFlight)) * this.maxWaitMs) / 4000)));
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.maxInFlight) {
      if (this.queue.length >= this.maxQueue) {
        this.refused++;
        throw errors.busy(this.retryAfter());
      }
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
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve(); // the slot passes straight to the next waiter: inFlight stays the same
      } else this.inFlight--;
    }
  }
}
