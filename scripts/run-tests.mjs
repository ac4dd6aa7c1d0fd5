// Runs every *.test.ts under src/ and test/ with Node's test runner.
// Usage: node scripts/run-tests.mjs [filter-substring ...]
// The files run compiled: scripts/test-build.mjs first emits src/, test/, bench/ and scripts/ as JavaScript into
// .test-build/ (a few seconds), because loading the app through tsx's loader cost every test process about 5 s
// of CPU more (CI ran 58 minutes). TEST_FROM_SOURCE=1 runs the TypeScript through tsx instead (`npm run coverage`,
// whose report names the sources).
// TEST_SKIP_BROWSER=1 leaves out the browser files (those that call launchBrowser): CI's embedded pass, as the
// PostgreSQL pass runs them; what they do to the database is what the HTTP-level files do on both.
// Test files run in parallel, one per core (os.availableParallelism()); TEST_CONCURRENCY overrides.
// Every test process loads test/network-guard.ts: a connection outside this machine fails the test.
//
// Timings: scripts/test-timings-reporter.mjs records each file's wall time; they are merged into
// .test-artifacts/test-timings.json and the slowest files are listed at the end. The next run starts the
// slowest files first (files without a timing count as slow), so a long file never starts last and keeps one
// core busy alone at the end of the run; within equal timings the order stays alphabetical.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDir, buildTests, compiledPath } from './test-build.mjs';

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
const skipBrowser = process.env.TEST_SKIP_BROWSER === '1';
const isBrowserFile = (f) => fs.readFileSync(f, 'utf8').includes('launchBrowser(');
const matching = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const selected = skipBrowser ? matching.filter((f) => !isBrowserFile(f)) : matching;
if (skipBrowser) console.log(`TEST_SKIP_BROWSER=1: leaving out ${matching.length - selected.length} browser files`);
if (selected.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const artifacts = '.test-artifacts';
const timingsFile = path.join(artifacts, 'test-timings.json');
const runFile = path.join(artifacts, `test-timings.${process.pid}.json`);
fs.mkdirSync(artifacts, { recursive: true });
/** Milliseconds per test file (relative path) from earlier runs. */
let known = {};
try {
  known = JSON.parse(fs.readFileSync(timingsFile, 'utf8')).files ?? {};
} catch {
  /* no earlier run (a fresh clone): alphabetical order */
}
const slowFirst = [...selected].sort((a, b) => (known[b]?.ms ?? Infinity) - (known[a]?.ms ?? Infinity) || (a < b ? -1 : 1));

const db = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
const requested = Number(process.env.TEST_CONCURRENCY);
const concurrency = Number.isInteger(requested) && requested >= 1 ? requested : Math.max(1, os.availableParallelism());
const fromSource = process.env.TEST_FROM_SOURCE === '1';
const loader = fromSource
  ? ['--import', 'tsx', '--import', './test/network-guard.ts']
  : ['--enable-source-maps', '--import', compiledPath('test/network-guard.ts')];
if (!fromSource) console.log(`Compiled the tests into ${path.relative(process.cwd(), buildDir)} in ${(buildTests() / 1000).toFixed(1)} s.`);
console.log(`Running ${selected.length} test files on ${db}, ${concurrency} at a time${fromSource ? ' (TypeScript through tsx)' : ''}`);
const r = spawnSync(
  process.execPath,
  [
    ...loader,
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/test-timings-reporter.mjs',
    `--test-reporter-destination=${runFile}`,
    ...(fromSource ? slowFirst : slowFirst.map(compiledPath)),
  ],
  { stdio: 'inherit', env: { ...process.env, MADOGUCHI_ENV: 'test' } },
);

try {
  const run = JSON.parse(fs.readFileSync(runFile, 'utf8'));
  fs.rmSync(runFile, { force: true });
  /** The source's name for a test file, whether it ran compiled or not: timings stay keyed by the source. */
  const sourceName = (file) => {
    const rel = path.relative(process.cwd(), file);
    const inBuild = path.relative(buildDir, file);
    return inBuild.startsWith('..') ? rel : inBuild.replace(/\.js$/, '.ts');
  };
  const measured = Object.entries(run.files).map(([file, t]) => [sourceName(file), t]);
  const merged = { ...known, ...Object.fromEntries(measured) };
  fs.writeFileSync(timingsFile, `${JSON.stringify({ updated: new Date().toISOString(), db, concurrency, files: merged }, null, 1)}\n`);
  const slowest = measured.sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  const busy = measured.reduce((s, [, t]) => s + t.ms, 0);
  console.log(`\nSlowest test files (wall time; all ${measured.length} in ${timingsFile}):`);
  for (const [file, t] of slowest) console.log(`${(t.ms / 1000).toFixed(1).padStart(8)} s  ${file}${t.passed ? '' : '  (failed)'}`);
  console.log(
    `Files' time added up ${(busy / 1000).toFixed(0)} s; the run took ${(run.wallMs / 1000).toFixed(0)} s on ${concurrency} at a time.`,
  );
  console.log(`${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
} catch (err) {
  // The timings are a report, not a result: the test run's own exit status stands.
  console.error(`(no test timings: ${err instanceof Error ? err.message : String(err)})`);
}
process.exit(r.status ?? 1);
