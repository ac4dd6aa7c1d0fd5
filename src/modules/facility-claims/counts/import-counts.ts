/**
 * Imports one month's child counts from the core system's CSV (count-file.ts says what a file may hold).
 * HTTP-free: the staff page, the API and the CLI call it with the bytes.
 *
 * Refusals, in order, each before anything is stored: an empty or oversized file; a file byte-identical to
 * an earlier import of the month; a heading that looks like a child's personal data (with a security event
 * `facility.count_personal_column`; the heading's text is never recorded); any other heading outside the
 * allow-list; then every bad line (unknown or inactive facility, bad class/age/need, count, month,
 * duplicate key) — all of them, with line numbers. One bad line stores nothing.
 *
 * Storing is one transaction under a per-month advisory lock (two imports of a month cannot interleave, and
 * the duplicate check is repeated under it): the month's counts of each facility in the file are replaced,
 * the facility's review is set back to 'pending' where a number changed (absent and 0 are the same number)
 * and keeps its answer otherwise; facilities not in the file keep their counts. Audited as
 * facility.counts.import with line and facility counts and the file's SHA-256, never its content.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { decodeCsv } from '../../../platform/csv/encoding.js';
import { readCsvText, type CsvRecord } from '../../../platform/csv/read.js';
import type { Queryable } from '../../../platform/db.js';
import type { Text } from '../../../platform/i18n.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { recordSecurityEvent } from '../../security/index.js';
import { classKey, monthDate } from './read-counts.js';
import { parseCountFile, type CountProblem, type ParsedCountLine } from './count-file.js';
import { countMessages as m } from './counts.messages.js';

export const MAX_COUNT_FILE_BYTES = 5 * 1024 * 1024;

export type CountImportInput = {
  month: string; // YYYY-MM
  bytes: Buffer;
  fileName?: string | null;
  /** The staff member importing (null for the CLI). */
  importedBy: string | null;
  /** Actor, address and request id for the audit record and the security event. */
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;
  /** The department the import is filed under (the enrolment division). */
  departmentId: string | null;
};

export type CountImportRefusal = 'empty' | 'too-large' | 'unreadable' | 'duplicate' | 'personal-column' | 'columns' | 'lines';

export type CountImportResult =
  | {
      ok: true;
      importId: string;
      month: string;
      encoding: 'cp932' | 'utf-8';
      lineCount: number;
      facilityCount: number;
      changedFacilityCount: number;
      fileSha256: string;
    }
  | { ok: false; reason: CountImportRefusal; encoding: 'cp932' | 'utf-8' | null; problems: CountProblem[] };

const refuse = (reason: CountImportRefusal, encoding: 'cp932' | 'utf-8' | null, problems: CountProblem[]): CountImportResult => ({
  ok: false,
  reason,
  encoding,
  problems,
});

const fileProblem = (message: Text): CountProblem[] => [{ line: null, column: null, message }];

/** The id of the enrolment division (files imports from the CLI under it), if it exists. */
export async function enrolmentDepartmentId(
  q: Queryable,
  config: { facility: { enrolmentDepartmentCode: string } },
): Promise<string | null> {
  const r = await q.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [config.facility.enrolmentDepartmentCode]);
  return r.rows[0]?.id ?? null;
}

async function duplicateOf(q: Queryable, month: string, sha: string): Promise<Text | undefined> {
  const r = await q.query<{ imported_at: Date }>(
    'SELECT imported_at FROM fc_count_imports WHERE month = $1 AND file_sha256 = $2 ORDER BY imported_at LIMIT 1',
    [monthDate(month), sha],
  );
  const at = r.rows[0]?.imported_at;
  if (!at) return undefined;
  const importedAt = new Date(at).toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 16);
  return m.text('file.duplicate', { month, importedAt });
}

