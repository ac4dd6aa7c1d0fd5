/**
 * Verifies an offline bundle directory against the TRUSTED key — this installation's audit signing
 * public key, never the key the bundle carries: anyone can make a self-consistent bundle with a key of
 * their own. Checks: manifest.sig is a valid Ed25519 signature over manifest.json's exact bytes under the
 * trusted key, the manifest names that key, every listed file is there with its size and SHA-256, and
 * nothing else is in the directory. Needs no database (the system may be down when this matters).
 * Returns every problem found, in words an operator reads; none means untampered.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_FORMAT, type BundleManifest, MANIFEST_FILE, SIGNATURE_FILE } from './bundle-files.js';

export type TrustedKey = { id: string; publicKey: crypto.KeyObject };

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function isPlainName(n: unknown): n is string {
  return typeof n === 'string' && n !== '' && n !== '.' && n !== '..' && !/[/\\\0]/.test(n);
}

export function verifyBundle(dir: string, trusted: TrustedKey): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [`${dir} is not a directory`];
  const problems: string[] = [];
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) return [`${MANIFEST_FILE} is missing`];
  const bytes = fs.readFileSync(manifestPath);

  const sigPath = path.join(dir, SIGNATURE_FILE);
  if (!fs.existsSync(sigPath)) problems.push(`${SIGNATURE_FILE} is missing`);
  else if (!crypto.verify(null, bytes, trusted.publicKey, fs.readFileSync(sigPath)))
    problems.push(`${SIGNATURE_FILE}: not a valid signature of ${MANIFEST_FILE} under the trusted audit signing key ${trusted.id}`);

  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as BundleManifest;
  } catch {
    return [...problems, `${MANIFEST_FILE} is not valid JSON`];
  }
  if (manifest?.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files))
    return [...problems, `${MANIFEST_FILE} is not a madoguchi privacy bundle manifest`];

  const trustedPem = trusted.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (manifest.signing?.publicKey?.trim() !== trustedPem.trim())
    problems.push(
      `${MANIFEST_FILE} names signing key ${String(manifest.signing?.keyId)} with a public key that is not this installation's audit signing key ${trusted.id}`,
    );

  const listed = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE]);
  for (const f of manifest.files) {
    if (!isPlainName(f?.name)) {
      problems.push(`${MANIFEST_FILE} lists a file name that is not a plain name: ${JSON.stringify(f?.name)}`);
      continue;
    }
    if (listed.has(f.name)) {
      problems.push(`${MANIFEST_FILE} lists ${f.name} twice`);
      continue;
    }
    listed.add(f.name);
    const p = path.join(dir, f.name);
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) {
      problems.push(`${f.name} is missing`);
      continue;
    }
    const content = fs.readFileSync(p);
    if (content.length !== f.size) problems.push(`${f.name}: ${content.length} bytes, the manifest says ${f.size}`);
    if (sha256(content) !== f.sha256) problems.push(`${f.name}: SHA-256 differs from the manifest (altered)`);
  }
  for (const name of fs.readdirSync(dir).sort()) if (!listed.has(name)) problems.push(`${name} is not listed in ${MANIFEST_FILE}`);
  return problems;
}
