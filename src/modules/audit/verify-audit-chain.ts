/**
 * Verifies the audit chain: walks audit_log in seq order in bounded batches (constant memory, so
 * a log of millions of entries is fine) and recomputes every hash from the previous one. Reports
 * the FIRST bad entry and what is wrong with it:
 *   seq_gap            an entry is missing (deleted)
 *   prev_hash_mismatch an entry does not link to the previous one (inserted, reordered, or the
 *                      previous entry was edited and its hash recomputed)
 *   hash_mismatch      an entry's content does not match its hash (edited)
 *   beyond_head        entries after the chain head (appended without the head moving)
 *   head_mismatch      the head names an entry that is not the last one (tail deleted)
 *   checkpoint_*       the chain disagrees with a signed checkpoint: whole-table rewrite, a chain
 *                      shorter than the checkpoint, a forged signature, another database
 * Runs outside any transaction or inside one; it never locks, so appends continue meanwhile.
 */
import type crypto from 'node:crypto';
import type { Queryable } from '../../platform/db.js';
import { GENESIS_HASH, rowHash, type AuditRow } from './audit-chain.js';
import { auditDatabaseId, checkpointFromRow, isCheckpointSignatureValid, type SignedCheckpoint } from './audit-checkpoint.js';

export type AuditProblemKind =
  | 'seq_gap'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'beyond_head'
  | 'head_mismatch'
  | 'checkpoint_mismatch'
  | 'checkpoint_beyond_end'
  | 'checkpoint_signature'
  | 'checkpoint_database';

export type AuditProblem = { seq: number; kind: AuditProblemKind; message: string };

export type VerifyResult = {
  isOk: boolean;
  /** Entries whose hash was recomputed and found correct. */
  entries: number;
  /** Last entry checked (or the trusted start). */
  lastSeq: number;
  lastHash: string;
  checkpointsChecked: number;
  /** Stored checkpoints not checked because they were signed with a key that is not configured. */
  checkpointsSkipped: number;
  /**
   * The newest checkpoint from outside the database (a file) that the chain was compared with. Without
   * one, a deleted tail or a consistent rewrite with the stored checkpoints removed cannot be noticed.
   */
  externalAnchor?: { seq: number; createdAt: string };
  problem?: AuditProblem;
};

export type VerifyOptions = {
  /** Checkpoints from files; their signatures are checked with publicKey. */
  checkpoints?: SignedCheckpoint[];
  /** Key that checks checkpoint signatures (the configured one, or one read from a file). */
  publicKey?: crypto.KeyObject;
  /** Key id of publicKey when known: stored checkpoints signed by other keys are skipped, not failed. */
  publicKeyId?: string;
  /** Also check the checkpoints stored in audit_checkpoints (needs publicKey). Default true when a key is given. */
  storedCheckpoints?: boolean;
  /** Start after an entry already proven good (e.g. a verified checkpoint) instead of at genesis. */
  since?: { seq: number; hash: string };
  batchSize?: number;
};

type DbRow = {
  seq: number;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  department_id: string | null;
  action: string;
  outcome: string;
  record_type: string | null;
  record_id: string | null;
  client_ip: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

function toAuditRow(r: DbRow): AuditRow {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    departmentId: r.department_id,
    action: r.action,
    outcome: r.outcome,
    recordType: r.record_type,
    recordId: r.record_id,
    clientIp: r.client_ip,
    requestId: r.request_id,
    detail: r.detail,
  };
}

const short = (h: string) => h.slice(0, 12);

