/**
 * Signed checkpoints of the audit chain. A checkpoint states "in database D, entry `seq` of the
 * chain has hash H" and is signed with the Ed25519 audit signing key. Kept in audit_checkpoints
 * and, more importantly, exported to files outside the database: someone with full database
 * rights can rewrite the whole chain consistently, but cannot make it agree with a checkpoint
 * signed earlier (they would need the private key), nor shorten it below one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Queryable } from '../../platform/db.js';
import type { Secrets } from '../../platform/secrets.js';
import { canonicalJson } from './audit-chain.js';

export const CHECKPOINT_TYPE = 'madoguchi-audit-checkpoint';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The signed statement; the file format adds `type` and `signature`. */
export const checkpointSchema = z.object({
  type: z.literal(CHECKPOINT_TYPE),
  version: z.literal(1),
  databaseId: z.uuid(),
  seq: z.number().int().min(0),
  hash: hex64,
  createdAt: z.iso.datetime(),
  keyId: z.string().min(1).max(64),
  signature: z.string().min(1),
});
export type SignedCheckpoint = z.output<typeof checkpointSchema>;
export type CheckpointStatement = Omit<SignedCheckpoint, 'signature'>;

/** The exact bytes signed: a domain-separation prefix and the canonical JSON of the statement. */
function signedBytes(s: CheckpointStatement): Buffer {
  const { type, version, databaseId, seq, hash, createdAt, keyId } = s;
  return Buffer.from(`${CHECKPOINT_TYPE}\n${canonicalJson({ type, version, databaseId, seq, hash, createdAt, keyId })}`);
}

export function signCheckpoint(statement: CheckpointStatement, key: Secrets['auditSigning']): SignedCheckpoint {
  if (statement.keyId !== key.id) throw new Error('checkpoint keyId must be the signing key id');
  const signature = crypto.sign(null, signedBytes(statement), key.privateKey).toString('base64');
  return { ...statement, signature };
}

export function isCheckpointSignatureValid(cp: SignedCheckpoint, publicKey: crypto.KeyObject): boolean {
  try {
    return crypto.verify(null, signedBytes(cp), publicKey, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false; // malformed signature or a key of another type: not valid
  }
}

/** The database identity that every checkpoint binds to (created by migration 0004). */
export async function auditDatabaseId(db: Queryable): Promise<string> {
  const r = await db.query<{ database_id: string }>('SELECT database_id FROM audit_chain_identity WHERE id');
  const id = r.rows[0]?.database_id;
  if (!id) throw new Error('audit_chain_identity is missing: the database was not migrated');
  return id;
}

/**
 * Signs the current chain head and stores the checkpoint. The caller must have verified the chain
 * up to the head first (writeVerifiedCheckpoint does): signing a tampered chain would bless it.
 */
export async function storeCheckpointOfHead(
  tx: Queryable,
  key: Secrets['auditSigning'],
  now: Date,
  head: { seq: number; hash: string },
): Promise<SignedCheckpoint> {
  const cp = signCheckpoint(
    {
      type: CHECKPOINT_TYPE,
      version: 1,
      databaseId: await auditDatabaseId(tx),
      seq: head.seq,
      hash: head.hash,
      createdAt: now.toISOString(),
      keyId: key.id,
    },
    key,
  );
  await tx.query(
    `INSERT INTO audit_checkpoints (seq, hash, created_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (seq, created_at) DO NOTHING`,
    [cp.seq, cp.hash, new Date(cp.createdAt), cp.keyId, cp.signature],
  );
  return cp;
}

/** The checkpoint as stored in the table, rebuilt into its signed statement. */
export function checkpointFromRow(
  databaseId: string,
  row: { seq: number; hash: string; created_at: Date; key_id: string; signature: string },
): SignedCheckpoint {
  return {
    type: CHECKPOINT_TYPE,
    version: 1,
    databaseId,
    seq: row.seq,
    hash: row.hash,
    createdAt: row.created_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature,
  };
}

export function checkpointFileText(cp: SignedCheckpoint): string {
  return `${JSON.stringify(cp, null, 2)}\n`;
}

/** Writes a checkpoint file atomically (temporary file, then rename), never overwriting one. */
export function writeCheckpointFile(file: string, cp: SignedCheckpoint): void {
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, checkpointFileText(cp), { mode: 0o644, flag: 'wx' });
  try {
    fs.linkSync(tmp, file); // fails if the file exists: a checkpoint file is never replaced
  } finally {
    fs.unlinkSync(tmp);
  }
}

export function readCheckpointFile(file: string): SignedCheckpoint {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a readable JSON checkpoint (${(err as Error).message})`);
  }
  const r = checkpointSchema.safeParse(data);
  if (!r.success)
    throw new Error(`${file}: not a madoguchi audit checkpoint (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
  return r.data;
}

export function publicKeyPem(key: crypto.KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

export function readPublicKeyFile(file: string): crypto.KeyObject {
  const text = fs.readFileSync(file, 'utf8');
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(text);
  } catch (err) {
    throw new Error(`${file}: not a PEM public key (${(err as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 public key`);
  return key;
}

/** File name of a checkpoint: database, zero-padded entry and time, so names sort oldest to newest. */
export function checkpointFileName(cp: SignedCheckpoint): string {
  const stamp = cp.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `audit-checkpoint-${cp.databaseId.slice(0, 8)}-${String(cp.seq).padStart(10, '0')}-${stamp}.json`;
}

/**
 * The newest checkpoint file in `dir` for this database and signing key (the one covering the
 * highest entry), or undefined when there is none. An unreadable newest file is an error, not
 * something to skip: it is the anchor the verification depends on.
 */
export function newestCheckpointFile(
  dir: string,
  databaseId: string,
  keyId: string,
): { file: string; checkpoint: SignedCheckpoint } | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`audit checkpoint directory ${dir} cannot be read (${(err as Error).message})`);
  }
  const prefix = `audit-checkpoint-${databaseId.slice(0, 8)}-`;
  const candidates = names
    .filter((n) => n.startsWith(prefix) && n.endsWith('.json'))
    .sort()
    .reverse();
  for (const name of candidates) {
    const file = path.join(dir, name);
    const checkpoint = readCheckpointFile(file);
    // another database sharing the 8-character prefix, or a key rotated out: not this chain's anchor
    if (checkpoint.databaseId === databaseId && checkpoint.keyId === keyId) return { file, checkpoint };
  }
  return undefined;
}
