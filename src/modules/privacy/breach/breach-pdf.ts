/**
 * The PPC leak report draft as a PDF (A4, pdfkit, Noto Sans CJK as the receipts and the card letters use,
 * from Debian's fonts-noto-cjk): the title, then each section's heading and lines; placeholders to complete
 * stay visible in the text.
 */
import fs from 'node:fs';
import { loadPdfKit } from '../../../platform/pdfkit.js';
import type { BreachReport } from './breach-report.js';

const MM = 72 / 25.4;
const FONT_DIR = '/usr/share/fonts/opentype/noto';
const REGULAR = { path: `${FONT_DIR}/NotoSansCJK-Regular.ttc`, name: 'NotoSansCJKjp-Regular' };
const BOLD = { path: `${FONT_DIR}/NotoSansCJK-Bold.ttc`, name: 'NotoSansCJKjp-Bold' };

export async function breachReportPdf(report: BreachReport): Promise<Buffer> {
  if (!fs.existsSync(REGULAR.path)) throw new Error(`The Japanese font is missing: ${REGULAR.path} (apt-get install fonts-noto-cjk)`);
  const bold = fs.existsSync(BOLD.path) ? BOLD : REGULAR;
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 20 * MM, info: { Title: report.title, Author: 'madoguchi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('jp', REGULAR.path, REGULAR.name);
  doc.registerFont('jp-bold', bold.path, bold.name);
  doc.font('jp-bold').fontSize(16).text(report.title, { align: 'center' });
  doc.moveDown();
  report.sections.forEach((s, i) => {
    doc
      .font('jp-bold')
      .fontSize(12)
      .text(`${i + 1}. ${s.heading}`);
    doc.moveDown(0.2);
    doc.font('jp').fontSize(10);
    for (const line of s.lines) doc.text(line, { indent: 4 * MM, paragraphGap: 2 });
    doc.moveDown(0.6);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
