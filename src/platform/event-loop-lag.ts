/**
 * How late this process's event loop runs: the p99 of its delay over the last 200 ms window, in ms. One
 * monitor per process (started on first use), shared by read shedding and by booking admission on the
 * embedded database, where the web server, the booking logic and PGlite all share this one thread.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const SAMPLE_MS = 200;
/** The monitor's own timer resolution, subtracted from what it measures. */
const RESOLUTION_MS = 10;

let lagMs = 0;
let started = false;

function start(): void {
  started = true;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  setInterval(() => {
    lagMs = Math.max(0, histogram.percentile(99) / 1e6 - RESOLUTION_MS);
    histogram.reset();
  }, SAMPLE_MS).unref();
}

/** The current event-loop delay (ms); the first call starts the monitor and answers 0. */
export function eventLoopLagMs(): number {
  if (!started) start();
  return lagMs;
}
