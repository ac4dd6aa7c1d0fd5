/**
 * Writes the inventory as a self-contained, signed directory `<dir>/madoguchi-privacy-<UTC time>/`:
 * index.html (static, readable in any browser, printed or on a phone), inventory.csv (Excel),
 * inventory.json (the InventoryReport), manifest.json (every file's SHA-256 and size, the definitions'
 * fingerprint, the signing key id and public key) and manifest.sig (a detached Ed25519 signature over
 * manifest.json's exact bytes with the audit signing key). Counts and definitions only.
 *
 * The directory is written under a hidden partial name and renamed when complete, so a bundle with its
 * final name is always whole. After a successful write only, the bundles beyond
 * config.privacy.keepGenerations are removed (oldest first): a failing write never costs an old copy.
 * Audited: privacy.bundle_written, privacy.bundle_removed, privacy.bundle_failed (record type
 * privacy_bundle, actor system).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import type { PersonalDataRegister } from '../../../platform/personal-data.js';
import type { Secrets } from '../../../platform/secrets.js';
import { recordAudit } from '../../audit/index.js';
import { computeInventory } from '../inventory/compute-inventory.js';
import { inventoryCsv } from '../inventory/inventory-csv.js';
import type { InventoryReport } from '../inventory/inventory-report.js';
import type { RegisterSource } from '../privacy-part.js';
import { readRegister } from '../read-register.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  isPartialName,
  listBundles,
  MANIFEST_FILE,
  newBundleName,
  partialName,
  SIGNATURE_FILE,
} from './bundle-files.js';
import { renderBundleHtml } from './bundle-html.js';
import { definitionsFingerprint } from './definitions-fingerprint.js';

export type BundleTrigger = 'daily' | 'definitions_changed' | 'cli';

export type BundleResult = { isOk: true; path: string; manifest: BundleManifest; removed: string[] } | { isOk: false; error: string };

type Read = { report: InventoryReport; fingerprint: string };

const DAY_MS = 86_400_000;
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function readInventory(q: Queryable, registers: readonly PersonalDataRegister[], now: Date): Promise<Read> {
  const report = await computeInventory(q, registers, now);
  const fingerprint = definitionsFingerprint(await readRegister(q, registers));
  return { report, fingerprint };
}

/**
 * Where the register and the counts are read. PostgreSQL: the pool, even inside a job — the readers run
 * their queries in parallel (Promise.all), which one transaction's client must not be given. PGlite: one
 * connection, so inside a job its transaction.
 */
export function readerFor(ctx: AppContext, tx: Queryable | undefined): Queryable {
  return tx && ctx.db.kind !== 'postgres' ? tx : ctx.db;
}

/** In the caller's (a job's) transaction: a failed read must not abort it, or the failure could not be audited. */
async function inSavepoint<T>(tx: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  await tx.query('SAVEPOINT privacy_bundle');
  try {
    const r = await fn(tx);
    await tx.query('RELEASE SAVEPOINT privacy_bundle');
    return r;
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT privacy_bundle');
    throw err;
  }
}

/** The bundle's files in a partial directory, then renamed into place. Returns the finished path and its manifest. */
type Written = { path: string; manifest: BundleManifest; scopes: number; items: number };

