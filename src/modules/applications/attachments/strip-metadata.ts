/**
 * Cleaning an accepted file before it is stored. Pure, no native code.
 *
 * - JPEG: keeps only what decoding needs — JFIF (APP0), the ICC colour profile (APP2 ICC_PROFILE),
 *   Adobe's colour transform (APP14), tables, frames and scans — and drops EXIF (GPS, camera serial,
 *   time), XMP, IPTC (APP13), MPF and every other APPn, comments, and anything after the first image's
 *   end (phones append a second image or depth map there, with its own EXIF). The EXIF Orientation
 *   alone is kept, written as a new minimal EXIF block of that one tag, so a phone photo of a
 *   document still shows upright; nothing else of the original EXIF survives.
 * - PNG: keeps the chunks that decoding and colour need (an allow-list) and drops the rest: text
 *   (tEXt, zTXt, iTXt), eXIf, tIME, private chunks, and anything after IEND.
 * - PDF: left as it is (its document information and XMP metadata are kept: they are what the citizen
 *   wrote into the document), but refused when it carries active content — JavaScript, launch
 *   actions, embedded files, rich media, XFA, form submission — including names written with #xx
 *   escapes and dictionaries inside compressed object streams; and refused when encrypted, since
 *   then it cannot be checked.
 */
import zlib from 'node:zlib';
import type { FileKind } from './file-kinds.js';

export type Cleaned = { data: Buffer; metadataStripped: boolean };
export type CleanRefusal = 'damaged' | 'pdf_active' | 'pdf_encrypted';

export class CleanRefused extends Error {
  constructor(readonly reason: CleanRefusal) {
    super(`attachment refused: ${reason}`);
  }
}

export function cleanFile(kind: FileKind, data: Buffer): Cleaned {
  if (kind === 'jpeg') return { data: stripJpeg(data), metadataStripped: true };
  if (kind === 'png') return { data: stripPng(data), metadataStripped: true };
  checkPdf(data);
  return { data, metadataStripped: false };
}

// ---- JPEG ---------------------------------------------------------------------------------------

const damaged = () => new CleanRefused('damaged');

function startsWith(b: Buffer, at: number, text: string): boolean {
  return b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;
}

export function stripJpeg(b: Buffer): Buffer {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw damaged();
  const out: Buffer[] = [];
  let orientation: number | undefined;
  let afterApp0 = 0; // index in `out` where a new EXIF block goes (after SOI and a leading JFIF APP0)
  let scans = 0;
  let i = 2;
  out.push(b.subarray(0, 2));
  afterApp0 = 1;
  for (;;) {
    if (i >= b.length) {
      if (scans === 0) throw damaged();
      out.push(Buffer.from([0xff, 0xd9])); // truncated after the image data: end it properly
      break;
    }
    if (b[i] !== 0xff) throw damaged();
    while (i < b.length && b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) throw damaged();
    const marker = b[i] as number;
    i++;
    if (marker === 0xd9) {
      out.push(Buffer.from([0xff, 0xd9]));
      break; // anything after the first image's end is dropped
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (marker === 0x00 || i + 2 > b.length) throw damaged();
    const length = b.readUInt16BE(i);
    if (length < 2 || i + length > b.length) throw damaged();
    const body = b.subarray(i + 2, i + length);
    const segment = b.subarray(i - 2, i + length);
    i += length;
    if (marker === 0xe0) {
      if (startsWith(body, 0, 'JFIF\0')) {
        out.push(segment);
        if (out.length === 2) afterApp0 = 2;
      }
    } else if (marker === 0xe1) {
      if (startsWith(body, 0, 'Exif\0')) orientation ??= exifOrientation(body.subarray(6));
    } else if (marker === 0xe2) {
      if (startsWith(body, 0, 'ICC_PROFILE\0')) out.push(segment);
    } else if (marker === 0xee) {
      if (startsWith(body, 0, 'Adobe')) out.push(segment);
    } else if ((marker >= 0xe3 && marker <= 0xef) || marker === 0xfe) {
      // other application segments (IPTC in APP13, Ducky, …) and comments: dropped
    } else {
      out.push(segment);
    }
    if (marker === 0xda) {
      scans++;
      // entropy-coded data runs until a marker that is neither a stuffed 0xFF00 nor a restart marker
      let j = i;
      for (;;) {
        j = b.indexOf(0xff, j);
        if (j < 0 || j + 1 >= b.length) {
          j = b.length;
          break;
        }
        const next = b[j + 1] as number;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
          j += next === 0xff ? 1 : 2;
          continue;
        }
        break;
      }
      out.push(b.subarray(i, j));
      i = j;
    }
  }
  if (scans === 0) throw damaged();
  if (orientation !== undefined && orientation !== 1) out.splice(afterApp0, 0, orientationOnlyExif(orientation));
  return Buffer.concat(out);
}

