/** An encryption worker: builds field crypto from the key material in workerData, turns batches into card rows. */
import { parentPort, workerData } from 'node:worker_threads';
import { createFieldCrypto } from '../../../platform/field-crypto.js';
import { cardRowMaker, cardRows, unpackRows } from './card-rows.js';
import type { WorkerSetup } from './encrypt-pool.js';

const { keys, constants } = workerData as WorkerSetup;
const crypto = createFieldCrypto({
  encryption: { current: keys.kid, keys: new Map([[keys.kid, Buffer.from(keys.key)]]) },
  blindIndexKey: { id: keys.blindIndexId, key: Buffer.from(keys.blindIndexKey) },
});
const maker = cardRowMaker(crypto, constants);
const port = parentPort;
if (!port) throw new Error('encrypt-worker runs as a worker thread only.');

port.on('message', ({ id, firstSeq, rows }: { id: number; firstSeq: number; rows: string }) => {
  try {
    const out = cardRows(maker, { firstSeq, rows: unpackRows(rows) });
    port.postMessage({ id, out }, [out.copyBinary.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ id, error: (err as Error).message });
  }
});
