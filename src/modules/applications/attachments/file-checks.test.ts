import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { downloadName, sniffKind } from './file-kinds.js';
import { CleanRefused, checkPdf, cleanFile, stripJpeg, stripPng } from './strip-metadata.js';
import { jpegSegments, jpegWithGps, PNG_ROWS, pdf, pdfStream, plainJpeg, pngWithMetadata, progressiveJpeg } from './testing.js';

const has = (cmd: string) => {
  try {
    execFileSync(cmd, ['-ver'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
};
const exiftool = has('exiftool');
const djpeg = has('djpeg');

/** exiftool's view of a file: every tag of every group (-a -G1), as one JSON object. */
function exif(data: Buffer, ext: string): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'att-'));
  const file = path.join(dir, `f.${ext}`);
  fs.writeFileSync(file, data);
  try {
    return (JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', file], { encoding: 'utf8' })) as Record<string, unknown>[])[0] ?? {};
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The decoded pixels (PPM) of a JPEG, by libjpeg's djpeg. */
function decode(data: Buffer): Buffer {
  return execFileSync('djpeg', [], { input: data, maxBuffer: 1 << 24 });
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof CleanRefused) return err.reason;
    throw err;
  }
  return 'accepted';
};

describe('file kinds by content', () => {
  it('takes PDF, JPEG and PNG by their magic bytes, whatever they are called', () => {
    assert.deepEqual(sniffKind(pdf()), { kind: 'pdf' });
    assert.deepEqual(sniffKind(plainJpeg()), { kind: 'jpeg' });
    assert.deepEqual(sniffKind(pngWithMetadata()), { kind: 'png' });
  });

  it('refuses a ZIP, an executable, HTML, SVG and an Office file, and names HEIC separately', () => {
    for (const bytes of [
      Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'), // zip (and every .docx/.xlsx)
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), // .doc/.xls
      Buffer.from(' %PDF-1.7'), // not at the start
    ])
      assert.deepEqual(sniffKind(bytes), { refused: 'unknown' });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    assert.deepEqual(sniffKind(heic), { refused: 'heic' });
  });

  it('downloads under the name given, with the real extension added when the name says otherwise', () => {
    assert.equal(downloadName('住民票.PDF', 'pdf'), '住民票.PDF');
    assert.equal(downloadName('scan.jpg', 'png'), 'scan.jpg.png');
    assert.equal(downloadName('photo.jpeg', 'jpeg'), 'photo.jpeg');
  });
});

describe('JPEG metadata stripping', () => {
  it('removes EXIF GPS, XMP, IPTC, comments and the appended second image, keeps the orientation and the image data', () => {
    const original = jpegWithGps();
    assert.ok(original.includes(Buffer.from('GPSLatitude')), 'the test file carries GPS in XMP');
    const out = stripJpeg(original);
    const segments = jpegSegments(out);
    const markers = segments.map((s) => s.marker);
    assert.ok(!markers.includes(0xed) && !markers.includes(0xfe), 'no IPTC, no comment');
    assert.ok(!out.includes(Buffer.from('GPSLatitude')) && !out.includes(Buffer.from('Photoshop')) && !out.includes(Buffer.from('MPF\0')));
    const app1 = segments.filter((s) => s.marker === 0xe1);
    assert.equal(app1.length, 1, 'one EXIF block, written anew');
    const tiff = (app1[0] as { body: Buffer }).body.subarray(6);
    assert.equal(tiff.readUInt16BE(8), 1, 'IFD0 holds one entry');
    assert.equal(tiff.readUInt16BE(10), 0x0112, 'which is Orientation');
    assert.equal(tiff.readUInt16BE(18), 6);
    assert.equal(out.subarray(-2).toString('hex'), 'ffd9');
    assert.equal(out.indexOf(Buffer.from([0xff, 0xd8]), 2), -1, 'the appended image is gone');
    // the scan data is the original's, byte for byte
    const scan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    assert.ok(scan(out).equals(scan(plainJpeg())));
    if (djpeg) assert.ok(decode(out).equals(decode(plainJpeg())), 'decodes to the same pixels');
    if (exiftool) {
      const tags = exif(out, 'jpg');
      assert.deepEqual(
        Object.keys(tags).filter((k) => /GPS|XMP|IPTC|Photoshop|Comment|MPF/i.test(k)),
        [],
      );
      assert.equal(tags['IFD0:Orientation'], 'Rotate 90 CW');
      assert.equal(tags['ExifTool:Warning'], undefined);
      assert.ok(
        Object.keys(exif(original, 'jpg')).some((k) => k.startsWith('GPS:')),
        'exiftool sees GPS in the original',
      );
    }
  });

  it('handles a progressive JPEG (several scans) and writes no EXIF when the photo was upright', () => {
    const base = progressiveJpeg();
    const withExif = Buffer.concat([base.subarray(0, 20), Buffer.from([0xff, 0xfe, 0, 5, 0x61, 0x62, 0x63]), base.subarray(20)]);
    const out = stripJpeg(withExif);
    assert.ok(out.equals(base), 'exactly the file without the comment');
    if (djpeg) assert.ok(decode(out).equals(decode(base)));
  });

  it('refuses a JPEG that is cut before its image data or has a broken segment', () => {
    assert.equal(
      refusal(() => stripJpeg(plainJpeg().subarray(0, 30))),
      'damaged',
    );
    const broken = Buffer.from(plainJpeg());
    broken.writeUInt16BE(0xffff, 4); // APP0 length past the end
    assert.equal(
      refusal(() => stripJpeg(broken)),
      'damaged',
    );
  });
});

