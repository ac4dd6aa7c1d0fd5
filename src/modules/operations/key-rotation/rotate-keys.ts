/**
 * Re-encrypts every registered encrypted value (src/platform/encrypted-fields.ts) that is not under the
 * current key, while the system runs, so the old keys can be removed from MADOGUCHI_ENCRYPTION_KEYS.
 *
 * - Batches: each batch is one transaction of at most `batchSize` rows of one field (files: at most
 *   FILE_BATCH), committed with its audit entry ('keys.rotation_batch'). A stopped run (error, Ctrl+C,
 *   `maxBatches`) keeps what it committed; running again selects only values still under an old key.
 * - Concurrent writers: rows are read without a lock and written only where they still hold the value
 *   read (writeBatch). A value the application changed meanwhile is kept, never overwritten with stale
 *   data; if it was written under an old key (a process still running with the old configuration), the
 *   next pass takes it.
 * - A value that cannot be decrypted (its key is not configured, or it was altered) is counted and named
 *   by its row key, and the run goes on; such values keep their key from being retired.
 */
import type { AppContext } from '../../../platform/context.js';
import { ENCRYPTED_FIELDS, type EncryptedField } from '../../../platform/encrypted-fields.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { currentPrefix, keyTypes, readBatch, writeBatch, type ReadRow } from './field-sql.js';
import { readKeyUsage, type KeyUsage } from './key-usage.js';

/** Files per batch: each may be several megabytes, and the batch is held in memory. */
export const FILE_BATCH = 8;
/** Passes over all fields: a later pass takes values written under an old key while the previous one ran. */
const MAX_PASSES = 3;

export type RotationOptions = {
  batchSize?: number;
  /** Stop after this many batches (the next run continues). */
  maxBatches?: number;
  actor?: AuditActor;
  fields?: readonly EncryptedField[];
  /** Progress lines for the operator. */
  progress?: (line: string) => void;
  /** Tests: runs inside each batch's transaction, after the rows were read and before they are written. */
  afterRead?: (field: EncryptedField, rows: number) => Promise<void>;
};

export type RotationFailure = { field: string; key: string[]; reason: string };

export type RotationReport = {
  currentKey: string;
  batches: number;
  reencrypted: number;
  /** Rows the application changed between the read and the write (left as the application wrote them). */
  changedMeanwhile: number;
  failures: RotationFailure[];
  /** Stopped by maxBatches before every value was visited. */
  isStoppedEarly: boolean;
  /** Nothing was under an old key when the run began: it wrote nothing, not even an audit entry. */
  isNothingToDo: boolean;
  usage: KeyUsage;
};

const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, label: 'keys rotate' };

export async function rotateKeys(ctx: AppContext, o: RotationOptions = {}): Promise<RotationReport> {
  const batchSize = o.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('the batch size must be a whole number of at least 1');
  const fields = o.fields ?? ENCRYPTED_FIELDS;
  const actor = o.actor ?? SYSTEM_ACTOR;
  const kid = ctx.secrets.encryption.current;
  const progress = o.progress ?? (() => undefined);
  const audit = { actor, recordType: 'encryption_key', recordId: kid };

  const before = await readKeyUsage(ctx, fields);
  const pending = Object.values(before.oldKeyValues).reduce((a, b) => a + b, 0);
  const report: RotationReport = {
    currentKey: kid,
    batches: 0,
    reencrypted: 0,
    changedMeanwhile: 0,
    failures: [],
    isStoppedEarly: false,
    isNothingToDo: pending === 0,
    usage: before,
  };
  if (report.isNothingToDo) return report;
  const unreadable = before.unknownKeys.filter(Boolean);
  if (unreadable.length)
    throw new Error(
      `Values are under ${unreadable.map((k) => `key ${k} (${before.oldKeyValues[k]})`).join(', ')}, which MADOGUCHI_ENCRYPTION_KEYS does not have: add ${unreadable.length > 1 ? 'them' : 'it'} after ${kid} (${kid}:…,${unreadable[0]}:…) and run again. Nothing was changed.`,
    );

  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...audit,
        action: 'keys.rotation_started',
        detail: { currentKey: kid, batchSize, maxBatches: o.maxBatches ?? null, oldKeyValues: before.oldKeyValues },
      },
      ctx.clock.now(),
    ),
  );
  progress(`Re-encrypting ${pending} value(s) under key ${kid}, ${batchSize} rows per batch.`);

  const failed = new Set<string>();
  for (let pass = 1; pass <= MAX_PASSES && !report.isStoppedEarly; pass++) {
    const done = report.reencrypted;
    for (const f of fields) {
      if (!(await rotateField(ctx, f, { ...o, batchSize, actor }, report, failed, progress))) break;
    }
    if (report.isStoppedEarly) break;
    const now = await readKeyUsage(ctx, fields);
    report.usage = now;
    const remaining = Object.values(now.oldKeyValues).reduce((a, b) => a + b, 0);
    // Stop when nothing is left, or when a pass changed nothing (only values that cannot be decrypted remain).
    if (remaining === 0 || report.reencrypted === done) break;
  }
  if (report.isStoppedEarly) report.usage = await readKeyUsage(ctx, fields);

  const remaining = Object.values(report.usage.oldKeyValues).reduce((a, b) => a + b, 0);
  if (remaining === 0)
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          ...audit,
          action: 'keys.rotation_completed',
          detail: { currentKey: kid, reencrypted: report.reencrypted, batches: report.batches, retirableKeys: report.usage.retirableKeys },
        },
        ctx.clock.now(),
      ),
    );
  return report;
}

