// Entry of an encryption worker (encrypt-pool.ts). Plain JavaScript: Node 20 does not apply the
// parent's tsx loader to a worker's entry module, so the worker registers tsx itself, then loads
// the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./encrypt-worker.ts');
