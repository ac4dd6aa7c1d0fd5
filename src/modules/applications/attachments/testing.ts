/**
 * Test support for attachments: files carrying the metadata that must go (built at run time around
 * small metadata-free fixtures), PDFs with and without active content, EICAR (assembled at run time,
 * so no virus test file sits in the repository), and a multipart body for inject().
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/attachments');
/** A 24×16 baseline JPEG (cjpeg) with only a JFIF header. */
export const plainJpeg = (): Buffer => fs.readFileSync(path.join(fixtures, 'plain.jpg'));
/** The same picture as a progressive JPEG (several scans). */
export const progressiveJpeg = (): Buffer => fs.readFileSync(path.join(fixtures, 'progressive.jpg'));

/** Tokyo, as rationals: the position a phone writes into a photo. */
const LATITUDE = [35, 1, 39, 1, 3600, 100];
const LONGITUDE = [139, 1, 42, 1, 1234, 100];

/** Big-endian TIFF data of an EXIF block: IFD0 with Orientation and a GPS IFD holding latitude and longitude. */
export function exifTiffWithGps(orientation = 6): Buffer {
  const t = Buffer.alloc(140);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: (at: number) => void) => {
    t.writeUInt16BE(tag, at);
    t.writeUInt16BE(type, at + 2);
    t.writeUInt32BE(count, at + 4);
    value(at + 8);
  };
  t.writeUInt16BE(2, 8);
  entry(10, 0x0112, 3, 1, (at) => t.writeUInt16BE(orientation, at));
  entry(22, 0x8825, 4, 1, (at) => t.writeUInt32BE(38, at)); // GPSInfo → IFD at 38
  t.writeUInt32BE(0, 34);
  t.writeUInt16BE(4, 38);
  entry(40, 0x0001, 2, 2, (at) => t.write('N\0', at, 'latin1'));
  entry(52, 0x0002, 5, 3, (at) => t.writeUInt32BE(92, at));
  entry(64, 0x0003, 2, 2, (at) => t.write('E\0', at, 'latin1'));
  entry(76, 0x0004, 5, 3, (at) => t.writeUInt32BE(116, at));
  t.writeUInt32BE(0, 88);
  LATITUDE.forEach((v, n) => t.writeUInt32BE(v, 92 + n * 4));
  LONGITUDE.forEach((v, n) => t.writeUInt32BE(v, 116 + n * 4));
  return t;
}

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

export const XMP_GPS = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="35,39.6N"/></rdf:RDF></x:xmpmeta>';

/**
 * A phone photo as it arrives: EXIF with GPS and Orientation 6, XMP with GPS, IPTC, a comment, and a
 * second image after the end (as MPF/depth data is appended) with its own GPS EXIF.
 */
export function jpegWithGps(base: Buffer = plainJpeg()): Buffer {
  const app0End = 2 + 2 + base.readUInt16BE(4); // SOI + APP0
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiffWithGps()]));
  const xmp = segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${XMP_GPS}`, 'latin1'));
  const iptc = segment(0xed, Buffer.from('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x0aHome office', 'latin1'));
  const comment = segment(0xfe, Buffer.from('taken at home', 'latin1'));
  const mpf = segment(0xe2, Buffer.from('MPF\0MM\0*\0\0\0\x08', 'latin1'));
  const first = Buffer.concat([base.subarray(0, app0End), exif, xmp, iptc, mpf, comment, base.subarray(app0End)]);
  const second = Buffer.concat([base.subarray(0, app0End), exif, base.subarray(app0End)]);
  return Buffer.concat([first, second]);
}

/** The JPEG's segments as [marker, body] up to the first scan (for checking what was kept). */
export function jpegSegments(b: Buffer): { marker: number; body: Buffer }[] {
  const out: { marker: number; body: Buffer }[] = [];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1] as number;
    const length = b.readUInt16BE(i + 2);
    out.push({ marker, body: b.subarray(i + 4, i + 2 + length) });
    if (marker === 0xda) break;
    i += 2 + length;
  }
  return out;
}

const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};

/** The raw RGB rows (each with filter byte 0) of the PNG below. */
export const PNG_ROWS = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 0, 0, 128, 128, 128]);

/** A 3×2 RGB PNG with text chunks (a place name, GPS in words), eXIf with GPS, tIME, and data after IEND. */
export function pngWithMetadata(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const time = Buffer.from([0x07, 0xea, 12, 1, 9, 30, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Comment\0GPS 35.6598 139.7036 home', 'latin1')),
    chunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${XMP_GPS}`, 'latin1')),
    chunk('eXIf', exifTiffWithGps(1)),
    chunk('tIME', time),
    chunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])),
    chunk('IDAT', zlib.deflateSync(PNG_ROWS)),
    chunk('IEND', Buffer.alloc(0)),
    Buffer.from('trailing data after the end', 'latin1'),
  ]);
}

/** A one-page PDF; `catalogExtra` goes into the catalogue dictionary, `objects` are added as they are. */
export function pdf(catalogExtra = '', objects: Buffer[] = [], trailerExtra = ''): Buffer {
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n` +
        '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n',
      'latin1',
    ),
    ...objects,
    Buffer.from(`trailer\n<< /Root 1 0 R ${trailerExtra}>>\n%%EOF\n`, 'latin1'),
  ]);
}

/** A stream object: its dictionary and (binary) data. */
export function pdfStream(num: number, dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${num} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** The EICAR anti-virus test file (68 bytes), assembled here so that no copy of it is committed. */
export function eicar(): Buffer {
  const parts = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS', '-TEST-FILE!$H+H*'];
  return Buffer.from(parts.join(''), 'latin1');
}

/** A multipart/form-data body with one file part (and optional other fields) for inject(). */
export function multipartBody(
  file: { name?: string; filename: string; type?: string; data: Buffer },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----madoguchi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      'utf8',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  );
  const payload = Buffer.concat(parts);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(payload.length) } };
}
