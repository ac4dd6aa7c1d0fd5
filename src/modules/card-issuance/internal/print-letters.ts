/**
 * Letters (交付案内) as one print-ready A4 PDF, one page per card: address block, reservation id,
 * password (under the 'random' policy the generated password; under the birthday policy only the
 * guidance "誕生日4桁", never the birthday itself), booking URL and its QR code, shipping number for
 * telephone booking, the pickup deadline and the office's contact (telephone, hours).
 *
 * Two operations: `previewLetters` only renders (no state change; audited as a view of personal
 * data), `printLetters` renders the cards a person confirmed (their ids and count, from
 * `selectLetterCards`) and marks exactly those as printed and "letter sent", with one audit record
 * naming the cards (ids only). If the cards changed since the confirmation, nothing is marked.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadPdfKit } from '../../../platform/pdfkit.js';
import QRCode from 'qrcode';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { formatDateLong, jstDate } from '../../../platform/japan-time.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { formatReservationId, normaliseReservationId } from '../shared/normalise.js';
import { getCardContact, type CardContact } from './card-contact-settings.js';
import { getCardDeadlines, type CardDeadlines } from './card-deadlines.js';
import { decryptPersonal, decryptText } from './card-personal.js';
import type { CardSettings } from './card-settings.js';
import { LETTER_STATES, type CardState } from './card-states.js';
import { logStates } from './import-bookings.js';
import { letterMessages } from './letters.messages.js';

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

/** Cards by id, by control number (as typed: any width, with or without the hyphen), or those never printed. */
export type LetterSelection = { cardIds: string[] } | { controlNos: string[] } | { unprinted: true; limit?: number };

type CardRow = {
  id: string;
  control_no: string;
  shipping_no: string;
  state: CardState;
  personal_enc: string;
  password_policy: 'birthday' | 'random';
  password_enc: string | null;
  letter_sent_at: Date | null;
};
type Actor = { actor: AuditActor; clientIp?: string | null; requestId?: string | null };

const COLUMNS = 'id, control_no, shipping_no, state, personal_enc, password_policy, password_enc, letter_sent_at';

async function selectRows(q: Queryable, departmentId: string, sel: LetterSelection, lock: boolean): Promise<CardRow[]> {
  const forUpdate = lock ? 'FOR UPDATE' : '';
  if ('unprinted' in sel)
    return (
      await q.query<CardRow>(
        `SELECT ${COLUMNS} FROM card_int_cards WHERE department_id = $1 AND letter_printed_at IS NULL AND state = ANY($2::text[])
       ORDER BY control_no LIMIT $3 ${forUpdate}`,
        [departmentId, LETTER_STATES, Math.max(1, Math.min(sel.limit ?? MAX_LETTERS_PER_PDF, MAX_LETTERS_PER_PDF))],
      )
    ).rows;
  const [match, values] =
    'cardIds' in sel
      ? ['id = ANY($2::uuid[])', sel.cardIds.filter((x) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(x))]
      : ['control_no = ANY($2::text[])', sel.controlNos.map(normaliseReservationId).filter(Boolean)];
  return (
    await q.query<CardRow>(
      `SELECT ${COLUMNS} FROM card_int_cards WHERE department_id = $1 AND ${match} AND state = ANY($3::text[])
     ORDER BY control_no LIMIT $4 ${forUpdate}`,
      [departmentId, values.slice(0, MAX_LETTERS_PER_PDF), LETTER_STATES, MAX_LETTERS_PER_PDF],
    )
  ).rows;
}

/** The cards a selection names (that can get a letter), for the confirmation step: ids and control numbers only. */
export async function selectLetterCards(
  ctx: AppContext,
  settings: CardSettings,
  selection: LetterSelection,
): Promise<{ id: string; controlNo: string }[]> {
  return (await selectRows(ctx.db, settings.departmentId, selection, false)).map((c) => ({ id: c.id, controlNo: c.control_no }));
}

/** Renders the letters of a selection without changing anything; audited as a view of personal data. */
export async function previewLetters(
  ctx: AppContext,
  o: Actor & { settings: CardSettings; selection: LetterSelection },
): Promise<{ pdf: Buffer; count: number }> {
  if (!fs.existsSync(LETTER_FONT_PATH)) throw new LetterFontMissingError();
  const cards = await selectRows(ctx.db, o.settings.departmentId, o.selection, false);
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.letters.preview',
        departmentId: o.settings.departmentId,
        recordType: 'card_letters',
        recordId: letterSetId(cards.map((c) => c.id)),
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { count: cards.length },
      },
      now,
    ),
  );
  if (cards.length === 0) return { pdf: Buffer.alloc(0), count: 0 };
  return {
    pdf: await renderLetters(ctx, o.settings, cards, await letterExtras(ctx.db, o.settings.departmentId), now),
    count: cards.length,
  };
}

