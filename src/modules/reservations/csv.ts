/**
 * CSV for Excel (pure): RFC 4180 quoting, CRLF line ends, UTF-8 with BOM or Shift_JIS (CP932).
 * - Formula neutralisation: a cell starting with = + - @ tab or CR gets a leading ' so Excel shows it
 *   as text instead of running it.
 * - CP932: characters that look alike but are different code points in Unicode are mapped to the
 *   ones CP932 holds (WAVE DASH 〜 → ～, MINUS SIGN − → －, …) first; anything still unencodable is
 *   replaced with 〓 (geta) and counted — never dropped silently.
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'shift_jis';

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

export function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((c) => quoteCell(neutraliseFormula(c))).join(',')).join('\r\n') + '\r\n';
}

/** Maps to CP932-holdable characters; returns the text and how many characters became 〓. */
export function toCp932Safe(text: string): { text: string; unencodable: number } {
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
  return { text: out, unencodable };
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

export function encodeCsv(rows: readonly (readonly string[])[], encoding: CsvEncoding): { body: Buffer; unencodable: number } {
  const text = csvText(rows);
  if (encoding === 'utf-8') return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), unencodable: 0 };
  const safe = toCp932Safe(text);
  return { body: iconv.encode(safe.text, 'cp932'), unencodable: safe.unencodable };
}
