import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../http/errors.js';
import { Admission } from './admission.js';

const gate = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};

describe('admission limiter', () => {
  it('runs at most maxInFlight at once and queues the rest in order', async () => {
    const a = new Admission(2, 10, 5000);
    const g = gate();
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const jobs = [0, 1, 2, 3, 4].map((i) =>
      a.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await g.p;
        order.push(i);
        running--;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(a.stats().inFlight, 2);
    assert.equal(a.stats().queued, 3);
    g.open();
    await Promise.all(jobs);
    assert.equal(peak, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(a.stats().inFlight, 0);
  });

  it('answers busy (503 with Retry-After) when the queue is full, without running the work', async () => {
    const a = new Admission(1, 1, 5000);
    const g = gate();
    const first = a.run(() => g.p);
    const second = a.run(async () => undefined);
    let ran = false;
    await assert.rejects(
      a.run(async () => {
        ran = true;
      }),
      (err: unknown) =>
        err instanceof AppError && err.status === 503 && (err.extra.retryAfterSeconds ?? 0) >= 1 && err.code === 'service_busy',
    );
    assert.equal(ran, false);
    g.open();
    await Promise.all([first, second]);
  });

  it('answers busy when a request waited too long, and keeps the slot count right', async () => {
    const a = new Admission(1, 5, 30);
    const g = gate();
    const first = a.run(() => g.p);
    await assert.rejects(
      a.run(async () => undefined),
      (err: unknown) => err instanceof AppError && err.status === 503,
    );
    g.open();
    await first;
    assert.deepEqual(a.stats().inFlight, 0);
    assert.equal(await a.run(async () => 42), 42);
  });

  it('refuses at once while the process is overloaded (one thread: the embedded database), places free or not', async () => {
    let overloaded = true;
    const a = new Admission(8, 100, 1500, () => overloaded);
    let ran = false;
    await assert.rejects(
      a.run(async () => {
        ran = true;
      }),
      (err: unknown) => err instanceof AppError && err.status === 503 && (err.extra.retryAfterSeconds ?? 0) >= 1,
    );
    assert.equal(ran, false);
    assert.deepEqual(a.stats(), { inFlight: 0, queued: 0, admitted: 0, refused: 1 });
    overloaded = false;
    assert.equal(await a.run(async () => 7), 7);
  });
});
