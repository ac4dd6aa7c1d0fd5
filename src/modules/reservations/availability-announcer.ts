/**
 * Seat changes made by this process's bookings, changes and cancellations, announced to the other web
 * processes after their commit (PostgreSQL): "<service> <YYYY-MM>" on rsv_availability, the format of the
 * rsv_slots trigger (migrations 0058, 0060), gathered for ANNOUNCE_EVERY_MS and sent as one transaction.
 *
 * Why not the trigger: a transaction that NOTIFYs holds PostgreSQL's one notification lock through its commit,
 * so bookings that announced themselves committed one at a time (migration 0060 has the figures). rsv_book,
 * rsv_change and rsv_cancel therefore run with the trigger silent, and their callers call `seatsChanged` once
 * the operation has committed. This process's own cache is refreshed at once; the others hear it within
 * ANNOUNCE_EVERY_MS. An announcement that cannot be sent (database unreachable) is kept and sent with the next
 * batch; one lost with the process (killed between commit and send) leaves the other processes' month at most
 * one cache lifetime old, and the seat itself is still held by the database.
 */
import { contextLocal, type AppContext } from '../../platform/context.js';
import { jstMonth } from '../../platform/japan-time.js';
import { availabilityOf } from './availability.js';

export const AVAILABILITY_CHANNEL = 'rsv_availability';
const ANNOUNCE_EVERY_MS = 50;
const RETRY_MS = 1000;
const NOTIFY_ALL = `SELECT pg_notify('${AVAILABILITY_CHANNEL}', p) FROM unnest($1::text[]) AS p`;

class Announcer {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;

  constructor(private readonly ctx: AppContext) {}

  add(payload: string): void {
    this.pending.add(payload);
    if (this.timer || this.sending) return;
    this.timer = setTimeout(() => void this.flush(), ANNOUNCE_EVERY_MS);
    this.timer.unref();
  }

  /** Sends what is pending now (and waits for a send under way): on close, and in tests. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.sending;
    if (!this.pending.size) return;
    const batch = [...this.pending];
    this.pending.clear();
    this.sending = this.ctx.db.query(NOTIFY_ALL, [batch]).then(
      () => this.next(ANNOUNCE_EVERY_MS),
      (err: unknown) => {
        for (const p of batch) this.pending.add(p);
        this.ctx.log.warn({ event: 'availability_announce_failed', err: String(err) }, 'seat changes not announced yet; retrying');
        this.next(RETRY_MS);
      },
    );
    await this.sending;
  }

  /** After a send: what came in meanwhile goes after `delayMs`. */
  private next(delayMs: number): void {
    this.sending = undefined;
    if (!this.pending.size || this.timer) return;
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }
}

const announcers = contextLocal((ctx) => new Announcer(ctx));

/**
 * A committed booking operation took or freed a seat at `start`: refreshes this process's month and announces
 * it to the other processes. Call after the commit, never inside the transaction.
 */
export function seatsChanged(ctx: AppContext, serviceId: string, start: Date): void {
  availabilityOf(ctx).invalidate(serviceId, start);
  if (ctx.db.kind === 'postgres') announcers.get(ctx).add(`${serviceId} ${jstMonth(start)}`);
}

/** Sends the pending announcements now (before the database closes; tests). */
export function flushAnnouncements(ctx: AppContext): Promise<void> {
  return ctx.db.kind === 'postgres' ? announcers.get(ctx).flush() : Promise.resolve();
}
