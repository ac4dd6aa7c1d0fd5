/**
 * The one CSV writer, for Excel (pure): RFC 4180 quoting, CRLF line ends, UTF-8 with BOM or
 * Shift_JIS (CP932). Every export (reservations, card bookings, the audit log) writes through it.
 * - Formula neutralisation: a cell starting with = + - @ tab or CR gets a leading ' so Excel shows it
 *   as text instead of running it.
 * - Text stays text: a spreadsheet opening a CSV guesses each cell's type, so `00123` becomes 123,
 *   `1-2` a date, `3:30` a time, `2222E222` a number. Every column is text unless the caller names
 *   it a value column (dates, times, counts it means the spreadsheet to read); a text cell that a
 *   spreadsheet would read as a value is written as the string formula ="00123", which Excel and
 *   LibreOffice show as that exact text (nothing can run inside a string literal).
 * - CP932: characters that look alike but are different code points in Unicode are mapped to the
 *   ones CP932 holds (WAVE DASH 〜 → ～, MINUS SIGN − → －, …) first; variation selectors and the
 *   zero-width joiner are dropped (the base character stays: 葛󠄀 → 葛) and counted; anything still
 *   unencodable is replaced with 〓 (geta) and counted — never dropped silently.
 * - Labels: the Shift_JIS files hold CP932 (髙 is FB FC), whose IANA name is Windows-31J.
 */
import iconv from 'iconv-lite';
import type { CsvEncoding } from './encoding.js';

export type { CsvEncoding };

/** The byte order mark Excel needs to open a UTF-8 CSV as UTF-8 (written once, at the start of the file). */
export const UTF8_BOM = '\uFEFF';

const CP932_MAP: Record<string, string> = {
  '\u301C': '\uFF5E', // WAVE DASH → FULLWIDTH TILDE
  '\u2212': '\uFF0D', // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
  '\u2016': '\u2225', // DOUBLE VERTICAL LINE → PARALLEL TO
  '\u00A2': '\uFFE0', // CENT SIGN
  '\u00A3': '\uFFE1', // POUND SIGN
  '\u00AC': '\uFFE2', // NOT SIGN
  '\u2014': '\u2015', // EM DASH → HORIZONTAL BAR
};
const GETA = '〓';

export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * True when a spreadsheet would read this text as a number, date, time, percentage or boolean
 * (Excel in Japan also reads eras: H8.1.2, 令和8年12月3日). Deliberately broad: protecting a cell
 * that would have stayed text anyway costs nothing.
 */
export function looksLikeValue(cell: string): boolean {
  const s = cell.trim();
  if (/^(true|false)$/i.test(s)) return true;
  if (!/[0-9０-９]/.test(s) || s.length > 250) return false;
  // a Japanese phone number as people write it (090-1234-5678, 0166-12-3456): no calendar date has
  // a day of three or more digits nor a year starting with 0, so spreadsheets keep it as text
  if (/^0\d{1,4}-\d{1,4}-\d{3,4}$/.test(s) && /^0\d{2,}-|-\d{3,}-/.test(s)) return false;
  const rest = s
    .replace(/明治|大正|昭和|平成|令和|午前|午後|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\b[ap]\.?m\.?/gi, '')
    .replace(/^[mtshr](?=\d)/i, '') // era initial: H8.1.2
    .replace(/(\d)e(?=[+-]?\d)/gi, '$1') // exponent: 2222E222
    .replace(/[0-9０-９\s+\-−－‐.,，．:：/／%％()（）¥￥$＄€£年月日時分秒]/g, '');
  return rest === '';
}

/** One text cell as CSV: protected from type guessing, then from formula evaluation. */
export function textCell(cell: string): string {
  return looksLikeValue(cell) ? `="${cell.replace(/"/g, '""')}"` : neutraliseFormula(cell);
}

export type CsvOptions = {
  /** Columns (0-based) holding values the spreadsheet should read as such (dates, times, counts). */
  valueColumns?: readonly number[];
};

export function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * One record as a CSV line ending in CRLF (streaming exports write line by line). null and
 * undefined are empty cells; anything else is written as its string.
 */
export function csvLine(cells: readonly unknown[], o: CsvOptions = {}): string {
  const values = o.valueColumns;
  return `${cells
    .map((v, i) => {
      const c = v === null || v === undefined ? '' : String(v);
      return quoteCell(values?.includes(i) ? neutraliseFormula(c) : textCell(c));
    })
    .join(',')}\r\n`;
}

export function csvText(rows: readonly (readonly string[])[], o: CsvOptions = {}): string {
  return rows.map((row) => csvLine(row, o)).join('');
}

/** U+FE00–FE0F, U+E0100–E01EF (variation selectors) and U+200D (zero-width joiner). */
const SELECTORS = /[\uFE00-\uFE0F\u200D]|\uDB40[\uDD00-\uDDEF]/g;

/**
 * Maps to CP932-holdable characters; returns the text, how many characters became 〓 and how many
 * variation selectors / joiners were dropped.
 */
export function toCp932Safe(input: string): { text: string; unencodable: number; dropped: number } {
  let dropped = 0;
  const text = input.replace(SELECTORS, () => {
    dropped++;
    return '';
  });
  let unencodable = 0;
  let out = '';
  for (const ch of text) {
    const mapped = CP932_MAP[ch] ?? ch;
    if (mapped === '\r' || mapped === '\n' || canEncode(mapped)) out += mapped;
    else {
      out += GETA;
      unencodable++;
    }
  }
  return { text: out, unencodable, dropped };
}

const encodable = new Map<string, boolean>();
function canEncode(ch: string): boolean {
  let ok = encodable.get(ch);
  if (ok === undefined) {
    const round = iconv.decode(iconv.encode(ch, 'cp932'), 'cp932');
    ok = round === ch;
    if (encodable.size < 100_000) encodable.set(ch, ok);
  }
  return ok;
}

export function encodeCsv(
  rows: readonly (readonly string[])[],
  encoding: CsvEncoding,
  o: CsvOptions = {},
): { body: Buffer; unencodable: number; dropped: number } {
  const text = csvText(rows, o);
  if (encoding === 'utf-8') return { body: Buffer.from(UTF8_BOM + text, 'utf8'), unencodable: 0, dropped: 0 };
  const safe = toCp932Safe(text);
  return { body: iconv.encode(safe.text, 'cp932'), unencodable: safe.unencodable, dropped: safe.dropped };
}

/** The Content-Type of a CSV in this encoding (CP932's registered name is Windows-31J, not Shift_JIS). */
export function csvContentType(encoding: CsvEncoding): string {
  return `text/csv; charset=${encoding === 'shift_jis' ? 'Windows-31J' : 'UTF-8'}`;
}
