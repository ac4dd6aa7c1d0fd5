/**
 * Normalisation of what people type or what files carry, before validating, searching or rate
 * limiting (so full-width or hyphen variants cannot dodge a lockout or miss a match). Pure.
 */

/** Hyphen look-alikes people type between the two parts of the number (after NFKC). */
const HYPHENS = /[-\u2010-\u2015\u2212\u30fc\uff70\s]/g;

/**
 * The reservation id (the 製造管理番号 printed on the notice): NFKC (full-width → half-width),
 * upper case, hyphens and spaces removed. "abc－１２３４５６" → "ABC123456".
 */
export function normaliseReservationId(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(HYPHENS, '');
}

/** The display form: the pattern's usual 3 + 6 split with a hyphen when it is 9 characters long. */
export function formatReservationId(id: string): string {
  return id.length === 9 ? `${id.slice(0, 3)}-${id.slice(3)}` : id;
}

/** Checks a normalised id against the configured pattern (a regular expression over the normalised form). */
export function isValidReservationId(id: string, pattern: string): boolean {
  return /^[0-9A-Z]{4,32}$/.test(id) && new RegExp(pattern).test(id);
}

/**
 * Kana for exact search: NFKC (half-width katakana → full-width), hiragana → katakana, all spaces
 * removed. "てすと　たろう" and "ﾃｽﾄ ﾀﾛｳ" both become "テストタロウ". Only exact matches can be found:
 * the stored value is encrypted and indexed by a keyed hash, so a prefix search is not possible.
 */
export function normaliseKana(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/\s+/g, '');
}

/** Address for exact search and household grouping: NFKC, spaces removed, hyphen variants unified. */
export function normaliseAddress(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-');
}

/** Numbers (application id, shipping number): NFKC, upper case, spaces and hyphens removed. */
export function normaliseNumber(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(HYPHENS, '');
}

/**
 * A date as YYYY-MM-DD from "YYYY-MM-DD", "YYYY/MM/DD", "YYYYMMDD" or what Excel writes when it saves a
 * CSV ("2026/11/3", with or without a midnight time "2026/11/3 0:00"); full-width accepted; undefined
 * when not a real date.
 */
export function parseBirthDate(input: string): string | undefined {
  const s = input
    .normalize('NFKC')
    .trim()
    .replace(/\s+0?0:00(:00)?$/, '');
  const m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(s) ?? /^(\d{4})()(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  if (y < 1880) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
