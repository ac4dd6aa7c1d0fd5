/**
 * Imports an issuance list (交付対象者一覧) file: all or nothing.
 *
 * Pass 1 streams the file once: SHA-256 of the bytes, decoding (Shift_JIS or UTF-8, detected from the
 * first block when not given), CSV parsing and validation of every line, collecting a line-by-line
 * error report (duplicates within the file and against cards already held included). When anything is
 * wrong nothing is written. Pass 2 encrypts each row's personal fields as one envelope and writes all
 * rows in one transaction (COPY on PostgreSQL, batched multi-row INSERT on PGlite), together with the
 * import record, whose unique (department, SHA-256) refuses a second import of the same file even
 * when two imports race, and the audit record.
 */
import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import type { AppContext } from '../../../platform/context.js';
import { isPgError, pgConstraint } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { randomPassword } from '../shared/password.js';
import { cardIndex, encryptPersonal, encryptText } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { withBulkTransaction, type Column } from './bulk-write.js';
import { resolveColumns, validateRow, type IssuanceRow, type LineError } from './issuance-list-layout.js';

export type Encoding = 'shift_jis' | 'utf-8';

export type ImportRequest = {
  settings: CardSettings;
  fileName: string;
  open: () => Readable;
  encoding?: Encoding;
  actor: AuditActor;
  clientIp?: string | null;
  requestId?: string | null;
};

export type ImportResult =
  | { ok: true; importId: string; rows: number; encoding: Encoding; sha256: string; timings: { validateMs: number; writeMs: number } }
  | { ok: false; reason: 'invalid' | 'already_imported' | 'empty'; errors: LineError[]; errorCount: number; encoding: Encoding; sha256: string };

const MAX_REPORTED = 1000;

/** UTF-8 when the first block decodes strictly (a BOM counts), else Shift_JIS. */
function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // Cut at the last newline so a multibyte character split by the block boundary does not count.
  const cut = head.lastIndexOf(0x0a);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(cut > 0 ? head.subarray(0, cut) : head);
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

async function readHead(open: () => Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of open()) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    if (size >= 65536) break;
  }
  return Buffer.concat(chunks).subarray(0, 65536);
}

