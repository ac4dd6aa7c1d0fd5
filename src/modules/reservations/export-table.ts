/**
 * A staff export as a typed table, written as CSV (csv.ts) or as an .xlsx workbook whose cells carry
 * their type: text stays text (a phone's leading 0, `00123`, `1-2`), dates and times are real date
 * cells. Pure apart from the zip writer's buffers.
 */
import writeXlsxFile, { type Cell } from 'write-excel-file/node';
import { encodeCsv, type CsvEncoding } from '../../platform/csv/write.js';

export type ColumnType = 'text' | 'date' | 'time' | 'datetime' | 'number';
export type ExportTable = { columns: { label: string; type: ColumnType }[]; rows: string[][] };
export type ExportFormat = 'csv' | 'xlsx';

export function tableToCsv(t: ExportTable, encoding: CsvEncoding): { body: Buffer; unencodable: number; dropped: number } {
  const valueColumns = t.columns.flatMap((c, i) => (c.type === 'text' ? [] : [i]));
  return encodeCsv([t.columns.map((c) => c.label), ...t.rows], encoding, { valueColumns });
}

// XML 1.0 cannot hold most C0 controls; a stray one must not make the workbook unreadable
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** One cell: an empty value stays an empty cell; a value that does not parse as its type stays text. */
function cellOf(value: string, type: ColumnType): Cell {
  if (value === '') return null;
  const d = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value);
  const t = /^(\d{2}):(\d{2})$/.exec(value);
  // serial numbers are counted in UTC days, so the wall-clock (Japan) fields go in as UTC
  if (type === 'date' && d && !d[4]) return { value: new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!)), type: Date, format: 'yyyy-mm-dd' };
  if (type === 'datetime' && d && d[4])
    return { value: new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4], +d[5]!)), type: Date, format: 'yyyy-mm-dd hh:mm' };
  if (type === 'time' && t) return { value: new Date(Date.UTC(1899, 11, 30, +t[1]!, +t[2]!)), type: Date, format: 'hh:mm' };
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return { value: Number(value), type: Number };
  return { value: value.replace(CONTROLS, ''), type: String };
}

export async function tableToXlsx(t: ExportTable, sheet: string): Promise<Buffer> {
  const header: Cell[] = t.columns.map((c) => ({ value: c.label, type: String, fontWeight: 'bold' }));
  const data = t.rows.map((r) => t.columns.map((c, i) => cellOf(r[i] ?? '', c.type)));
  return writeXlsxFile([header, ...data], {
    sheet: sheet.replace(/[\\/?*[\]:]/g, '_').slice(0, 31),
    stickyRowsCount: 1,
    columns: t.columns.map((c) => ({ width: c.type === 'text' ? 18 : c.type === 'datetime' ? 17 : 11 })),
  }).toBuffer();
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
