// Builds .test-build/: the repository as the test files see it, with compiled JavaScript in place of TypeScript.
// - src/, test/, bench/ and scripts/ are compiled by tsc (tsconfig.test.json, emit only: `npm run typecheck`
//   checks the types); their other files (assets, fixtures, .mjs entries, data files) are copied beside the
//   JavaScript, and their TypeScript files are linked there too, so that tests that read sources (i18n
//   literals, audit labels, the schema declarations) read the same files as under tsx.
// - Every other top-level entry (migrations/, node_modules/, docs/, deploy/, bin/, package.json, …) is a
//   symbolic link, so paths resolved from import.meta.url (../../migrations, ../../node_modules/…) work as in
//   the sources and Node finds `"type": "module"`.
// - bin/ is copied and dist/ points at the compiled src/ with a build stamp, so the CLI the tests spawn
//   (bin/madoguchi.js) runs the compiled code as a production install does, not the sources through tsx.
// The test runner's working directory stays the repository, so paths relative to it read the real files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const buildDir = path.join(root, '.test-build');
const compiled = ['src', 'test', 'bench', 'scripts'];
const never = new Set(['.git', '.test-build', 'bin', 'dist', ...compiled]);

/** Compiles and mirrors; returns the milliseconds it took. Exits the process when tsc fails. */
export function buildTests() {
  const started = performance.now();
  fs.rmSync(buildDir, { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.test.json'), '--noCheck'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The test build failed (tsc above): nothing was run.');
    process.exit(r.status ?? 1);
  }
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    if (never.has(e.name)) continue;
    fs.symlinkSync(path.join(root, e.name), path.join(buildDir, e.name));
  }
  const mirror = (from, to) => {
    fs.mkdirSync(to, { recursive: true });
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, e.name);
      const dest = path.join(to, e.name);
      if (e.isDirectory()) mirror(src, dest);
      else if (e.name.endsWith('.ts')) fs.symlinkSync(src, dest);
      // Copied, not linked: Node resolves a linked module to its real path, and encrypt-worker.mjs must find
      // the compiled encrypt-worker.js beside itself.
      else fs.copyFileSync(src, dest);
    }
  };
  for (const dir of compiled) mirror(path.join(root, dir), path.join(buildDir, dir));
  mirror(path.join(root, 'bin'), path.join(buildDir, 'bin'));
  fs.symlinkSync('src', path.join(buildDir, 'dist'));
  fs.writeFileSync(path.join(buildDir, 'src', '.build-stamp'), `${new Date().toISOString()}\n`);
  return performance.now() - started;
}

/** The compiled counterpart of a repository-relative TypeScript path (src/x.test.ts → .test-build/src/x.test.js). */
export const compiledPath = (file) => path.join(buildDir, file.replace(/\.ts$/, '.js'));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Built ${path.relative(root, buildDir)} in ${(buildTests() / 1000).toFixed(1)} s.`);
}