function writeFiles(dir: string, read: Read, signing: Secrets['auditSigning'], now: Date): Written {
  fs.mkdirSync(dir, { recursive: true });
  const name = newBundleName(dir, now);
  const partial = path.join(dir, partialName(name));
  fs.mkdirSync(partial);
  try {
    const publicKeyPem = signing.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const publicKeyHash = sha256(signing.publicKey.export({ type: 'spki', format: 'der' }));
    const contents: [string, Buffer][] = [
      ['index.html', Buffer.from(renderBundleHtml(read.report, { keyId: signing.id, publicKeyHash }), 'utf8')],
      ['inventory.csv', Buffer.from(inventoryCsv(read.report, 'ja'))],
      ['inventory.json', Buffer.from(`${JSON.stringify(read.report, null, 2)}\n`, 'utf8')],
    ];
    for (const [f, b] of contents) fs.writeFileSync(path.join(partial, f), b, { flush: true });
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      generatedAt: read.report.generatedAt,
      schemaVersion: read.report.schemaVersion,
      definitionsFingerprint: read.fingerprint,
      files: contents.map(([f, b]) => ({ name: f, sha256: sha256(b), size: b.length })),
      signing: { algorithm: 'Ed25519', keyId: signing.id, publicKey: publicKeyPem },
    };
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), bytes, { flush: true });
    fs.writeFileSync(path.join(partial, SIGNATURE_FILE), crypto.sign(null, bytes, signing.privateKey), { flush: true });
    const final = path.join(dir, name);
    fs.renameSync(partial, final);
    const { scopes } = read.report;
    return { path: final, manifest, scopes: scopes.length, items: scopes.reduce((n, s) => n + s.items.length, 0) };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Writes one bundle into `outDir` (default config.privacy.bundleDir). Never throws for a failed write:
 * the failure is audited and returned. `tx`: the caller's transaction (a job's) to read and record in.
 */
export async function writeBundle(
  ctx: AppContext,
  options: { registers: RegisterSource; trigger: BundleTrigger; outDir?: string; tx?: Queryable },
): Promise<BundleResult> {
  const now = ctx.clock.now();
  const dir = path.resolve(options.outDir ?? ctx.config.privacy.bundleDir);
  let written: Written | undefined;
  let error: string | undefined;
  try {
    const registers = options.registers();
    const reader = readerFor(ctx, options.tx);
    const read =
      reader === ctx.db ? await readInventory(ctx.db, registers, now) : await inSavepoint(reader, (q) => readInventory(q, registers, now));
    written = writeFiles(dir, read, ctx.secrets.auditSigning, now);
  } catch (err) {
    error = ((err as Error).message || String(err)).slice(0, 2000);
  }
  const actor = { type: 'system' as const, label: options.trigger === 'cli' ? 'cli' : 'privacy bundle job' };
  const record = async (tx: Queryable): Promise<BundleResult> => {
    if (!written) {
      ctx.log.error({ trigger: options.trigger, err: error }, 'privacy bundle failed');
      await recordAudit(
        tx,
        {
          actor,
          action: 'privacy.bundle_failed',
          outcome: 'failure',
          recordType: 'privacy_bundle',
          recordId: null,
          detail: { trigger: options.trigger, error: (error ?? 'unknown error').slice(0, 300) },
        },
        now,
      );
      return { isOk: false, error: error ?? 'unknown error' };
    }
    const m = written.manifest;
    await recordAudit(
      tx,
      {
        actor,
        action: 'privacy.bundle_written',
        recordType: 'privacy_bundle',
        recordId: path.basename(written.path),
        detail: {
          trigger: options.trigger,
          scopes: written.scopes,
          items: written.items,
          definitionsFingerprint: m.definitionsFingerprint,
          bytes: m.files.reduce((n, f) => n + f.size, 0),
        },
      },
      now,
    );
    const removed = await removeOldGenerations(ctx, tx, dir, actor, now);
    return { isOk: true, path: written.path, manifest: m, removed };
  };
  return options.tx ? record(options.tx) : ctx.db.transaction(record);
}

/** Keeps the newest keepGenerations bundles (the new one among them); clears partial directories a day old. */
async function removeOldGenerations(
  ctx: AppContext,
  tx: Queryable,
  dir: string,
  actor: { type: 'system'; label: string },
  now: Date,
): Promise<string[]> {
  const keep = ctx.config.privacy.keepGenerations;
  const bundles = listBundles(dir);
  const removed = bundles.slice(0, Math.max(0, bundles.length - keep));
  for (const name of removed) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    await recordAudit(tx, { actor, action: 'privacy.bundle_removed', recordType: 'privacy_bundle', recordId: name, detail: { keep } }, now);
  }
  // A write cut short by a killed process leaves its partial directory; one a day old is nobody's work in progress.
  for (const f of fs.readdirSync(dir))
    if (isPartialName(f) && now.getTime() - fs.statSync(path.join(dir, f)).mtimeMs > DAY_MS)
      fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  return removed;
}
