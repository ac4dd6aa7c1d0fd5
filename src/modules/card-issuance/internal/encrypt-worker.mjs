// Entry of an encryption worker (encrypt-pool.ts). Plain JavaScript: Node 20 does not apply the
// parent's loader to a worker's entry module. In the build (dist/, production) the compiled
// encrypt-worker.js sits beside this file; in the sources the worker registers tsx (a development
// dependency) itself, then loads the TypeScript.
import fs from 'node:fs';

const compiled = new URL('./encrypt-worker.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./encrypt-worker.ts');
}
