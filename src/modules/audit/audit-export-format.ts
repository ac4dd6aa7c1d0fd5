/**
 * Export formats of the audit log. CSV is UTF-8 with a BOM (Excel in Japan opens it correctly),
 * is written by the one CSV writer (platform/csv/write.ts: formulas neutralised, and text a
 * spreadsheet would read as a number or date, like the genesis hash 000…0 or an address, kept as
 * text) and writes times in Japan time with the +09:00 offset. JSON Lines keeps the exact UTC instant.
 */
import { csvLine, UTF8_BOM } from '../../platform/csv/write.js';
import type { AuditEntry } from './search-audit.js';
import { jstIsoMillis } from '../../platform/japan-time.js';

export type ExportFormat = 'csv' | 'jsonl';

const COLUMNS = [
  'seq',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_label',
  'department_id',
  'department_code',
  'action',
  'outcome',
  'record_type',
  'record_id',
  'client_ip',
  'request_id',
  'detail',
  'prev_hash',
  'hash',
] as const;

export function csvHeader(): string {
  return UTF8_BOM + csvLine(COLUMNS);
}

function values(e: AuditEntry): unknown[] {
  return [
    e.seq,
    jstIsoMillis(e.occurredAt),
    e.actorType,
    e.actorId,
    e.actorLabel,
    e.departmentId,
    e.departmentCode,
    e.action,
    e.outcome,
    e.recordType,
    e.recordId,
    e.clientIp,
    e.requestId,
    JSON.stringify(e.detail),
    e.prevHash,
    e.hash,
  ];
}

export function csvLines(entries: AuditEntry[]): string {
  return entries.map((e) => csvLine(values(e))).join('');
}

export function jsonLines(entries: AuditEntry[]): string {
  return entries.map((e) => `${JSON.stringify({ ...e, occurredAt: e.occurredAt.toISOString() })}\n`).join('');
}

/** The whole export as chunks: header (CSV) then one chunk per batch. */
export async function* exportChunks(batches: AsyncIterable<AuditEntry[]>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const batch of batches) yield format === 'csv' ? csvLines(batch) : jsonLines(batch);
}