export async function importIssuanceList(ctx: AppContext, req: ImportRequest): Promise<ImportResult> {
  const t0 = performance.now();
  const encoding = req.encoding ?? detectEncoding(await readHead(req.open));
  const hash = crypto.createHash('sha256');
  const errors: LineError[] = [];
  let errorCount = 0;
  const addError = (err: LineError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED) errors.push(err);
  };
  const rows: IssuanceRow[] = [];
  const firstLine = new Map<string, number>();
  const today = ctx.clock.now().toISOString().slice(0, 10);
  let columns: ReturnType<typeof resolveColumns>['columns'] | undefined;
  let headerSeen = false;

  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const consume = async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
    for await (const { record, info } of records) {
      const line = info.lines;
      if (!headerSeen) {
        headerSeen = true;
        const r = resolveColumns(record, req.settings.columnMapping);
        if (r.missing.length) {
          addError({
            line,
            message: {
              ja: `見出し行に必要な列がありません: ${r.missing.join('、')}（文字コードの指定が違う場合もこの表示になります）`,
              en: `The header row lacks required columns: ${r.missing.join(', ')} (a wrong encoding also shows this)`,
            },
          });
          return; // without columns no line can be read; the report says why
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
          field: '製造管理番号',
          message: { ja: `製造管理番号が${first}行目と重複しています。`, en: `Manufacturing control number repeats line ${first}.` },
        });
      else {
        firstLine.set(v.row.controlNo, line);
        rows.push(v.row);
      }
    }
  };
  try {
    await pipeline(req.open(), tap, encoding === 'utf-8' ? iconv.decodeStream('utf-8') : iconv.decodeStream('Shift_JIS'), parser, consume);
  } catch (err) {
    addError({
      line: 0,
      message: {
        ja: `CSVとして読み取れません: ${(err as Error).message}`,
        en: `The file cannot be read as CSV: ${(err as Error).message}`,
      },
    });
  }
  // Drain the rest of the hash when parsing stopped early (missing header): the hash covers the whole file.
  const sha256 = headerSeen && columns ? hash.digest('hex') : await hashWhole(req.open);
  if (!headerSeen && errorCount === 0)
    return { ok: false, reason: 'empty', errors: [{ line: 1, message: { ja: 'ファイルが空です。', en: 'The file is empty.' } }], errorCount: 1, encoding, sha256 };

  const deptId = req.settings.departmentId;
  const already = await ctx.db.query('SELECT 1 FROM card_int_imports WHERE department_id = $1 AND file_sha256 = $2', [deptId, sha256]);
  if (already.rows.length > 0) return { ok: false, reason: 'already_imported', errors: [alreadyImported], errorCount: 1, encoding, sha256 };

  // Duplicates against cards already held (any import), reported by line.
  if (errorCount === 0) {
    const ids = rows.map((r) => r.controlNo);
    for (let i = 0; i < ids.length; i += 20_000) {
      const r = await ctx.db.query<{ control_no: string }>('SELECT control_no FROM card_int_cards WHERE control_no = ANY($1::text[])', [
        ids.slice(i, i + 20_000),
      ]);
      for (const { control_no } of r.rows)
        addError({
          line: firstLine.get(control_no) ?? 0,
          field: '製造管理番号',
          message: { ja: 'この製造管理番号のカードは既に取り込まれています。', en: 'A card with this manufacturing control number was already imported.' },
        });
    }
  }
  if (errorCount > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, reason: 'invalid', errors, errorCount, encoding, sha256 };
  }
  const validateMs = performance.now() - t0;

  const t1 = performance.now();
  const now = ctx.clock.now();
  const importId = crypto.randomUUID();
  try {
    await withBulkTransaction(ctx, async (tx, write) => {
      await tx.query(
        `INSERT INTO card_int_imports (id, department_id, file_sha256, file_name, encoding, row_count, imported_at, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [importId, deptId, sha256, req.fileName.slice(0, 200), encoding, rows.length, now, req.actor.id ?? req.actor.type],
      );
      const random = req.settings.passwordPolicy === 'random';
      const c = ctx.crypto;
      function* cardRows() {
        for (const r of rows)
          yield [
            deptId, importId, r.line, r.controlNo, r.shippingNo,
            encryptPersonal(c, r),
            cardIndex.kana(c, r.kana), cardIndex.birth(c, r.birthDate), cardIndex.address(c, r.address), cardIndex.application(c, r.applicationId),
            now, now, req.settings.passwordPolicy, random ? encryptText(c, randomPassword(), 'password') : null,
          ];
      }
      await write('card_int_cards', CARD_COLUMNS, cardRows());
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
          detail: { rows: rows.length, sha256, encoding },
        },
        now,
      );
    });
  } catch (err) {
    if (isPgError(err, '23505') && pgConstraint(err) === 'card_int_imports_file_unique')
      return { ok: false, reason: 'already_imported', errors: [alreadyImported], errorCount: 1, encoding, sha256 };
    if (isPgError(err, '23505') && pgConstraint(err) === 'card_int_cards_control_unique')
      return {
        ok: false,
        reason: 'invalid',
        errors: [{ line: 0, message: { ja: '同時に取り込まれた別のファイルと製造管理番号が重複しました。何も取り込んでいません。', en: 'A control number collided with another import running at the same time. Nothing was imported.' } }],
        errorCount: 1,
        encoding,
        sha256,
      };
    throw err;
  }
  rows.length = 0;
  return { ok: true, importId, rows: firstLine.size, encoding, sha256, timings: { validateMs, writeMs: performance.now() - t1 } };
}

const alreadyImported: LineError = {
  line: 0,
  message: { ja: 'このファイルは既に取り込まれています（同じ内容のファイルの再取込）。', en: 'This file has already been imported (same content).' },
};

async function hashWhole(open: () => Readable): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const c of open()) h.update(c as Buffer);
  return h.digest('hex');
}

const CARD_COLUMNS: Column[] = [
  { name: 'department_id', type: 'uuid' },
  { name: 'import_id', type: 'uuid' },
  { name: 'line_no', type: 'int' },
  { name: 'control_no', type: 'text' },
  { name: 'shipping_no', type: 'text' },
  { name: 'personal_enc', type: 'text' },
  { name: 'kana_bidx', type: 'text' },
  { name: 'birth_bidx', type: 'text' },
  { name: 'address_bidx', type: 'text' },
  { name: 'application_bidx', type: 'text' },
  { name: 'received_at', type: 'timestamptz' },
  { name: 'state_changed_at', type: 'timestamptz' },
  { name: 'password_policy', type: 'text' },
  { name: 'password_enc', type: 'text' },
];

/** Renders the error report as text lines ("line 12: 生年月日: …"), for the CLI and the download. */
export function formatErrorReport(errors: LineError[], errorCount: number, lang: 'ja' | 'en'): string[] {
  const lines = errors.map((e) => (e.line > 0 ? `${lang === 'ja' ? `${e.line}行目` : `line ${e.line}`}: ${e.message[lang]}` : e.message[lang]));
  if (errorCount > errors.length)
    lines.push(lang === 'ja' ? `…ほか${errorCount - errors.length}件` : `… and ${errorCount - errors.length} more`);
  return lines;
}