/** The Orientation tag (0x0112) of IFD0 of an EXIF block's TIFF data, when present and valid (1–8). */
function exifOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let n = 0; n < count; n++) {
    const e = ifd + 2 + n * 12;
    if (e + 12 > tiff.length) return undefined;
    if (u16(e) === 0x0112 && u16(e + 2) === 3) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}

/** An APP1 EXIF segment holding one tag, Orientation (big-endian TIFF, IFD0 with one entry). */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field
  // next IFD offset 0 (already zero)
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// ---- PNG ----------------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunks kept: critical ones, colour and pixel geometry, transparency, animation (APNG). */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

export function stripPng(b: Buffer): Buffer {
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) throw damaged();
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  let first = true;
  for (;;) {
    if (i + 12 > b.length) throw damaged(); // no IEND
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + length > b.length) throw damaged();
    if (first && type !== 'IHDR') throw damaged();
    first = false;
    const critical = (type.charCodeAt(0) & 0x20) === 0;
    if (PNG_KEEP.has(type)) out.push(b.subarray(i, i + 12 + length));
    else if (critical) throw damaged(); // an unknown critical chunk: no decoder can show it
    i += 12 + length;
    if (type === 'IEND') break; // anything after the end is dropped
  }
  return Buffer.concat(out);
}

// ---- PDF ----------------------------------------------------------------------------------------

/** Names whose presence makes a PDF active: scripts, actions that run or fetch things, embedded content. */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
]);

/** Inflated object streams are bounded (a deflate bomb is refused as damaged, not expanded). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export function checkPdf(b: Buffer): void {
  const text = b.toString('latin1');
  // Names are looked for outside stream data (random bytes of an image can spell "/JS"); dictionaries
  // compressed inside object streams (PDF 1.5+) are inflated and looked at too.
  let budget = MAX_INFLATED_BYTES;
  let outside = 0;
  const streamRe = /stream\r?\n/g;
  for (let m = streamRe.exec(text); m; m = streamRe.exec(text)) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') continue; // "endstream"
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) throw damaged();
    scanNames(text.slice(outside, start));
    outside = end;
    streamRe.lastIndex = end + 9;
    const objStart = text.lastIndexOf('obj', m.index);
    const dict = decodeNames(text.slice(objStart < 0 ? Math.max(0, m.index - 2048) : objStart, m.index));
    if (!/\/Type\s*\/ObjStm\b/.test(dict)) continue;
    if (!/\/FlateDecode\b/.test(dict)) throw damaged(); // an object stream we cannot read cannot be checked
    if (budget <= 0) throw damaged();
    let inflated: Buffer;
    try {
      inflated = zlib.inflateSync(b.subarray(start, end), { maxOutputLength: budget, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      throw damaged();
    }
    budget -= inflated.length;
    scanNames(inflated.toString('latin1'));
  }
  scanNames(text.slice(outside));
}

function scanNames(text: string): void {
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    const name = decodeName(m[1] as string);
    if (name === 'Encrypt') throw new CleanRefused('pdf_encrypted');
    if (ACTIVE_NAMES.has(name)) throw new CleanRefused('pdf_active');
  }
}

/** A PDF name with its #xx escapes decoded (/J#61vaScript is /JavaScript). */
function decodeName(raw: string): string {
  return raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))) : raw;
}

function decodeNames(text: string): string {
  return text.replace(/\/([^\s/[\]<>(){}%]+)/g, (_m, n: string) => `/${decodeName(n)}`);
}
