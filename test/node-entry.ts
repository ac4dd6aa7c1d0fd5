import path from 'node:path';

/** The repository as this file sees it: the repository itself under tsx, .test-build/ in the compiled test run. */
const base = path.resolve(import.meta.dirname, '..');
const compiled = import.meta.url.endsWith('.js');

/**
 * Node arguments that run one of the repository's TypeScript entry points (`src/main.ts`, `src/cli.ts`, …) in a
 * child process the way the test itself runs: the compiled JavaScript in the test build (`npm test`), the source
 * through tsx otherwise (a single file run with `node --import tsx`). Loading the app through tsx costs a child
 * several seconds of CPU.
 */
export function nodeEntry(file: string): string[] {
  return compiled ? ['--enable-source-maps', path.join(base, file.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', path.join(base, file)];
}
