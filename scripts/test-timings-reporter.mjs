// A node:test reporter (scripts/run-tests.mjs adds it beside `spec`): the wall time of every test file, from
// the moment the runner starts its process to the moment it completes, and the counts of tests passed, failed
// and skipped, written as JSON to its destination. run-tests.mjs prints the slowest files and merges the
// timings into .test-artifacts/test-timings.json, from which the next run orders the files.
export default async function* timings(source) {
  const started = new Map();
  const files = {};
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const t0 = Date.now();
  for await (const { type, data } of source) {
    if (!data || typeof data.file !== 'string') continue;
    if (data.name === data.file) {
      // The file itself is a test named by its path (nesting 0).
      if (type === 'test:dequeue') started.set(data.file, Date.now());
      else if (type === 'test:complete') {
        const start = started.get(data.file);
        const ms = data.details?.duration_ms ?? (start === undefined ? undefined : Date.now() - start);
        if (ms !== undefined) files[data.file] = { ms: Math.round(ms), passed: data.details?.passed === true };
      }
      continue;
    }
    // The tests in it, as node's own summary counts them (suites are not tests; skipped and todo apart).
    if (data.details?.type === 'suite') continue;
    if (type === 'test:fail') counts.failed++;
    else if (type === 'test:pass') {
      if (data.skip !== undefined || data.todo !== undefined) counts.skipped++;
      else counts.passed++;
    }
  }
  yield `${JSON.stringify({ wallMs: Date.now() - t0, ...counts, files }, null, 1)}\n`;
}