export type PrintResult = { ok: true; pdf: Buffer; count: number } | { ok: false; reason: 'changed'; count: number };

/**
 * Prints the confirmed cards and marks exactly those as sent. `expectedCount` is the count the person
 * confirmed: when fewer of the cards can still get a letter (issued or destroyed meanwhile), nothing
 * is marked and the person confirms again.
 */
export async function printLetters(
  ctx: AppContext,
  o: Actor & { settings: CardSettings; cardIds: string[]; expectedCount: number },
): Promise<PrintResult> {
  if (!fs.existsSync(LETTER_FONT_PATH)) throw new LetterFontMissingError();
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const cards = await selectRows(tx, o.settings.departmentId, { cardIds: [...new Set(o.cardIds)] }, true);
    if (cards.length === 0 || cards.length !== o.expectedCount)
      return { ok: false as const, reason: 'changed' as const, count: cards.length };
    const pdf = await renderLetters(ctx, o.settings, cards, await letterExtras(tx, o.settings.departmentId), now);
    const ids = cards.map((c) => c.id);
    await tx.query(
      `UPDATE card_int_cards SET letter_printed_at = $1, letter_print_count = letter_print_count + 1,
         letter_sent_at = CASE WHEN state = 'letter_sent' THEN letter_sent_at ELSE $1 END,
         state_changed_at = CASE WHEN state = 'letter_sent' THEN state_changed_at ELSE $1 END,
         state = 'letter_sent'
       WHERE id = ANY($2::uuid[]) AND department_id = $3`,
      [now, ids, o.settings.departmentId],
    );
    const moved = cards.filter((c) => c.state !== 'letter_sent');
    await logStates(
      tx,
      o.settings.departmentId,
      moved.map((c) => ({ id: c.id, from: c.state })),
      'letter_sent',
      now,
      'letters',
    );
    const sorted = [...ids].sort();
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'card.letters.print',
        departmentId: o.settings.departmentId,
        recordType: 'card_letters',
        recordId: letterSetId(ids),
        clientIp: o.clientIp,
        requestId: o.requestId,
        detail: { count: ids.length, cardIds: ids.length <= 1000 ? sorted : undefined },
      },
      now,
    );
    return { ok: true as const, pdf, count: cards.length };
  });
}

const letterSetId = (ids: string[]) =>
  crypto
    .createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 32);

type Extras = { contact: CardContact; deadlines: CardDeadlines };
async function letterExtras(q: Queryable, departmentId: string): Promise<Extras> {
  return {
    contact: (await getCardContact(q, departmentId)) ?? { contactOffice: '', contactPhone: '', contactHours: '' },
    deadlines: (await getCardDeadlines(q, departmentId)) ?? { noticeDeadlineDays: 90, renoticeDeadlineDays: 60 },
  };
}

/** The pickup deadline a letter printed at `now` states, by the same rule as the overdue list (card-deadlines.ts). */
export function letterDeadline(card: { state: CardState; letter_sent_at: Date | null }, d: CardDeadlines, now: Date): Date {
  const day = 86_400_000;
  if (card.state === 'letter_sent' && card.letter_sent_at) return new Date(card.letter_sent_at.getTime() + d.noticeDeadlineDays * day);
  return new Date(now.getTime() + (card.letter_sent_at ? d.renoticeDeadlineDays : d.noticeDeadlineDays) * day);
}

const MM = 72 / 25.4;

/**
 * The largest font size (from `max` down to `min`) at which `text` fits `width` within `maxHeight`;
 * at `min` it wraps. Long names and addresses shrink inside their box instead of running under the
 * QR code or off the addressee block.
 */
function fitFontSize(
  doc: PDFKit.PDFDocument,
  text: string,
  o: { width: number; maxHeight: number; max: number; min: number; oneLine?: boolean },
): number {
  for (let size = o.max; size > o.min; size -= 0.5) {
    doc.fontSize(size);
    const fits = o.oneLine ? doc.widthOfString(text) <= o.width : doc.heightOfString(text, { width: o.width }) <= o.maxHeight;
    if (fits) return size;
  }
  return o.min;
}

