/**
 * The receipt (申請控え) as a PDF (pdfkit, Noto Sans CJK as the card letters use): 整理番号, the
 * procedure, when it was submitted (Japan time, 和暦 in Japanese), every answer (files by name only;
 * sensitive answers too: it is the applicant's own copy), the fee, and a QR code of the status page.
 * The QR code and the text hold the page's address WITHOUT the secret token: a printed copy left on a
 * desk must not open the application; the secret stays in the e-mail.
 */
import fs from 'node:fs';
import { loadPdfKit } from '../../../platform/pdfkit.js';
import QRCode from 'qrcode';
import type { AppContext } from '../../../platform/context.js';
import { displayAnswer, isFieldVisible } from '../procedures/index.js';
import { allFields } from '../procedures/definition.js';
import { citizenDateTime, titleOf } from './confirmation-mail.js';
import type { ApplicationView } from './read-application.js';
import { receiptMessages } from './receipt.messages.js';
import { displayReference } from './reference-number.js';

const MM = 72 / 25.4;
// The font the card letters use (Debian's fonts-noto-cjk), read from the same place.
const FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_NAME = 'NotoSansCJKjp-Regular';

const loc = (text: { ja: string; en?: string }, lang: 'ja' | 'en') => (lang === 'en' && text.en) || text.ja;

/** Each visible answer as label and text (files by name, choices by label, dates as the field shows them). */
function answerRows(v: ApplicationView): { label: string; value: string }[] {
  const t = receiptMessages.in(v.lang);
  return allFields(v.definition)
    .filter((f) => isFieldVisible(f, v.answers) && v.answers[f.key] !== undefined)
    .map((f) => {
      const value = v.answers[f.key];
      const text =
        f.type === 'file'
          ? [value]
              .flat()
              .map((id) => t('attached', { name: v.files[String(id)] ?? String(id) }))
              .join(' ')
          : displayAnswer(f, value, v.lang);
      return { label: loc(f.label, v.lang), value: text };
    });
}

/** 300円 × 2通 = 600円, or the amount. */
function feeText(v: ApplicationView): string {
  const t = receiptMessages.in(v.lang);
  const fee = v.definition.fee;
  const amount = (v.feeAmount ?? 0).toLocaleString('ja-JP');
  if (fee?.kind === 'per_unit' && v.feeQuantity)
    return t('feePerUnit', {
      price: fee.unitPrice.toLocaleString('ja-JP'),
      quantity: v.feeQuantity,
      unit: loc(fee.unitLabel, v.lang),
      amount,
    });
  return t('yen', { amount });
}

/** The status page's address without the secret (what the QR code holds). */
export const publicStatusUrl = (ctx: AppContext, referenceNumber: string) => `${ctx.config.publicBaseUrl}/applications/${referenceNumber}`;

export async function receiptPdf(ctx: AppContext, v: ApplicationView): Promise<Buffer> {
  if (!fs.existsSync(FONT_PATH)) throw new Error(`The Japanese font is missing: ${FONT_PATH} (apt-get install fonts-noto-cjk)`);
  const lang = v.lang;
  const t = receiptMessages.in(lang);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 18 * MM, info: { Title: `${t('title')} ${v.referenceNumber}`, Author: 'madoguchi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('jp', FONT_PATH, FONT_NAME);
  doc.font('jp');
  const url = publicStatusUrl(ctx, v.referenceNumber);
  const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  doc.image(qr, 160 * MM, 15 * MM, { width: 32 * MM });
  doc.fontSize(18).text(t('title'), 18 * MM, 18 * MM);
  doc.moveDown(0.5);
  doc.fontSize(11).text(`${t('reference')}: ${displayReference(v.referenceNumber)}`);
  doc.text(`${t('procedure')}: ${titleOf(v.definition, lang)}`, { width: 135 * MM });
  doc.text(`${t('submittedAt')}: ${citizenDateTime(v.submittedAt, lang)}`);
  if (v.feeAmount) doc.text(`${t('fee')}: ${feeText(v)}`);
  doc.moveDown();
  doc.fontSize(13).text(t('answers'));
  doc.moveDown(0.3);
  doc.fontSize(10);
  for (const row of answerRows(v)) {
    doc.text(`${row.label}`, { continued: false });
    doc.text(`　${row.value}`, { indent: 4 * MM });
    doc.moveDown(0.2);
  }
  doc.moveDown();
  doc.fontSize(9).text(t('qrCaption', { url }));
  doc.moveDown(0.5);
  doc.text(t('notice'));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
