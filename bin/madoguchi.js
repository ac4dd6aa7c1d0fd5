#!/usr/bin/env node
// The madoguchi CLI. Runs the compiled JavaScript in dist/ (`npm run build`): that is what production
// installs run, and all they can run, since tsx is a development dependency. In a development checkout
// with no build, or with sources changed since the last build, it runs src/ through tsx instead, so the
// CLI never runs stale code.
import fs from 'node:fs';

const dist = new URL('../dist/cli.js', import.meta.url);
const stamp = new URL('../dist/.build-stamp', import.meta.url);
const src = new URL('../src/', import.meta.url);

/** The newest modification time of a TypeScript file under dir (0 when there is none). */
function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function tsxAvailable() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return undefined; // a production install (npm ci --omit=dev): dist/ only
  }
}

const built = fs.existsSync(dist) && fs.existsSync(stamp);
const stale = built && fs.existsSync(src) && newestSource(src) > fs.statSync(stamp).mtimeMs;
const tsx = !built || stale ? await tsxAvailable() : undefined;
let runCli;
if (tsx) {
  tsx.register();
  ({ runCli } = await import('../src/cli.ts'));
} else if (built) {
  ({ runCli } = await import(dist.href));
} else {
  console.error('madoguchi is not built: run `npm run build` (or `npm install` for a development checkout).');
  process.exit(1);
}
process.exit(await runCli(process.argv.slice(2)));
