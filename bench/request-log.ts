/**
 * What the one request-log line at LOG_LEVEL=info costs, measured in-process with the server's own loggers
 * (createLogger, requestLoggerOf) writing to /dev/null: process CPU (the writes included, which pino makes on
 * the event loop as its buffer drains) per line, over rounds of lines with the event loop let run between them.
 * The A/B figure of the benchmark (a web process at info against one with logging off) carries the noise of
 * two load runs; this one prices the line alone.
 */
import crypto from 'node:crypto';
import { setImmediate as turn } from 'node:timers/promises';
import { createLogger, requestLoggerOf } from '../src/platform/logger.js';
import { median } from './load.js';

export async function requestLogCostUs(rounds = 9, perRound = 5000): Promise<number> {
  const log = requestLoggerOf(createLogger('info', '/dev/null'));
  const ids = Array.from({ length: 64 }, () => crypto.randomUUID());
  const times: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < perRound; i++) {
      // the fields of server.ts's onResponse line
      log.info(
        { reqId: ids[i % ids.length], method: 'GET', route: '/api/v1/services/:id/availability', status: 200, ms: 3, staffId: undefined },
        'request',
      );
      if (i % 100 === 99) await turn(); // let the destination write, as between requests
    }
    await turn();
    const used = process.cpuUsage(before);
    if (r >= 0) times.push((used.user + used.system) / perRound); // round -1 warms up
  }
  return median(times);
}
