// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [filter-substring ...]
// Test files run in parallel, one per core (os.availableParallelism()); TEST_CONCURRENCY overrides.
// Every test process loads test/network-guard.ts: a connection outside this machine fails the test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const roots = ['src', 'test'];
const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.test.ts')) files.push(p);
  }
};
for (const r of roots) if (fs.existsSync(r)) walk(r);
const filters = process.argv.slice(2);
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (selected.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
const db = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
const requested = Number(process.env.TEST_CONCURRENCY);
const concurrency = Number.isInteger(requested) && requested >= 1 ? requested : Math.max(1, os.availableParallelism());
console.log(`Running ${selected.length} test files on ${db}, ${concurrency} at a time`);
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/network-guard.ts',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...selected,
  ],
  { stdio: 'inherit', env: { ...process.env, MADOGUCHI_ENV: 'test' } },
);
process.exit(r.status ?? 1);
