// Production build: compiles src/ to dist/ with tsc (tsconfig.build.json), then copies the files the
// compiled code reads next to itself at run time (web assets, the LIFF entry script, the rich menu
// image, the encryption worker's entry, the password list). dist/ keeps src/'s folder layout, so paths
// resolved from import.meta.url (../../migrations, ../../node_modules/…) work from both.
//
// Usage: node scripts/build.mjs [--out-dir DIR] [--no-check]
//   --out-dir  write somewhere else than dist/ (the build test builds into a temporary folder)
//   --no-check emit without type checking (the type check is `npm run typecheck`)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out-dir');
const outDir = path.resolve(outIndex >= 0 ? (args[outIndex + 1] ?? '') : path.join(root, 'dist'));
const noCheck = args.includes('--no-check');
if ((outIndex >= 0 && !args[outIndex + 1]) || root.startsWith(outDir)) {
  console.error(`Refusing to build into ${outDir}: give --out-dir a folder of its own.`);
  process.exit(2);
}

fs.rmSync(outDir, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
if (!fs.existsSync(tsc)) {
  console.error('Building needs the development dependencies (typescript): run `npm ci` (not --omit=dev) first.');
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir, ...(noCheck ? ['--noCheck'] : [])],
  {
    stdio: 'inherit',
  },
);
if (r.status !== 0) {
  fs.rmSync(outDir, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

// Not TypeScript, not tests, not documentation: the files the code opens beside itself.
const skip = (name) => name.endsWith('.ts') || name.endsWith('.md');
let copied = 0;
const copy = (from, to) => {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dest = path.join(to, e.name);
    if (e.isDirectory()) copy(src, dest);
    else if (!skip(e.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dest);
      copied++;
    }
  }
};
copy(path.join(root, 'src'), outDir);
// bin/madoguchi.js runs the sources instead when src/ changed after this build.
fs.writeFileSync(path.join(outDir, '.build-stamp'), `${new Date().toISOString()}\n`);
console.log(`Built ${path.relative(root, outDir) || outDir} (${copied} asset files copied).`);