export async function importCounts(ctx: Pick<AppContext, 'db' | 'clock'>, input: CountImportInput): Promise<CountImportResult> {
  const { month, bytes } = input;
  if (bytes.length === 0) return refuse('empty', null, fileProblem(m.text('file.empty')));
  if (bytes.length > MAX_COUNT_FILE_BYTES)
    return refuse('too-large', null, fileProblem(m.text('file.tooLarge', { megabytes: MAX_COUNT_FILE_BYTES / 1024 / 1024 })));
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeCsv(bytes);
  const encoding = decoded.encoding === 'utf-8' ? 'utf-8' : 'cp932';
  const duplicate = await duplicateOf(ctx.db, month, sha);
  if (duplicate) return refuse('duplicate', encoding, fileProblem(duplicate));

  let records: CsvRecord[];
  try {
    records = await readCsvText(decoded.text);
  } catch (err) {
    // csv-parse's message names the line and the kind of fault (an unclosed quote); it is shown, never stored
    return refuse('unreadable', encoding, fileProblem(m.text('file.unreadable', { reason: String((err as Error).message).slice(0, 200) })));
  }
  const parsed = parseCountFile(records, month);
  if (parsed.personal.length) {
    await recordSecurityEvent(
      ctx.db,
      {
        kind: 'facility.count_personal_column',
        severity: 'warning',
        clientIp: input.audit.clientIp ?? null,
        subject: input.importedBy ?? input.audit.actor.label ?? null,
        // positions and kinds only: a heading's own text could be a child's name (a file without its header row)
        detail: { month, fileSha256: sha, columns: parsed.personal.map((p) => ({ position: p.position, kind: p.what })) },
      },
      ctx.clock.now(),
    );
    return refuse('personal-column', encoding, parsed.problems);
  }
  if (parsed.problems.some((p) => p.line === null)) return refuse('empty', encoding, parsed.problems);
  if (parsed.problems.some((p) => p.line === records[0]?.line)) return refuse('columns', encoding, parsed.problems);

  const problems = [...parsed.problems, ...(await facilityProblems(ctx.db, parsed.lines))];
  if (problems.length) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return refuse('lines', encoding, problems);
  }
  return store(ctx, input, parsed.lines, sha, encoding);
}

/** Unknown and inactive facility codes, one problem per line. */
async function facilityProblems(q: Queryable, lines: readonly ParsedCountLine[]): Promise<CountProblem[]> {
  const codes = [...new Set(lines.map((l) => l.facilityCode))];
  const r = await q.query<{ code: string; active: boolean }>('SELECT code, active FROM fc_facilities WHERE code = ANY($1)', [codes]);
  const known = new Map(r.rows.map((x) => [x.code, x.active]));
  const out: CountProblem[] = [];
  for (const l of lines) {
    const active = known.get(l.facilityCode);
    if (active === undefined)
      out.push({ line: l.line, column: 'facilityCode', message: m.text('line.facilityUnknown', { code: l.facilityCode }) });
    else if (!active)
      out.push({ line: l.line, column: 'facilityCode', message: m.text('line.facilityInactive', { code: l.facilityCode }) });
  }
  return out;
}

