/**
 * Imports an issuance list (交付対象者一覧) file: all or nothing.
 *
 * A first quick read takes the SHA-256 of the bytes (the unique (department, SHA-256) of the import
 * record refuses a second import of the same file, even when two imports race) and detects the
 * encoding (Shift_JIS or UTF-8) from the first block when not given. Then one streaming pass decodes,
 * parses and validates every line while the valid rows are encrypted (worker threads for large
 * files) and written in one transaction (COPY on PostgreSQL, batched INSERT on PGlite), so the
 * database works while the file is still being read. On PostgreSQL a large file into a table small
 * next to it builds the table's secondary indexes after the COPY, in the same transaction
 * (deferred-indexes.ts). The first invalid line stops the writing and
 * rolls it back; reading goes on to report every line. Cards already held are refused by the unique
 * control number; the report then names their lines. The import record, its cards and the audit
 * record commit together or not at all.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../../platform/context.js';
import { isPgError, pgConstraint } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { BatchQueue } from './batch-queue.js';
import type { CardSettings } from './card-settings.js';
import { withBulkTransaction } from './bulk-write.js';
import { DEFER_MIN_BYTES, deferCardIndexes, rebuildCardIndexes } from './deferred-indexes.js';
import { CARD_COLUMNS, type CardRowConstants, type CardRows } from './card-rows.js';
import { defaultPoolSize, inlineEncryptor, startEncryptPool, workerKeys, type Encryptor } from './encrypt-pool.js';
import { cardImportMessages, eachLang } from './card-imports.messages.js';
import { DEFAULT_HEADERS, resolveColumns, validateRow, type IssuanceRow, type LineError } from './issuance-list-layout.js';
import { CsvFallback, csvParseRecords, fastCsvRecords, type CsvRecord } from '../../../platform/csv/read.js';
import { decodeCsvStream, detectCsvEncoding, DETECT_BYTES, type CsvEncoding } from '../../../platform/csv/encoding.js';

export type ImportRequest = {
  settings: CardSettings;
  fileName: string;
  open: () => Readable;
  encoding?: CsvEncoding;
  actor: AuditActor;
  clientIp?: string | null;
  requestId?: string | null;
  /** Encrypt on worker threads: by default for files of WORKER_MIN_BYTES and more. */
  workers?: boolean;
  /**
   * PostgreSQL: build the table's secondary indexes after the COPY (deferred-indexes.ts): by default for
   * files of DEFER_MIN_BYTES and more, when the table is small next to the file and its lock is free.
   * Ignored on PGlite, which writes through INSERT batches.
   */
  deferIndexes?: boolean;
};

/** Milliseconds of a successful import. Reading, encrypting and writing overlap, so they do not add up. */
export type ImportTimings = {
  /** Hashing the file and checking it was not imported before. */
  hashMs: number;
  /** From the start until the last line was read and validated (rows were written meanwhile). */
  validateMs: number;
  /** From then until the commit: the rows still to encrypt and write, the audit record, the commit. */
  writeMs: number;
  /** Encryption worker threads used (0: on the main thread). */
  workers: number;
  /** Whether the secondary indexes were built after the COPY instead of row by row. */
  indexesDeferred: boolean;
};

export type ImportResult =
  | { ok: true; importId: string; rows: number; encoding: CsvEncoding; sha256: string; timings: ImportTimings }
  | {
      ok: false;
      reason: 'invalid' | 'already_imported' | 'empty';
      errors: LineError[];
      errorCount: number;
      encoding: CsvEncoding;
      sha256: string;
    };

const MAX_REPORTED = 1000;
/** Below this size (about 8,000 lines) starting worker threads costs more than it saves. */
export const WORKER_MIN_BYTES = 1 << 20;
const BATCH_ROWS = 2000;
/** Batches encrypted or waiting for the database at once: bounds memory when the database is the slower side. */
const MAX_PENDING = 8;

/** SHA-256 of the whole file, its first 64 KiB and its size, in one read. */
async function scanFile(open: () => Readable): Promise<{ sha256: string; head: Buffer; bytes: number }> {
  const hash = crypto.createHash('sha256');
  const head: Buffer[] = [];
  let bytes = 0;
  for await (const c of open()) {
    const chunk = c as Buffer;
    hash.update(chunk);
    if (bytes < DETECT_BYTES) head.push(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), head: Buffer.concat(head).subarray(0, DETECT_BYTES), bytes };
}

