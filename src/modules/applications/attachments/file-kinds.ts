/**
 * What an uploaded file is, decided by its content (magic bytes), never by its name or the
 * Content-Type the client declared: a `.jpg` that is a ZIP is a ZIP. Pure.
 *
 * Accepted: PDF, JPEG, PNG. HEIC is recognised but refused: its metadata (GPS) sits in items of an
 * ISO-BMFF `meta` box addressed by offsets, which cannot be removed reliably without a HEIF library
 * (native code), and most staff PCs cannot open it either. iPhones send JPEG from a web form unless
 * the page asks for HEIC, so the refusal says how to send a JPEG.
 */
import type { Lang } from '../../../platform/i18n.js';
import { attachmentMessages } from './attachments.messages.js';

export const ACCEPTED_KINDS = ['pdf', 'jpeg', 'png'] as const;
export type FileKind = (typeof ACCEPTED_KINDS)[number];

export type Sniffed = { kind: FileKind } | { refused: 'heic' | 'unknown' };

export const CONTENT_TYPES: Record<FileKind, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png' };
export const EXTENSIONS: Record<FileKind, readonly string[]> = { pdf: ['.pdf'], jpeg: ['.jpg', '.jpeg', '.jfif'], png: ['.png'] };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// ISO-BMFF brands of HEIF images (HEVC, AV1 and the generic image brands)
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);

/** The kind of a file from its first bytes (16 are enough). */
export function sniffKind(bytes: Uint8Array): Sniffed {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PDF: "%PDF-" at the start (readers accept it within the first 1024 bytes; we do not, so what
  // precedes it cannot be another format's header)
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'pdf' };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'jpeg' };
  if (b.subarray(0, 8).equals(PNG_SIGNATURE)) return { kind: 'png' };
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' && HEIF_BRANDS.has(b.subarray(8, 12).toString('latin1')))
    return { refused: 'heic' };
  return { refused: 'unknown' };
}

/**
 * The name to offer on download: the citizen's name, with the extension of what the file really is
 * appended when the name says otherwise (a PNG named `scan.jpg` downloads as `scan.jpg.png`), so the
 * staff PC opens it with the right program.
 */
export function downloadName(filename: string, kind: FileKind): string {
  const lower = filename.toLowerCase();
  return EXTENSIONS[kind].some((e) => lower.endsWith(e)) ? filename : `${filename}${EXTENSIONS[kind][0]}`;
}

/** "PDF、JPEG（.jpg）" in the reader's language. */
export function kindList(kinds: readonly string[], lang: Lang): string {
  const t = attachmentMessages.in(lang);
  const label = (k: string) => (k === 'pdf' || k === 'jpeg' || k === 'png' || k === 'heic' ? t(`kind.${k}`) : k);
  return kinds.map(label).join(t('listSeparator'));
}
