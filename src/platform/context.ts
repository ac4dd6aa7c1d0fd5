/**
 * What every operation receives: configuration and the I/O adapters. Built by createContext
 * (src/bootstrap.ts), once per app or worker; tests build several in one process.
 */
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import type { FieldCrypto } from './field-crypto.js';
import type { Logger } from './logger.js';
import type { Secrets } from './secrets.js';

export type AppContext = {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  secrets: Secrets;
  crypto: FieldCrypto;
};

/** One value per context: read with `get(ctx)` (created on first use), replaced with `set`. */
export type ContextLocal<T> = {
  get(ctx: AppContext): T;
  /** Replaces this context's value and returns the previous one (tests swap in a limiter this way). */
  set(ctx: AppContext, value: T): T;
};

/**
 * State that belongs to one context rather than to the process: caches over its database, its
 * admission limiter, the notice senders its modules plug in. Module-level variables would be shared
 * by every context in the process (two apps in one test process, a CLI command next to a server)
 * and would carry one context's data, limits or channels into the other. Keyed by the context object
 * (a WeakMap), so the state is dropped with its context; derive no context by copying one
 * (`{ ...ctx }` starts with empty state).
 */
export function contextLocal<T>(create: (ctx: AppContext) => T): ContextLocal<T> {
  const values = new WeakMap<AppContext, { value: T }>();
  const get = (ctx: AppContext): T => {
    let slot = values.get(ctx);
    if (!slot) {
      slot = { value: create(ctx) };
      values.set(ctx, slot);
    }
    return slot.value;
  };
  return {
    get,
    set(ctx, value) {
      const previous = get(ctx);
      values.set(ctx, { value });
      return previous;
    },
  };
}