export async function verifyAuditChain(db: Queryable, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 2000;
  const result: VerifyResult = {
    isOk: true,
    entries: 0,
    lastSeq: options.since?.seq ?? 0,
    lastHash: options.since?.hash ?? GENESIS_HASH,
    checkpointsChecked: 0,
    checkpointsSkipped: 0,
  };
  const fail = (problem: AuditProblem): VerifyResult => ({ ...result, isOk: false, problem });

  // File checkpoints: signature and database first, then compared during the walk (they are few).
  const fileCheckpoints = new Map<number, SignedCheckpoint[]>();
  if (options.checkpoints?.length) {
    if (!options.publicKey) throw new Error('checking checkpoints needs a public key');
    const databaseId = await auditDatabaseId(db);
    for (const cp of [...options.checkpoints].sort((a, b) => a.seq - b.seq)) {
      if (!isCheckpointSignatureValid(cp, options.publicKey))
        return fail({
          seq: cp.seq,
          kind: 'checkpoint_signature',
          message: `the checkpoint at entry ${cp.seq} (${cp.createdAt}, key ${cp.keyId}) has no valid signature by the given key: it is forged or altered`,
        });
      if (cp.databaseId !== databaseId)
        return fail({
          seq: cp.seq,
          kind: 'checkpoint_database',
          message: `the checkpoint at entry ${cp.seq} belongs to database ${cp.databaseId}, not to this one (${databaseId})`,
        });
      const list = fileCheckpoints.get(cp.seq) ?? [];
      list.push(cp);
      fileCheckpoints.set(cp.seq, list);
    }
  }
  const anchored = (cp: SignedCheckpoint) => {
    result.checkpointsChecked++;
    if (!result.externalAnchor || cp.seq > result.externalAnchor.seq) result.externalAnchor = { seq: cp.seq, createdAt: cp.createdAt };
  };
  const checkAt = (seq: number, hash: string): AuditProblem | undefined => {
    for (const cp of fileCheckpoints.get(seq) ?? []) {
      anchored(cp);
      if (cp.hash !== hash)
        return {
          seq,
          kind: 'checkpoint_mismatch',
          message: `entry ${seq} has hash ${short(hash)}… but the checkpoint signed at ${cp.createdAt} says ${short(cp.hash)}…: the log was rewritten up to here`,
        };
    }
    return undefined;
  };
  if (!options.since) {
    const p = checkAt(0, GENESIS_HASH);
    if (p) return fail(p);
  } else {
    // File checkpoints at or before the trusted start are not walked: compare them with the stored
    // entry directly (the entries up to the start were verified when the start was signed).
    for (const [seq, cps] of fileCheckpoints) {
      if (seq > options.since.seq) continue;
      const stored =
        seq === 0 ? GENESIS_HASH : (await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [seq])).rows[0]?.hash;
      if (stored === undefined)
        return fail({
          seq,
          kind: 'checkpoint_mismatch',
          message: `entry ${seq}, covered by the checkpoint signed at ${cps[0]?.createdAt}, is missing: it was deleted`,
        });
      const p = checkAt(seq, stored);
      if (p) return fail(p);
      fileCheckpoints.delete(seq);
    }
  }

  // The walk. Keyset pagination by seq; each batch is one short query.
  let cursor = result.lastSeq;
  let headChecks = 0;
  for (;;) {
    const batch = await db.query<DbRow>(
      `SELECT seq, occurred_at, actor_type, actor_id, actor_label, department_id, action, outcome,
              record_type, record_id, client_ip, request_id, detail, prev_hash, hash
       FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [cursor, batchSize],
    );
    for (const r of batch.rows) {
      const expected = result.lastSeq + 1;
      if (r.seq !== expected)
        return fail({
          seq: expected,
          kind: 'seq_gap',
          message:
            r.seq === expected + 1 ? `entry ${expected} is missing (deleted)` : `entries ${expected} to ${r.seq - 1} are missing (deleted)`,
        });
      if (r.prev_hash !== result.lastHash)
        return fail({
          seq: r.seq,
          kind: 'prev_hash_mismatch',
          message: `entry ${r.seq} does not link to entry ${result.lastSeq} (prev_hash ${short(r.prev_hash)}… ≠ ${short(result.lastHash)}…): an entry was inserted, reordered, or entry ${result.lastSeq} was altered`,
        });
      const computed = rowHash(result.lastHash, toAuditRow(r));
      if (computed !== r.hash)
        return fail({
          seq: r.seq,
          kind: 'hash_mismatch',
          message: `entry ${r.seq} does not match its hash: its content was altered`,
        });
      const p = checkAt(r.seq, r.hash);
      if (p) return fail(p);
      result.entries++;
      result.lastSeq = r.seq;
      result.lastHash = r.hash;
    }
    cursor = result.lastSeq;
    if (batch.rows.length === batchSize) continue;

    // End of the rows we saw. The head and its row commit in one transaction and the head only
    // moves forward, so read after the rows: a head past the last row means either appends that
    // committed meanwhile (walk on) or a deleted tail (nothing more to walk).
    const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE id')).rows[0];
    if (!head) throw new Error('audit_chain_head is missing: the database was not migrated');
    if (head.seq > result.lastSeq) {
      const more = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq > $1', [result.lastSeq]);
      if ((more.rows[0]?.n ?? 0) > 0) {
        // Appends keep committing: walk on. Under endless load, stop after a while with the
        // prefix proven good (the next run continues past it).
        if (headChecks++ < 1000) continue;
        break;
      }
      return fail({
        seq: result.lastSeq + 1,
        kind: 'head_mismatch',
        message:
          head.seq === result.lastSeq + 1
            ? `the chain head says entry ${head.seq} exists but the log ends at ${result.lastSeq}: the last entry was deleted`
            : `the chain head says entry ${head.seq} exists but the log ends at ${result.lastSeq}: entries ${result.lastSeq + 1} to ${head.seq} were deleted`,
      });
    }
    if (head.seq < result.lastSeq)
      return fail({
        seq: head.seq + 1,
        kind: 'beyond_head',
        message: `entry ${head.seq + 1} lies beyond the chain head (${head.seq}): it was added without moving the head (forged)`,
      });
    if (head.hash !== result.lastHash)
      return fail({
        seq: head.seq,
        kind: 'head_mismatch',
        message: `the chain head's hash for entry ${head.seq} does not match the entry: the entry or the head was replaced`,
      });
    break;
  }

  for (const [seq, cps] of [...fileCheckpoints].sort(([a], [b]) => b - a))
    if (seq > result.lastSeq)
      return fail({
        seq: result.lastSeq + 1,
        kind: 'checkpoint_beyond_end',
        message: `the checkpoint signed at ${cps[0]?.createdAt} covers entry ${seq}, but the log ends at ${result.lastSeq}: ${
          seq === result.lastSeq + 1 ? `entry ${seq} was` : `entries ${result.lastSeq + 1} to ${seq} were`
        } lost (deleted) since that checkpoint`,
      });

  if (options.publicKey && options.storedCheckpoints !== false) {
    const p = await checkStoredCheckpoints(db, options.publicKey, options.publicKeyId, options.since?.seq ?? 0, result);
    if (p) return fail(p);
  }
  return result;
}

