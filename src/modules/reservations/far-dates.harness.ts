/**
 * Runs a test app in a worker thread for far-dates.test.ts: a request that loops forever blocks only
 * this thread, so the test can time it out and fail instead of hanging.
 */
import { parentPort } from 'node:worker_threads';
import { startTestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { makeService } from './testing.js';

const port = parentPort;
if (!port) throw new Error('far-dates.harness runs as a worker thread');
const app = await startTestApp({ clock: new ManualClock('2026-11-30T09:00:00+09:00') });
const svc = await makeService(app.ctx, { capacity: 2 });
port.on('message', async (m: { url: string; accept: string } | 'close') => {
  if (m === 'close') {
    await app.close();
    port.close();
    return;
  }
  const res = await app.server.inject({ method: 'GET', url: m.url.replace(':id', svc.id), headers: { accept: m.accept } });
  port.postMessage({ url: m.url, status: res.statusCode, body: res.body.slice(0, 2000) });
});
port.postMessage('ready');
