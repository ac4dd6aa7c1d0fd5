/**
 * Letters (交付案内) as one print-ready A4 PDF, one page per card: address block, reservation id,
 * password (under the 'random' policy the generated password; under the birthday policy only the
 * guidance "誕生日4桁", never the birthday itself), booking URL and its QR code, shipping number for
 * telephone booking. Printing is logged: letter_printed_at and a count per card, the state moves to
 * "letter sent", and one audit record names the cards (ids only).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { formatReservationId } from '../shared/normalise.js';
import { decryptPersonal, decryptText } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { LETTER_STATES, type CardState } from './card-states.js';
import { logStates } from './import-bookings.js';

export const LETTER_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const LETTER_FONT_NAME = 'NotoSansCJKjp-Regular';
export const MAX_LETTERS_PER_PDF = 2000;

export class LetterFontMissingError extends Error {
  constructor() {
    super(
      `The Japanese font for letters is missing: ${LETTER_FONT_PATH}. Install the Debian package fonts-noto-cjk (apt-get install fonts-noto-cjk).`,
    );
  }
}

export type LetterSelection = { cardIds: string[] } | { unprinted: true; limit?: number };

type CardRow = {
  id: string;
  control_no: string;
  shipping_no: string;
  state: CardState;
  personal_enc: string;
  password_policy: 'birthday' | 'random';
  password_enc: string | null;
};

export async function printLetters(
  ctx: AppContext,
  o: { settings: CardSettings; selection: LetterSelection; actor: AuditActor; clientIp?: string | null; requestId?: string | null },
): Promise<{ pdf: Buffer; count: number }> {
  if (!fs.existsSync(LETTER_FONT_PATH)) throw new LetterFontMissingError();
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const sel = o.selection;
    const r =
      'cardIds' in sel
        ? await tx.query<CardRow>(
            `SELECT id, control_no, shipping_no, state, personal_enc, password_policy, password_enc FROM card_int_cards
             WHERE department_id = $1 AND id = ANY($2::uuid[]) AND state = ANY($3::text[]) ORDER BY control_no FOR UPDATE`,
            [o.settings.departmentId, sel.cardIds.slice(0, MAX_LETTERS_PER_PDF), LETTER_STATES],
          )
        : await tx.query<CardRow>(
            `SELECT id, control_no, shipping_no, state, personal_enc, password_policy, password_enc FROM card_int_cards
             WHERE department_id = $1 AND letter_printed_at IS NULL AND state = ANY($2::text[]) ORDER BY control_no LIMIT $3 FOR UPDATE`,
            [o.settings.departmentId, LETTER_STATES, Math.min(sel.limit ?? MAX_LETTERS_PER_PDF, MAX_LETTERS_PER_PDF)],
          );
    const cards = r.rows;
    if (cards.length === 0) return { pdf: Buffer.alloc(0), count: 0 };
    const pdf = await renderLetters(ctx, o.settings, cards);
    const ids = cards.map((c) => c.id);
    await tx.query(
      `UPDATE card_int_cards SET letter_printed_at = $1, letter_print_count = letter_print_count + 1,
         letter_sent_at = CASE WHEN state = 'letter_sent' THEN letter_sent_at ELSE $1 END,
         state_changed_at = CASE WHEN state = 'letter_sent' THEN state_changed_at ELSE $1 END,
         state = 'letter_sent'
       WHERE id = ANY($2::uuid[])`,
      [now, ids],
    );
    const moved = cards.filter((c) => c.state !== 'letter_sent');
    await logStates(tx, o.settings.departmentId, moved.map((c) => ({ id: c.id, from: c.state })), 'letter_sent', now, 'letters');
    const sorted = [...ids].sort();
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.letters.print',
        departmentId: o.settings.departmentId,
        recordType: 'card_letters',
        recordId: crypto.createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 32),
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { count: ids.length, cardIds: ids.length <= 1000 ? sorted : undefined },
      },
      now,
    );
    return { pdf, count: cards.length };
  });
}

const MM = 72 / 25.4;

async function renderLetters(ctx: AppContext, s: CardSettings, cards: CardRow[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 20 * MM, info: { Title: '交付案内', Author: 'madoguchi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('jp', LETTER_FONT_PATH, LETTER_FONT_NAME);
  const base = s.bookingUrl || `${ctx.config.publicBaseUrl}/card`;
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i] as CardRow;
    if (i > 0) doc.addPage();
    const p = decryptPersonal(ctx.crypto, c.personal_enc);
    const id = formatReservationId(c.control_no);
    const url = `${base}${base.includes('?') ? '&' : '?'}id=${encodeURIComponent(id)}`;
    const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
    doc.font('jp').fontSize(10).text(`〒${p.postalCode ? `${p.postalCode.slice(0, 3)}-${p.postalCode.slice(3)}` : ''}`, 25 * MM, 25 * MM);
    doc.fontSize(12).text(p.address, { width: 100 * MM });
    doc.moveDown(0.5).fontSize(16).text(`${p.name}　様`);
    doc.image(qr, 150 * MM, 22 * MM, { width: 35 * MM });
    doc.fontSize(8).text('予約サイト', 150 * MM, 58 * MM, { width: 35 * MM, align: 'center' });
    doc.fontSize(18).text('マイナンバーカード交付予約のご案内', 20 * MM, 80 * MM, { width: 170 * MM, align: 'center' });
    doc.moveDown(1).fontSize(11).text(
      'マイナンバーカードの準備ができました。受け取りの予約を、下記の予約サイトから行ってください。ご家族の分もまとめて予約できます（各人の予約番号とパスワードが必要です）。',
      { width: 170 * MM },
    );
    doc.moveDown(1);
    const y = doc.y;
    doc.rect(20 * MM, y, 170 * MM, 42 * MM).stroke();
    doc.fontSize(11).text('予約番号', 25 * MM, y + 5 * MM);
    doc.fontSize(20).text(id, 65 * MM, y + 3 * MM);
    doc.fontSize(11).text('パスワード', 25 * MM, y + 16 * MM);
    if (c.password_policy === 'random') doc.fontSize(20).text(decryptText(ctx.crypto, c.password_enc as string, 'password'), 65 * MM, y + 14 * MM);
    else doc.fontSize(12).text('誕生日4桁（生まれた月日を半角数字4桁で。例：4月1日生まれの方は 0401）', 65 * MM, y + 16 * MM, { width: 120 * MM });
    doc.fontSize(11).text('予約サイト', 25 * MM, y + 30 * MM);
    doc.fontSize(10).text(url, 65 * MM, y + 30 * MM, { width: 120 * MM });
    doc.fontSize(10).text(
      `電話で予約される場合は、予約番号と発送番号（${c.shipping_no}）をお伝えください。`,
      20 * MM, y + 48 * MM, { width: 170 * MM },
    );
    doc.moveDown(1).text('受け取りの際は、同封の交付通知書と本人確認書類をお持ちください。', { width: 170 * MM });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
