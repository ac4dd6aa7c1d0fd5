/**
 * Bulk progress updates from result files: the pre-issuance setup result (交付前設定結果 → setup done)
 * and the issued result (交付済結果 → issued). CSV (Shift_JIS or UTF-8) with a header holding
 * 製造管理番号 and optionally 処理日 (YYYY-MM-DD, YYYY/M/D as Excel writes it, or YYYYMMDD; default today). All or nothing: every
 * line is checked (unknown number, card in a state that cannot move) and reported before anything
 * changes; the conditional UPDATE re-checks the state under lock.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { normaliseReservationId, parseBirthDate } from '../shared/normalise.js';
import type { CardSettings } from './card-settings.js';
import { cardImportMessages, eachLang } from './card-imports.messages.js';
import { STATE_LABELS, statesBefore, type CardState } from './card-states.js';
import { logStates } from './import-bookings.js';
import type { LineError } from './issuance-list-layout.js';
import { jstDate } from '../../../platform/japan-time.js';
import { decodeCsv } from '../../../platform/csv/encoding.js';
import { readCsvText, type CsvRecord } from '../../../platform/csv/read.js';

export type ResultKind = 'setup' | 'issued';
const TARGET: Record<ResultKind, CardState> = { setup: 'setup_done', issued: 'issued' };

/** The result files' Japanese column headers: a file format, not UI text. */
const RESULT_HEADERS = {
  controlNo: '製造管理番号', // i18n-exempt: file-format column header
  date: '処理日', // i18n-exempt: file-format column header
};

const ALREADY: LineError = { line: 0, message: cardImportMessages.text('resultAlreadyImported') };

export type ResultImport = { ok: true; updated: number } | { ok: false; errors: LineError[] };

export async function importProgressResults(
  ctx: AppContext,
  o: { settings: CardSettings; kind: ResultKind; bytes: Buffer; actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<ResultImport> {
  const sha256 = crypto.createHash('sha256').update(o.bytes).digest('hex');
  // UTF-8 or Shift_JIS (detected over the whole file); rows of empty cells (",,,," as Excel leaves them) are no records.
  const { text } = decodeCsv(o.bytes);
  let records: CsvRecord[];
  try {
    records = await readCsvText(text);
  } catch (err) {
    return { ok: false, errors: [{ line: 0, message: cardImportMessages.text('resultNotCsv', { reason: (err as Error).message }) }] };
  }
  const header = (records[0]?.record ?? []).map((h) => h.normalize('NFKC').trim());
  const idCol = header.indexOf(RESULT_HEADERS.controlNo);
  const dateCol = header.indexOf(RESULT_HEADERS.date);
  if (idCol < 0) return { ok: false, errors: [{ line: 1, message: cardImportMessages.text('resultNoControlColumn') }] };
  const to = TARGET[o.kind];
  // Today in Japan (a result file processed before 09:00 JST is still dated today, not yesterday).
  const today = jstDate(ctx.clock.now());
  const errors: LineError[] = [];
  const entries: { line: number; id: string; date: string }[] = [];
  records.slice(1).forEach(({ record: r, line }) => {
    const id = normaliseReservationId(r[idCol] ?? '');
    const date = dateCol >= 0 && (r[dateCol] ?? '').trim() ? parseBirthDate(r[dateCol] ?? '') : today;
    if (!/^[0-9A-Z]{4,32}$/.test(id)) errors.push({ line, message: cardImportMessages.text('resultBadControlNo') });
    else if (!date || date > today) errors.push({ line, message: cardImportMessages.text('resultBadDate') });
    else entries.push({ line, id, date });
  });
  const from = statesBefore(to);
  const result = await ctx.db
    .transaction(async (tx) => {
      const now = ctx.clock.now();
      // The same file again is named as such (its lines would otherwise all report "cannot move");
      // the unique constraint below still decides when two imports race.
      const dup = await tx.query('SELECT 1 FROM card_int_result_imports WHERE department_id = $1 AND kind = $2 AND file_sha256 = $3', [
        o.settings.departmentId,
        o.kind,
        sha256,
      ]);
      if (dup.rows.length) return { ok: false as const, errors: [ALREADY] };
      const found = await tx.query<{ id: string; control_no: string; state: CardState }>(
        'SELECT id, control_no, state FROM card_int_cards WHERE department_id = $1 AND control_no = ANY($2::text[]) ORDER BY id FOR UPDATE',
        [o.settings.departmentId, entries.map((e) => e.id)],
      );
      const byId = new Map(found.rows.map((c) => [c.control_no, c]));
      const seen = new Set<string>();
      for (const e of entries) {
        const c = byId.get(e.id);
        if (seen.has(e.id)) errors.push({ line: e.line, message: cardImportMessages.text('resultRepeated') });
        else if (!c) errors.push({ line: e.line, message: cardImportMessages.text('resultNoCard') });
        else if (!from.includes(c.state))
          errors.push({
            line: e.line,
            message: eachLang((lang) => cardImportMessages.t(lang, 'resultCannotMove', { state: STATE_LABELS[c.state][lang] })),
          });
        seen.add(e.id);
      }
      if (errors.length) return { ok: false as const, errors: errors.sort((a, b) => a.line - b.line) };
      await tx.query(
        `INSERT INTO card_int_result_imports (department_id, kind, file_sha256, row_count, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [o.settings.departmentId, o.kind, sha256, entries.length, now, o.actor.id ?? o.actor.type],
      );
      const col = to === 'issued' ? 'issued_at' : 'setup_done_at';
      const upd = await tx.query(
        `UPDATE card_int_cards c SET state = $1, ${col} = u.d::date, state_changed_at = $2
       FROM unnest($3::text[], $4::text[]) AS u(id, d)
       WHERE c.control_no = u.id AND c.department_id = $5 AND c.state = ANY($6::text[])`,
        [to, now, entries.map((e) => e.id), entries.map((e) => e.date), o.settings.departmentId, from],
      );
      if (upd.rowCount !== entries.length) throw new Error('card states changed during the import');
      await logStates(
        tx,
        o.settings.departmentId,
        entries.map((e) => ({ id: (byId.get(e.id) as { id: string }).id, from: (byId.get(e.id) as { state: CardState }).state })),
        to,
        now,
        `${o.kind}-result`,
      );
      await recordAudit(
        tx,
        {
          actor: o.actor,
          action: `card.progress.${o.kind}_result.import`,
          departmentId: o.settings.departmentId,
          recordType: 'card_result_file',
          recordId: sha256,
          clientIp: o.clientIp,
          requestId: o.requestId,
          detail: { rows: entries.length },
        },
        now,
      );
      return { ok: true as const, updated: upd.rowCount };
    })
    .catch((err: unknown) => {
      if (isPgError(err, '23505')) return { ok: false as const, errors: [ALREADY] };
      throw err;
    });
  return result;
}