export async function importIssuanceList(ctx: AppContext, req: ImportRequest): Promise<ImportResult> {
  const t0 = performance.now();
  const file = await scanFile(req.open);
  const encoding = req.encoding ?? detectCsvEncoding(file.head);
  const already = await ctx.db.query('SELECT 1 FROM card_int_imports WHERE department_id = $1 AND file_sha256 = $2', [
    req.settings.departmentId,
    file.sha256,
  ]);
  if (already.rows.length > 0)
    return { ok: false, reason: 'already_imported', errors: [alreadyImported], errorCount: 1, encoding, sha256: file.sha256 };
  const useWorkers = req.workers ?? file.bytes >= WORKER_MIN_BYTES;
  const tryDefer = ctx.db.kind === 'postgres' && (req.deferIndexes ?? file.bytes >= DEFER_MIN_BYTES);
  const run = { ctx, req, encoding, sha256: file.sha256, bytes: file.bytes, t0, hashMs: performance.now() - t0, useWorkers, tryDefer };
  try {
    return await importPass(run, 'fast');
  } catch (err) {
    if (!(err instanceof CsvFallback)) throw err;
    return importPass(run, 'csv-parse');
  }
}

type Run = {
  ctx: AppContext;
  req: ImportRequest;
  encoding: CsvEncoding;
  sha256: string;
  bytes: number;
  t0: number;
  hashMs: number;
  useWorkers: boolean;
  tryDefer: boolean;
};

/** Stops the writing: the file has errors (or is empty); the report is built from the reading. */
class Rejected extends Error {}

async function importPass(run: Run, reader: 'fast' | 'csv-parse'): Promise<ImportResult> {
  const { ctx, req, encoding, sha256 } = run;
  const errors: LineError[] = [];
  let errorCount = 0;
  const queue = new BatchQueue<CardRows>(MAX_PENDING);
  const addError = (err: LineError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED) errors.push(err);
    queue.fail(new Rejected());
  };
  const firstLine = new Map<string, number>();
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const deptId = req.settings.departmentId;
  const now = ctx.clock.now();
  const importId = crypto.randomUUID();
  const constants: CardRowConstants = {
    departmentId: deptId,
    importId,
    receivedAt: now.toISOString(),
    passwordPolicy: req.settings.passwordPolicy,
    idTimeMs: now.getTime(),
  };
  const workers = run.useWorkers ? defaultPoolSize() : 0;
  const encryptor: Encryptor =
    workers > 0 ? startEncryptPool({ keys: workerKeys(ctx.secrets), constants }, workers) : inlineEncryptor(ctx.crypto, constants);

  // The writer runs alongside the reading below and takes the rows as they are ready.
  let rowsWritten = 0;
  let indexesDeferred = false;
  const writing = withBulkTransaction(ctx, async (tx, write) => {
    await tx.query(
      `INSERT INTO card_int_imports (id, department_id, file_sha256, file_name, encoding, row_count, imported_at, imported_by)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7)`,
      [importId, deptId, sha256, req.fileName.slice(0, 200), encoding, now, req.actor.id ?? req.actor.type],
    );
    // Before the first row: the secondary indexes are then built once, after the last.
    indexesDeferred = run.tryDefer && (await deferCardIndexes(tx, run.bytes));
    rowsWritten = await write('card_int_cards', CARD_COLUMNS, queue);
    if (indexesDeferred) await rebuildCardIndexes(tx);
    await tx.query('UPDATE card_int_imports SET row_count = $2 WHERE id = $1', [importId, rowsWritten]);
    await recordAudit(
      tx,
      {
        actor: req.actor,
        action: 'card.issuance_list.import',
        departmentId: deptId,
        recordType: 'card_import',
        recordId: importId,
        clientIp: req.clientIp,
        requestId: req.requestId,
        detail: { rows: rowsWritten, sha256, encoding },
      },
      now,
    );
  }).then(
    () => ({ ok: true as const }),
    (err: unknown) => {
      queue.close(); // the reading goes on to report every line, without waiting for room in the queue
      return { ok: false as const, err };
    },
  );

  let columns: ReturnType<typeof resolveColumns>['columns'] | undefined;
  let headerSeen = false;
  let pending: IssuanceRow[] = [];
  let seq = 0;
  const send = async () => {
    const rows = pending;
    pending = [];
    if (!queue.isOpen || rows.length === 0) return;
    const firstSeq = seq;
    seq += rows.length;
    await queue.push(encryptor.encrypt({ rows, firstSeq }));
  };
  const consume = async (batch: CsvRecord[]): Promise<boolean> => {
    for (const { record, line } of batch) {
      if (!headerSeen) {
        headerSeen = true;
        const r = resolveColumns(record, req.settings.columnMapping);
        if (r.missing.length) {
          addError({
            line,
            message: eachLang((lang) =>
              cardImportMessages.t(lang, 'missingColumns', { columns: r.missing.join(cardImportMessages.t(lang, 'columnSeparator')) }),
            ),
          });
          return false; // without columns no line can be read; the report says why
        }
        columns = r.columns;
        continue;
      }
      const v = validateRow(record, line, columns as NonNullable<typeof columns>, { idPattern: req.settings.idPattern, today });
      for (const err of v.errors) addError(err);
      if (!v.row) continue;
      const first = firstLine.get(v.row.controlNo);
      if (first !== undefined)
        addError({
          line,
          field: DEFAULT_HEADERS.controlNo,
          message: cardImportMessages.text('duplicateInFile', { first }),
        });
      else {
        firstLine.set(v.row.controlNo, line);
        if (queue.isOpen) pending.push(v.row);
        if (pending.length >= BATCH_ROWS) await send();
      }
    }
    return true;
  };

  let fallback: CsvFallback | undefined;
  try {
    const source = req.open();
    const decoder = decodeCsvStream(encoding);
    source.once('error', (err) => decoder.emit('error', err));
    const text = source.pipe(decoder) as AsyncIterable<string>;
    try {
      for await (const batch of reader === 'fast' ? fastCsvRecords(text) : csvParseRecords(text)) if (!(await consume(batch))) break;
    } finally {
      source.destroy();
    }
    await send();
    if (!headerSeen && errorCount === 0) queue.fail(new Rejected());
    else queue.end();
  } catch (err) {
    if (err instanceof CsvFallback) {
      fallback = err;
      queue.fail(err);
    } else
      addError({
        line: 0,
        message: cardImportMessages.text('notCsv', { reason: (err as Error).message }),
      });
  }
  const validateMs = performance.now() - run.t0;
  const t1 = performance.now();
  const written = await writing;
  queue.close();
  await encryptor.close();
  if (fallback) throw fallback;
  if (!headerSeen && errorCount === 0)
    return {
      ok: false,
      reason: 'empty',
      errors: [{ line: 1, message: cardImportMessages.text('emptyFile') }],
      errorCount: 1,
      encoding,
      sha256,
    };
  if (errorCount === 0 && !written.ok) {
    const err = written.err;
    if (isPgError(err, '23505') && pgConstraint(err) === 'card_int_imports_file_unique')
      return { ok: false, reason: 'already_imported', errors: [alreadyImported], errorCount: 1, encoding, sha256 };
    if (!(isPgError(err, '23505') && pgConstraint(err) === 'card_int_cards_control_unique')) throw err;
    // Cards already held (any import), reported by line; none found means a concurrent import took them.
    for (const e of await heldControlNumbers(ctx, firstLine)) addError(e);
    if (errorCount === 0)
      return {
        ok: false,
        reason: 'invalid',
        errors: [{ line: 0, message: cardImportMessages.text('concurrentCollision') }],
        errorCount: 1,
        encoding,
        sha256,
      };
  }
  if (errorCount > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, reason: 'invalid', errors, errorCount, encoding, sha256 };
  }
  return {
    ok: true,
    importId,
    rows: firstLine.size,
    encoding,
    sha256,
    timings: { hashMs: run.hashMs, validateMs, writeMs: performance.now() - t1, workers, indexesDeferred },
  };
}

