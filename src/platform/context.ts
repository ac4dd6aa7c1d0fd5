/** What every operation receives: configuration and the I/O adapters. Built once per process. */
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