/** One field, batch after batch in key order; false when maxBatches stopped the run. */
async function rotateField(
  ctx: AppContext,
  f: EncryptedField,
  o: RotationOptions & { batchSize: number; actor: AuditActor },
  report: RotationReport,
  failed: Set<string>,
  progress: (line: string) => void,
): Promise<boolean> {
  const kid = ctx.secrets.encryption.current;
  const prefix = currentPrefix(f, kid);
  const types = await keyTypes(ctx.db, f);
  const limit = f.form === 'bytes' ? Math.min(o.batchSize, FILE_BATCH) : o.batchSize;
  let after: string[] | undefined;
  let fieldTotal = 0;
  for (;;) {
    if (o.maxBatches !== undefined && report.batches >= o.maxBatches) {
      report.isStoppedEarly = true;
      return false;
    }
    const result = await ctx.db.transaction(async (tx) => {
      // fc_submissions: approved versions are locked except for a re-encryption (migration 0053).
      await tx.query("SELECT set_config('madoguchi.reencrypting', 'on', true)");
      const rows = await readBatch(tx, f, { prefix, types, after, limit });
      if (!rows.length) return undefined;
      await o.afterRead?.(f, rows.length);
      const fromKeys: Record<string, number> = {};
      const out: { key: string[]; old: string | Buffer; value: string | Buffer }[] = [];
      const failures: RotationFailure[] = [];
      for (const r of rows) {
        const from = keyOf(f, r);
        try {
          out.push({ key: r.key, old: r.value, value: reencrypt(ctx, f, r) });
          fromKeys[from] = (fromKeys[from] ?? 0) + 1;
        } catch (err) {
          failures.push({ field: f.id, key: r.key, reason: (err as Error).message });
        }
      }
      const written = await writeBatch(tx, f, types, out);
      await recordAudit(
        tx,
        {
          actor: o.actor,
          action: 'keys.rotation_batch',
          recordType: 'encryption_key',
          recordId: kid,
          detail: { field: f.id, reencrypted: written, changedMeanwhile: out.length - written, failed: failures.length, fromKeys },
        },
        ctx.clock.now(),
      );
      return { last: (rows.at(-1) as ReadRow).key, written, attempted: out.length, failures };
    });
    if (!result) break;
    after = result.last;
    report.batches++;
    report.reencrypted += result.written;
    report.changedMeanwhile += result.attempted - result.written;
    for (const x of result.failures) {
      // A later pass meets the same value again: name it once.
      const id = `${x.field}:${x.key.join(',')}`;
      if (failed.has(id)) continue;
      failed.add(id);
      report.failures.push(x);
    }
    fieldTotal += result.written;
    progress(
      `${f.id}: ${result.written} re-encrypted (${fieldTotal} in this field)${result.attempted > result.written ? `, ${result.attempted - result.written} changed meanwhile and left as written` : ''}${result.failures.length ? `, ${result.failures.length} could not be decrypted` : ''}`,
    );
  }
  return true;
}

function keyOf(f: EncryptedField, r: ReadRow): string {
  if (f.form === 'text') return String(r.value).split('.')[1] ?? '';
  const b = r.value as Buffer;
  return b.subarray(5, 5 + (b[4] ?? 0)).toString('ascii');
}

function reencrypt(ctx: AppContext, f: EncryptedField, r: ReadRow): string | Buffer {
  const context = f.context(r.row);
  if (f.form === 'bytes') return ctx.crypto.encryptBytes(ctx.crypto.decryptBytes(r.value as Buffer, context), context);
  return ctx.crypto.encrypt(ctx.crypto.decrypt(r.value as string, context), context);
}