/**
 * The checkpoints kept in the database. The walk has shown every stored hash to be the correct
 * recomputation, so comparing a checkpoint with the stored hash of its entry is enough.
 */
async function checkStoredCheckpoints(
  db: Queryable,
  publicKey: crypto.KeyObject,
  publicKeyId: string | undefined,
  fromSeq: number,
  result: VerifyResult,
): Promise<AuditProblem | undefined> {
  const databaseId = await auditDatabaseId(db);
  let after: { seq: number; createdAt: Date } = { seq: fromSeq - 1, createdAt: new Date(0) };
  for (;;) {
    const batch = await db.query<{
      seq: number;
      hash: string;
      created_at: Date;
      key_id: string;
      signature: string;
      log_hash: string | null;
    }>(
      `SELECT c.seq, c.hash, c.created_at, c.key_id, c.signature,
              CASE WHEN c.seq = 0 THEN $4 ELSE l.hash END AS log_hash
       FROM audit_checkpoints c LEFT JOIN audit_log l ON l.seq = c.seq
       WHERE (c.seq, c.created_at) > ($1, $2) AND c.seq <= $3
       ORDER BY c.seq, c.created_at LIMIT 1000`,
      [after.seq, after.createdAt, result.lastSeq, GENESIS_HASH],
    );
    for (const row of batch.rows) {
      after = { seq: row.seq, createdAt: row.created_at };
      if (publicKeyId && row.key_id !== publicKeyId) {
        result.checkpointsSkipped++;
        continue;
      }
      const cp = checkpointFromRow(databaseId, row);
      if (!isCheckpointSignatureValid(cp, publicKey))
        return {
          seq: row.seq,
          kind: 'checkpoint_signature',
          message: `the stored checkpoint at entry ${row.seq} (${cp.createdAt}) has no valid signature: it is forged or altered`,
        };
      result.checkpointsChecked++;
      if (row.log_hash !== row.hash)
        return {
          seq: row.seq,
          kind: 'checkpoint_mismatch',
          message: `entry ${row.seq} does not match the stored checkpoint signed at ${cp.createdAt}: the log was rewritten up to here`,
        };
    }
    if (batch.rows.length < 1000) break;
  }
  // A stored checkpoint beyond the end of the log: the log was shortened.
  // Only a validly signed one counts; an unsigned row there is itself a forgery.
  const beyond = await db.query<{ seq: number; hash: string; created_at: Date; key_id: string; signature: string }>(
    'SELECT seq, hash, created_at, key_id, signature FROM audit_checkpoints WHERE seq > $1 ORDER BY seq DESC LIMIT 1',
    [result.lastSeq],
  );
  const b = beyond.rows[0];
  if (b && (!publicKeyId || b.key_id === publicKeyId)) {
    if (!isCheckpointSignatureValid(checkpointFromRow(databaseId, b), publicKey))
      return {
        seq: b.seq,
        kind: 'checkpoint_signature',
        message: `the stored checkpoint at entry ${b.seq} has no valid signature: it is forged or altered`,
      };
    return {
      seq: result.lastSeq + 1,
      kind: 'checkpoint_beyond_end',
      message: `a stored checkpoint (${b.created_at.toISOString()}) covers entry ${b.seq}, but the log ends at ${result.lastSeq}: entries were removed`,
    };
  }
  return undefined;
}
