/**
 * Cross-process availability (PostgreSQL): a trigger on rsv_slots announces every seat change on the
 * channel rsv_availability at COMMIT (migration 0058: "<service> <YYYY-MM>"), and triggers on a service's
 * settings, fields, schedule and calendar exceptions announce "<service> *" ("* *" for a closure of every
 * service; migration 0059). Each web process LISTENs on a connection of its own and refreshes what changed
 * at once, so a booking or a settings change made through one process shows in the others within the
 * refresh interval; while it listens, its cache keeps months for a minute instead of 3 s. PGlite runs in
 * one process, whose own writes already invalidate its cache.
 *
 * The listener never takes the process down: a lost connection (database restart, failover) is
 * reconnected with a growing delay; meanwhile the cache is back to its 3 s TTL, and it starts empty on
 * reconnecting (announcements made in between were missed).
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
    if (listening) availabilityOf(ctx).setAnnounced(false);
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
      if (!serviceId || !month) return;
      const cache = availabilityOf(ctx);
      if (serviceId === '*') cache.clear();
      else if (month === '*') cache.invalidateService(serviceId);
      else cache.invalidateMonth(serviceId, month);
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
      availabilityOf(ctx).setAnnounced(true);
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
      if (listening) availabilityOf(ctx).setAnnounced(false);
      listening = false;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
