/**
 * Cross-process availability (PostgreSQL): every seat change is announced on the channel rsv_availability
 * ("<service> <YYYY-MM>"): by a trigger on rsv_slots at COMMIT (migration 0058), or, for bookings, changes
 * and cancellations, by the web process right after their commit (availability-announcer.ts, migration
 * 0060); triggers on a service's settings, fields, schedule and calendar exceptions announce "<service> *"
 * ("* *" for a closure of every service; migration 0059). Each web process LISTENs on a connection of its own and refreshes what changed
 * at once, so a booking or a settings change made through one process shows in the others within the
 * refresh interval; while it listens, its cache keeps months for a minute instead of 3 s. PGlite runs in
 * one process, whose own writes already invalidate its cache.
 *
 * Hearing is proven, not assumed: the listener counts as listening (and the cache keeps months for a
 * minute) only once a probe it sent through the ordinary pool, as another process would, has come back on
 * its connection, and again every 30 s; a probe not heard within 10 s counts as a lost connection. So a
 * connection that silently hears nothing (a pooler in transaction mode between it and PostgreSQL, a
 * stalled network) costs freshness for seconds, not for a minute.
 *
 * The listener never takes the process down: a lost connection (database restart, failover) is
 * reconnected with a growing delay; meanwhile the cache is back to its 3 s TTL, and it starts empty on
 * reconnecting (announcements made in between were missed).
 */
import crypto from 'node:crypto';
import pg from 'pg';
import type { AppContext } from '../../platform/context.js';
import { AVAILABILITY_CHANNEL as CHANNEL } from './availability-announcer.js';
import { availabilityOf } from './availability.js';

const MAX_RETRY_MS = 30_000;
const PROBE_EVERY_MS = 30_000;
const PROBE_WITHIN_MS = 10_000;

export type AvailabilityListener = { close(): Promise<void>; isListening(): boolean };

export type ListenerOptions = {
  probeEveryMs?: number;
  probeWithinMs?: number;
  /** How a probe is sent (default: pg_notify through the context's pool); tests lose probes with it. */
  sendProbe?: (channel: string, payload: string) => Promise<unknown>;
};

export function listenForAvailability(ctx: AppContext, o: ListenerOptions = {}): AvailabilityListener {
  const probeEveryMs = o.probeEveryMs ?? PROBE_EVERY_MS;
  const probeWithinMs = o.probeWithinMs ?? PROBE_WITHIN_MS;
  const sendProbe = o.sendProbe ?? ((channel, payload) => ctx.db.query('SELECT pg_notify($1, $2)', [channel, payload]));
  const url = ctx.config.databaseUrl;
  if (ctx.db.kind !== 'postgres' || !url) return { close: async () => undefined, isListening: () => false };
  let client: pg.Client | undefined;
  let listening = false;
  let stopped = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let awaitedProbe: string | undefined;

  /** Sends a probe through the pool; the connection must hear it within PROBE_WITHIN_MS. */
  const probe = (c: pg.Client) => {
    if (client !== c || stopped) return;
    const nonce = `probe ${crypto.randomUUID()}`;
    awaitedProbe = nonce;
    sendProbe(CHANNEL, nonce).catch(() => undefined);
    probeTimer = setTimeout(() => {
      if (client !== c) return;
      if (awaitedProbe === nonce)
        retry(); // not heard: this connection cannot be trusted to hear changes
      else probe(c);
    }, probeWithinMs);
    probeTimer.unref();
  };

  const heardProbe = (c: pg.Client, nonce: string) => {
    if (client !== c || nonce !== awaitedProbe) return;
    awaitedProbe = undefined;
    if (!listening) {
      listening = true;
      availabilityOf(ctx).setAnnounced(true);
      retryMs = 500;
    }
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = setTimeout(() => probe(c), probeEveryMs);
    probeTimer.unref();
  };

  const retry = () => {
    if (listening) availabilityOf(ctx).setAnnounced(false);
    listening = false;
    awaitedProbe = undefined;
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = undefined;
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
      if (serviceId === 'probe') return heardProbe(c, n.payload as string); // ours, or another process's
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
      probe(c);
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
      if (probeTimer) clearTimeout(probeTimer);
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
