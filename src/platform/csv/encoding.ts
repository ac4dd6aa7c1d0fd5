/**
 * The one CSV encoding detector. Files from a city's systems and from Excel in Japan are either
 * UTF-8 (with or without a BOM) or Shift_JIS — in practice Windows-31J/CP932, which iconv-lite's
 * 'Shift_JIS' decoder reads (NEC and IBM extensions such as ① and 髙 included).
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'shift_jis';

/** How many leading bytes detection looks at when a file is streamed. */
export const DETECT_BYTES = 65_536;

/**
 * UTF-8 when the bytes start with its BOM or decode strictly as UTF-8, else Shift_JIS. Give the
 * whole file when it is in memory, or its first DETECT_BYTES when streamed: the sample is cut at its
 * last line feed so a character split by the sample's end does not count against UTF-8.
 */
export function detectCsvEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cut = sample.lastIndexOf(0x0a);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(cut > 0 ? sample.subarray(0, cut) : sample);
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

/** The iconv-lite codec name of an encoding. */
export const codecOf = (encoding: CsvEncoding): string => (encoding === 'utf-8' ? 'utf-8' : 'Shift_JIS');

/** A whole file as text (a UTF-8 BOM is removed); the encoding is detected unless given. */
export function decodeCsv(bytes: Buffer, encoding: CsvEncoding = detectCsvEncoding(bytes)): { text: string; encoding: CsvEncoding } {
  return { text: iconv.decode(bytes, codecOf(encoding)), encoding };
}

/** A decoding transform for a streamed file (a UTF-8 BOM is removed). */
export function decodeCsvStream(encoding: CsvEncoding): NodeJS.ReadWriteStream {
  return iconv.decodeStream(codecOf(encoding));
}