describe('PNG metadata stripping', () => {
  it('drops text, eXIf and tIME chunks and what follows IEND, keeping the pixels', () => {
    const out = stripPng(pngWithMetadata());
    for (const s of ['tEXt', 'iTXt', 'eXIf', 'tIME', 'GPS', 'trailing']) assert.equal(out.indexOf(Buffer.from(s)), -1, s);
    assert.ok(out.includes(Buffer.from('pHYs')) && out.includes(Buffer.from('IDAT')));
    assert.equal(out.subarray(-8, -4).toString('latin1'), 'IEND');
    const idat = out.indexOf(Buffer.from('IDAT'));
    const length = out.readUInt32BE(idat - 4);
    assert.ok(zlib.inflateSync(out.subarray(idat + 4, idat + 4 + length)).equals(PNG_ROWS));
    if (exiftool) {
      const tags = exif(out, 'png');
      assert.deepEqual(
        Object.keys(tags).filter((k) => !/^(ExifTool|System|File):/.test(k) && /GPS|XMP|Comment|ModifyDate|IFD0/i.test(k)),
        [],
      );
      assert.equal(tags['ExifTool:Warning'], undefined);
      assert.ok(
        Object.keys(exif(pngWithMetadata(), 'png')).some((k) => k.startsWith('GPS:')),
        'exiftool sees GPS in the original',
      );
    }
  });

  it('refuses a PNG without its end', () => {
    const png = pngWithMetadata();
    assert.equal(
      refusal(() => stripPng(png.subarray(0, png.indexOf(Buffer.from('IEND')) - 4))),
      'damaged',
    );
  });
});

describe('PDF checks', () => {
  it('accepts a plain PDF as it is (metadata kept, and said so)', () => {
    const file = pdf('/Metadata 9 0 R ', [Buffer.from('9 0 obj\n<< /Author (山田) >>\nendobj\n')]);
    const cleaned = cleanFile('pdf', file);
    assert.ok(cleaned.data.equals(file));
    assert.equal(cleaned.metadataStripped, false);
  });

  it('refuses JavaScript, launch actions and embedded files, also when the name is #-escaped or compressed in an object stream', () => {
    assert.equal(
      refusal(() => checkPdf(pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >> '))),
      'pdf_active',
    );
    assert.equal(
      refusal(() => checkPdf(pdf('/OpenAction << /S /J#61vaScr#69pt /J#53 (x) >> '))),
      'pdf_active',
    );
    assert.equal(
      refusal(() => checkPdf(pdf('/OpenAction << /S /Launch /F (cmd.exe) >> '))),
      'pdf_active',
    );
    assert.equal(
      refusal(() => checkPdf(pdf('/Names << /EmbeddedFiles 5 0 R >> '))),
      'pdf_active',
    );
    const hidden = zlib.deflateSync(Buffer.from('5 0 << /S /JavaScript /JS (app.alert(1)) >>'));
    assert.equal(
      refusal(() => checkPdf(pdf('', [pdfStream(4, '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', hidden)]))),
      'pdf_active',
    );
  });

  it('refuses an encrypted PDF, and does not mistake image bytes for a name', () => {
    assert.equal(
      refusal(() => checkPdf(pdf('', [], '/Encrypt 7 0 R '))),
      'pdf_encrypted',
    );
    const image = Buffer.concat([Buffer.alloc(100, 0x80), Buffer.from(' /JS /Launch '), Buffer.alloc(100, 0x81)]);
    assert.equal(
      refusal(() => checkPdf(pdf('', [pdfStream(4, '/Type /XObject /Subtype /Image /Filter /DCTDecode', image)]))),
      'accepted',
    );
  });
});
