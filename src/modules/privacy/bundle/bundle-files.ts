/**
 * The offline bundle on disk: a directory `madoguchi-privacy-<UTC time>/` holding index.html,
 * inventory.csv, inventory.json, manifest.json and manifest.sig. A bundle being written lives under a
 * hidden `.…partial` name and is renamed when complete, so a directory with the bundle's name is always
 * a finished one. Names sort by time, so the newest bundle is the last name.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const BUNDLE_FORMAT = 'madoguchi-privacy-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export type BundleManifest = {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  /** ISO 8601: when the inventory was computed. */
  generatedAt: string;
  schemaVersion: string;
  /** SHA-256 of the register's definitions (not its counts): the change job writes a bundle when it moves. */
  definitionsFingerprint: string;
  /** Every file of the bundle except manifest.json and manifest.sig. */
  files: { name: string; sha256: string; size: number }[];
  /** The key manifest.sig was made with: the installation's audit signing key (Ed25519). */
  signing: { algorithm: 'Ed25519'; keyId: string; publicKey: string };
};

const DIR_NAME = /^madoguchi-privacy-\d{8}T\d{6}\.\d{3}Z$/;

/** Finished bundles in `dir`, oldest first (their names sort by time). */
export function listBundles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && DIR_NAME.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** A directory name that sorts by time: the instant to the millisecond, moved on a millisecond if taken. */
export function newBundleName(dir: string, at: Date): string {
  for (let t = at.getTime(); ; t++) {
    const name = `madoguchi-privacy-${new Date(t).toISOString().replace(/[-:]/g, '')}`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, partialName(name)))) return name;
  }
}

/** Where a bundle is written before it is complete (same directory, so the rename is atomic). */
export function partialName(name: string): string {
  return `.${name}.partial`;
}

export function isPartialName(name: string): boolean {
  return name.startsWith('.madoguchi-privacy-') && name.endsWith('.partial');
}

export function readManifest(bundle: string): BundleManifest {
  return JSON.parse(fs.readFileSync(path.join(bundle, MANIFEST_FILE), 'utf8')) as BundleManifest;
}

export type LatestBundle = { path: string; generatedAt: Date; fingerprint: string };

/**
 * The newest finished bundle in `dir` (for the inventory page and the change job), or undefined when
 * there is none. Read, not verified: a bundle whose manifest cannot be read is skipped for an older one.
 */
export function latestBundle(dir: string): LatestBundle | undefined {
  for (const name of listBundles(dir).reverse()) {
    const p = path.join(dir, name);
    try {
      const m = readManifest(p);
      if (typeof m.generatedAt === 'string' && typeof m.definitionsFingerprint === 'string')
        return { path: p, generatedAt: new Date(m.generatedAt), fingerprint: m.definitionsFingerprint };
    } catch {
      // An unreadable manifest (damaged, being removed by hand): that bundle does not count; look further back.
    }
  }
  return undefined;
}
