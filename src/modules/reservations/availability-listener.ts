/**
 * Cross-process availability (PostgreSQL): a trigger on rsv_slots announces every seat change on the
 * channel rsv_availability at COMMIT (migration 0058); each web process LISTENs on a connection of its
 * own and refreshes that service's month at once, so a booking taken through one process shows in the
 * others' calendars within the refresh interval instead of when their cached month expires. PGlite runs
 * in one process, whose own writes already invalidate its cache.
 *
 * The listener never takes the process down: a lost connection (database restart, failover) is
 * reconnected with a growing delay, and until then the cache's TTL bounds how stale a count can be.
 */
import pg from 'pg';
import type { AppContext } from '../../platform/context.js';
import { availabilityOf } from './availability.js';

const CHANNEL = 'rsv_availability';
const MAX_RETRY_MS = 30_000;

export type AvailabilityListener = { close(): Promise<void>; isListening(): boolean };

export function listenForAvailability(ctx: AppContext): AvailabilityListener {
  const url = ctx.config.databaseUrl;
  if (ctx.db.kind !== 'postgres' || !url) return { close: async () => undefined, isListening: () => false };
  let client: pg.Client | undefined;
  let listening = false;
  let stopped = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    listening = false;
    const c = client;
    client = undefined;
    c?.removeAllListeners();
    c?.on('error', () => undefined); // a late error from the dead connection is expected
    void c?.end().catch(() => undefined);
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'madoguchi availability listener' });
    client = c;
    c.on('notification', (n) => {
      const [serviceId, month] = (n.payload ?? '').split(' ');
      if (serviceId && month) availabilityOf(ctx).invalidateMonth(serviceId, month);
    });
    c.on('error', retry);
    c.on('end', () => {
      if (!stopped) retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (stopped) return void (await c.end().catch(() => undefined));
      listening = true;
      retryMs = 500;
    } catch {
      if (client === c) retry();
    }
  };
  void connect();

  return {
    isListening: () => listening,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      listening = false;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
