/**
 * Encryption of an import's rows off the main thread: a pool of worker threads, each turning
 * batches into card rows (card-rows.ts) while the main thread reads and validates and PostgreSQL
 * writes; or the same on the main thread for small files. Workers get the current encryption key and
 * the blind-index key in workerData, never logged and never in an error message.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import type { Secrets } from '../../../platform/secrets.js';
import { cardRowMaker, cardRows, packRows, type CardBatch, type CardRowConstants, type CardRows } from './card-rows.js';

/** Key material a worker needs: the current encryption key only, and the blind-index key. */
export type WorkerKeys = { kid: string; key: Uint8Array; blindIndexId: string; blindIndexKey: Uint8Array };

export type Encryptor = {
  encrypt(batch: CardBatch): Promise<CardRows>;
  /** Stops the workers; pending calls reject. */
  close(): Promise<void>;
};

/** On the calling thread: for small files, where starting workers costs more than it saves. */
export function inlineEncryptor(c: FieldCrypto, constants: CardRowConstants): Encryptor {
  const maker = cardRowMaker(c, constants);
  let closed = false;
  return {
    async encrypt(batch) {
      if (closed) throw new Error('The encryptor is closed.');
      return cardRows(maker, batch);
    },
    async close() {
      closed = true;
    },
  };
}

/**
 * Workers for one import: one per core. The main thread (reading, validating) and the database
 * backend take the cores too, but encryption is the largest part of the work, and a worker waiting
 * for the database costs nothing; fewer workers than cores left the cores idle whenever reading or
 * the database paused. At most eight: beyond that the database, not encryption, sets the pace, and
 * each worker holds its own heap.
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

export function workerKeys(secrets: Pick<Secrets, 'encryption' | 'blindIndexKey'>): WorkerKeys {
  const kid = secrets.encryption.current;
  const key = secrets.encryption.keys.get(kid);
  if (!key) throw new Error(`The current encryption key "${kid}" is not in the key ring.`);
  // Copies: a Buffer may be a view into a shared slab, which structured cloning would send whole.
  return {
    kid,
    key: new Uint8Array(key),
    blindIndexId: secrets.blindIndexKey.id,
    blindIndexKey: new Uint8Array(secrets.blindIndexKey.key),
  };
}

/** What a worker starts with. */
export type WorkerSetup = { keys: WorkerKeys; constants: CardRowConstants };

type Task = { resolve: (v: CardRows) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; pending: Map<number, Task> };
type Reply = { id: number; out?: CardRows; error?: string };

/**
 * A pool of `size` workers; each call goes to the worker with the fewest calls pending. The entry is
 * a JavaScript file that loads tsx itself: Node 20 does not apply the parent's loader to a worker's
 * entry module, whether the app was started with `tsx`, `node --import tsx` or the CLI's register().
 */
export function startEncryptPool(setup: WorkerSetup, size = defaultPoolSize()): Encryptor {
  let nextId = 0;
  let failure: Error | undefined;
  const slots: Slot[] = [];
  const failAll = (slot: Slot, err: Error) => {
    failure ??= err;
    for (const t of slot.pending.values()) t.reject(err);
    slot.pending.clear();
  };
  for (let i = 0; i < size; i++) {
    const worker = new Worker(new URL('./encrypt-worker.mjs', import.meta.url), { workerData: setup, execArgv: [] });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (m: Reply) => {
      const t = slot.pending.get(m.id);
      if (!t) return;
      slot.pending.delete(m.id);
      if (m.out) t.resolve(m.out);
      else t.reject(new Error(`Encrypting rows failed in a worker: ${m.error ?? 'unknown error'}`));
    });
    worker.on('error', (err) => failAll(slot, new Error(`An encryption worker failed: ${err.message}`)));
    worker.on('exit', (code) => failAll(slot, new Error(`An encryption worker stopped (exit code ${code}).`)));
    slots.push(slot);
  }
  let closing: Promise<void> | undefined;
  return {
    encrypt(batch) {
      if (failure) return Promise.reject(failure);
      if (closing) return Promise.reject(new Error('The encryption pool is closed.'));
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<CardRows>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, firstSeq: batch.firstSeq, rows: packRows(batch.rows) });
      });
    },
    close() {
      closing ??= Promise.all(slots.map((s) => s.worker.terminate())).then(() => undefined);
      return closing;
    },
  };
}