async function store(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: CountImportInput,
  lines: readonly ParsedCountLine[],
  sha: string,
  encoding: 'cp932' | 'utf-8',
): Promise<CountImportResult> {
  const d = monthDate(input.month);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fc_count_import:${input.month}`]);
    const duplicate = await duplicateOf(tx, input.month, sha);
    if (duplicate) return refuse('duplicate', encoding, fileProblem(duplicate));
    const f = await tx.query<{ id: string; code: string }>(
      'SELECT id, code FROM fc_facilities WHERE code = ANY($1) ORDER BY id FOR UPDATE',
      [[...new Set(lines.map((l) => l.facilityCode))]],
    );
    const idOf = new Map(f.rows.map((x) => [x.code, x.id]));
    const facilityIds = f.rows.map((x) => x.id);
    const before = await tx.query<{ facility_id: string; cert_class: number; age_band: string; need: string; count: number }>(
      'SELECT facility_id, cert_class, age_band, need, count FROM fc_child_counts WHERE month = $1 AND facility_id = ANY($2)',
      [d, facilityIds],
    );
    const old = new Map<string, number>();
    for (const r of before.rows)
      old.set(`${r.facility_id}|${classKey({ certClass: r.cert_class, ageBand: r.age_band, need: r.need })}`, Number(r.count));
    const fresh = new Map<string, number>();
    for (const l of lines) fresh.set(`${idOf.get(l.facilityCode)}|${classKey(l)}`, l.count);
    const changed = new Set<string>();
    for (const [k, v] of fresh) if ((old.get(k) ?? 0) !== v) changed.add(k.split('|')[0] as string);
    for (const [k, v] of old) if ((fresh.get(k) ?? 0) !== v) changed.add(k.split('|')[0] as string);

    const imp = await tx.query<{ id: string }>(
      `INSERT INTO fc_count_imports (month, file_sha256, file_name, encoding, line_count, facility_count, imported_by, imported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [d, sha, input.fileName?.slice(0, 200) ?? null, encoding, lines.length, facilityIds.length, input.importedBy, now],
    );
    const importId = imp.rows[0]!.id;
    await tx.query('DELETE FROM fc_child_counts WHERE month = $1 AND facility_id = ANY($2)', [d, facilityIds]);
    await tx.query(
      `INSERT INTO fc_child_counts (facility_id, month, cert_class, age_band, need, count, import_id)
       SELECT f, $1::date, c, a, n, k, $2 FROM unnest($3::uuid[], $4::smallint[], $5::text[], $6::text[], $7::int[]) AS t(f, c, a, n, k)`,
      [
        d,
        importId,
        lines.map((l) => idOf.get(l.facilityCode)),
        lines.map((l) => l.certClass),
        lines.map((l) => l.ageBand),
        lines.map((l) => l.need),
        lines.map((l) => l.count),
      ],
    );
    await tx.query(
      `INSERT INTO fc_count_reviews (facility_id, month, import_id, status, updated_by_staff, updated_at)
       SELECT f, $1::date, $2, 'pending', $4, $5 FROM unnest($3::uuid[]) AS t(f)
       ON CONFLICT (facility_id, month) DO UPDATE SET
         import_id = EXCLUDED.import_id,
         status = CASE WHEN fc_count_reviews.facility_id = ANY($6::uuid[]) THEN 'pending' ELSE fc_count_reviews.status END,
         updated_by_staff = CASE WHEN fc_count_reviews.facility_id = ANY($6::uuid[]) THEN EXCLUDED.updated_by_staff ELSE fc_count_reviews.updated_by_staff END,
         updated_by_user = CASE WHEN fc_count_reviews.facility_id = ANY($6::uuid[]) THEN NULL ELSE fc_count_reviews.updated_by_user END,
         updated_at = CASE WHEN fc_count_reviews.facility_id = ANY($6::uuid[]) THEN EXCLUDED.updated_at ELSE fc_count_reviews.updated_at END`,
      [d, importId, facilityIds, input.importedBy, now, [...changed]],
    );
    await recordAudit(
      tx,
      {
        ...input.audit,
        action: 'facility.counts.import',
        departmentId: input.departmentId,
        recordType: 'fc_count_import',
        recordId: importId,
        detail: {
          month: input.month,
          lines: lines.length,
          facilities: facilityIds.length,
          changedFacilities: changed.size,
          encoding,
          fileSha256: sha,
        },
      },
      now,
    );
    return {
      ok: true as const,
      importId,
      month: input.month,
      encoding,
      lineCount: lines.length,
      facilityCount: facilityIds.length,
      changedFacilityCount: changed.size,
      fileSha256: sha,
    };
  });
}

/** The problems of a refused import as lines of text (CLI, logs of the operator), in one language. */
export function formatCountProblems(problems: readonly CountProblem[], lang: 'ja' | 'en'): string[] {
  return problems.map((p) => {
    const where = p.line === null ? m.t(lang, 'report.file') : m.t(lang, 'report.line', { line: p.line });
    const column = p.column ? ` [${m.t(lang, `column.${p.column}`)}]` : '';
    return `${where}${column}: ${p.message[lang]}`;
  });
}