async function heldControlNumbers(ctx: AppContext, firstLine: Map<string, number>): Promise<LineError[]> {
  const found: LineError[] = [];
  const ids = [...firstLine.keys()];
  for (let i = 0; i < ids.length; i += 20_000) {
    const r = await ctx.db.query<{ control_no: string }>('SELECT control_no FROM card_int_cards WHERE control_no = ANY($1::text[])', [
      ids.slice(i, i + 20_000),
    ]);
    for (const { control_no } of r.rows)
      found.push({
        line: firstLine.get(control_no) ?? 0,
        field: DEFAULT_HEADERS.controlNo,
        message: cardImportMessages.text('alreadyHeld'),
      });
  }
  return found;
}

const alreadyImported: LineError = {
  line: 0,
  message: cardImportMessages.text('listAlreadyImported'),
};

/** Renders the error report as text lines ("line 12: 生年月日: …"), for the CLI and the download. */
export function formatErrorReport(errors: LineError[], errorCount: number, lang: 'ja' | 'en'): string[] {
  const lines = errors.map((e) =>
    e.line > 0 ? cardImportMessages.t(lang, 'reportLine', { line: e.line, message: e.message[lang] }) : e.message[lang],
  );
  if (errorCount > errors.length) lines.push(cardImportMessages.t(lang, 'reportMore', { count: errorCount - errors.length }));
  return lines;
}