/** The letter is Japanese only (letters.messages.ts says why). */
const LETTER_LANG = 'ja';
const t = letterMessages.in(LETTER_LANG);
const jpDate = (d: Date) => formatDateLong(jstDate(d), LETTER_LANG);

async function renderLetters(ctx: AppContext, s: CardSettings, cards: CardRow[], extras: Extras, now: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 20 * MM, info: { Title: t('documentTitle'), Author: 'madoguchi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('jp', LETTER_FONT_PATH, LETTER_FONT_NAME);
  const base = s.bookingUrl || `${ctx.config.publicBaseUrl}/card`;
  const { contact } = extras;
  // The addressee block: left of the QR code (which starts at 150 mm), above the title (80 mm).
  const block = { x: 25 * MM, width: 115 * MM, bottom: 76 * MM };
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i] as CardRow;
    if (i > 0) doc.addPage();
    const p = decryptPersonal(ctx.crypto, c.personal_enc);
    const id = formatReservationId(c.control_no);
    const url = `${base}${base.includes('?') ? '&' : '?'}id=${encodeURIComponent(id)}`;
    const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
    doc
      .font('jp')
      .fontSize(10)
      .text(t('postalCode', { code: p.postalCode ? `${p.postalCode.slice(0, 3)}-${p.postalCode.slice(3)}` : '' }), block.x, 25 * MM, {
        width: block.width,
      });
    const addressSize = fitFontSize(doc, p.address, { width: block.width, maxHeight: 20 * MM, max: 12, min: 8 });
    doc.fontSize(addressSize).text(p.address, block.x, doc.y, { width: block.width });
    const addressee = t('addressee', { name: p.name });
    const nameTop = doc.y + 2 * MM;
    const oneLine = fitFontSize(doc, addressee, { width: block.width, maxHeight: 0, max: 16, min: 10, oneLine: true });
    const nameSize =
      doc.fontSize(oneLine).widthOfString(addressee) <= block.width
        ? oneLine
        : fitFontSize(doc, addressee, { width: block.width, maxHeight: block.bottom - nameTop, max: 10, min: 7 });
    doc.fontSize(nameSize).text(addressee, block.x, nameTop, { width: block.width, height: block.bottom - nameTop });
    doc.image(qr, 150 * MM, 22 * MM, { width: 35 * MM });
    doc.fontSize(8).text(t('qrCaption'), 150 * MM, 58 * MM, { width: 35 * MM, align: 'center' });
    doc.fontSize(18).text(t('heading'), 20 * MM, 80 * MM, { width: 170 * MM, align: 'center' });
    doc
      .moveDown(1)
      .fontSize(11)
      .text(t('intro'), 20 * MM, doc.y, { width: 170 * MM });
    doc.moveDown(1);
    const y = doc.y;
    doc.rect(20 * MM, y, 170 * MM, 42 * MM).stroke();
    doc.fontSize(11).text(t('loginId'), 25 * MM, y + 5 * MM);
    doc.fontSize(20).text(id, 65 * MM, y + 3 * MM);
    doc.fontSize(11).text(t('password'), 25 * MM, y + 16 * MM);
    if (c.password_policy === 'random')
      doc.fontSize(20).text(decryptText(ctx.crypto, c.password_enc as string, 'password'), 65 * MM, y + 14 * MM);
    else doc.fontSize(12).text(t('birthdayPassword'), 65 * MM, y + 16 * MM, { width: 120 * MM });
    doc.fontSize(11).text(t('bookingSite'), 25 * MM, y + 30 * MM);
    doc.fontSize(10).text(url, 65 * MM, y + 30 * MM, { width: 120 * MM });
    doc
      .fontSize(12)
      .text(t('deadline', { date: jpDate(letterDeadline(c, extras.deadlines, now)) }), 20 * MM, y + 47 * MM, { width: 170 * MM });
    doc
      .moveDown(0.5)
      .fontSize(10)
      .text(t('byPhone', { shippingNo: c.shipping_no }), { width: 170 * MM });
    doc.moveDown(0.5).text(t('bring'), { width: 170 * MM });
    const lines = [
      contact.contactOffice,
      contact.contactPhone ? t('contactPhone', { phone: contact.contactPhone }) : '',
      contact.contactHours ? t('contactHours', { hours: contact.contactHours }) : '',
    ].filter(Boolean);
    if (lines.length)
      doc
        .moveDown(1)
        .fontSize(11)
        .text(t('contact', { contact: lines.join(t('contactSeparator')) }), 20 * MM, doc.y, { width: 170 * MM });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
