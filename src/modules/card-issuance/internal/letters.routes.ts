/**
 * Card letters under /staff/card/letters: a preview PDF (nothing changes; audited as a view), and
 * "print and mark sent" in two steps — choose the cards (the unprinted ones, or typed control
 * numbers), see how many and which, then confirm: only the confirmed cards are printed and marked.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { csrfField, renderStaffPage } from '../../staff/index.js';
import { formatReservationId } from '../shared/normalise.js';
import { audit, field, officeOf } from '../staff-office.js';
import { MAX_LETTERS_PER_PDF, previewLetters, printLetters, selectLetterCards, type LetterSelection } from './print-letters.js';

type L = 'ja' | 'en';
const t = (lang: L, ja: string, en: string) => (lang === 'ja' ? ja : en);
const SHOWN = 100;

/** The selection a form or query names: typed control numbers (one per line, or separated by commas or spaces) or the unprinted cards. */
export function letterSelectionOf(values: { mode?: string; numbers?: string; limit?: string }): LetterSelection | 'no_numbers' {
  if (values.mode === 'numbers') {
    const controlNos = (values.numbers ?? '').split(/[\s,、，]+/).filter(Boolean);
    return controlNos.length ? { controlNos } : 'no_numbers';
  }
  const limit = Number((values.limit ?? '').normalize('NFKC').trim());
  return { unprinted: true, limit: Number.isInteger(limit) && limit > 0 ? limit : undefined };
}

/** The section on the card dashboard. */
export function lettersSection(req: FastifyRequest, unprinted: number): SafeHtml {
  const lang = req.lang;
  return html`<section class="card" id="letters"><h2>${t(lang, '交付案内の印刷', 'Print letters')}</h2>
<p>${t(lang, `未印刷: ${unprinted}件（1回に最大${MAX_LETTERS_PER_PDF.toLocaleString()}件）`, `Not yet printed: ${unprinted} (at most ${MAX_LETTERS_PER_PDF.toLocaleString()} per PDF)`)}</p>
<p class="hint">${t(lang, '「プレビュー」はPDFを表示するだけで、カードの状態は変わりません。「印刷して発送済みにする」は、対象の件数を確認してから、そのカードだけを「通知書発送済」にします。', '"Preview" only shows the PDF; no card changes. "Print and mark sent" shows how many cards it will mark and marks only those once you confirm.')}</p>
<form method="post" action="/staff/card/letters/preview" class="letters-form">${csrfField(req)}
${selectionFields(lang, 'pv')}
<button type="submit" class="button button--secondary">${t(lang, 'プレビュー（PDF）', 'Preview (PDF)')}</button>
<button type="submit" class="button" formaction="/staff/card/letters/confirm">${t(lang, '印刷して発送済みにする…', 'Print and mark sent…')}</button>
</form></section>`;
}

function selectionFields(lang: L, id: string): SafeHtml {
  return html`<fieldset class="form-field"><legend>${t(lang, '対象', 'Cards')}</legend>
<label><input type="radio" name="mode" value="unprinted" checked> ${t(lang, '未印刷のカード（製造管理番号順）', 'Cards not yet printed (by control number)')}</label>
<label><input type="radio" name="mode" value="numbers"> ${t(lang, '製造管理番号を指定', 'The control numbers below')}</label></fieldset>
<div class="form-field"><label for="${id}-limit">${t(lang, '件数の上限（未印刷のカード）', 'At most (cards not yet printed)')}</label><input id="${id}-limit" name="limit" type="number" min="1" max="${MAX_LETTERS_PER_PDF}" inputmode="numeric"></div>
<div class="form-field"><label for="${id}-numbers">${t(lang, '製造管理番号（1行に1件）', 'Control numbers (one per line)')}</label><textarea id="${id}-numbers" name="numbers" rows="3"></textarea></div>`;
}

export function registerLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const staff = { config: { auth: 'staff' as const } };
  const page = (req: FastifyRequest, title: string, main: SafeHtml) => renderStaffPage(req, { title, main, active: 'card' });
  const noNumbers = () => errors.validation([{ field: 'numbers', message: { ja: '製造管理番号を入力してください。', en: 'Enter the control numbers.' } }]);
  const nothing = (req: FastifyRequest) =>
    page(req, t(req.lang, '交付案内', 'Letters'), html`<h1 class="page-title">${t(req.lang, '交付案内', 'Letters')}</h1>
<div class="notice notice--warning" role="status"><p>${t(req.lang, '対象の交付案内はありません（印刷済み・交付済み・廃棄済みのカード、他の所属のカードは対象外です）。', 'No letters match (cards already issued or destroyed, and other departments\' cards, are left out).')}</p></div>
<p><a href="/staff/card">${t(req.lang, 'カード交付管理に戻る', 'Back to card issuance')}</a></p>`);

  // A POST (the selection can be 2,000 ids) that changes nothing but writes its audit record.
  app.post('/staff/card/letters/preview', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const ids = field(req, 'cardIds');
    const selection = ids ? { cardIds: ids.split(',') } : letterSelectionOf({ mode: field(req, 'mode'), numbers: field(req, 'numbers'), limit: field(req, 'limit') });
    if (selection === 'no_numbers') throw noNumbers();
    const r = await previewLetters(ctx, { settings: office, selection, ...audit(req) });
    if (r.count === 0) return reply.type('text/html; charset=utf-8').send(nothing(req));
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `inline; filename="card-letters-preview-${ctx.clock.now().toISOString().slice(0, 10)}.pdf"`)
      .send(r.pdf);
  });

  app.post('/staff/card/letters/confirm', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const selection = letterSelectionOf({ mode: field(req, 'mode'), numbers: field(req, 'numbers'), limit: field(req, 'limit') });
    if (selection === 'no_numbers') throw noNumbers();
    const cards = await selectLetterCards(ctx, office, selection);
    if (cards.length === 0) return reply.type('text/html; charset=utf-8').send(nothing(req));
    const ids = cards.map((c) => c.id).join(',');
    const title = t(lang, '交付案内の印刷の確認', 'Confirm printing letters');
    return reply.type('text/html; charset=utf-8').send(page(req, title, html`<h1 class="page-title">${title}</h1>
<div class="notice notice--warning" role="status"><p><strong>${t(lang, `${cards.length}件の交付案内を印刷し、そのカードを「通知書発送済」にします。`, `${cards.length} letters will be printed and these cards marked "letter sent".`)}</strong></p>
<p>${t(lang, '受取期限はこの日から計算されます。まずプレビューで内容を確かめてください。', 'Pickup deadlines count from today. Check the preview first.')}</p></div>
<form method="post" action="/staff/card/letters/preview">${csrfField(req)}<input type="hidden" name="cardIds" value="${ids}"><button type="submit" class="button button--secondary">${t(lang, 'この対象のプレビュー（PDF）', 'Preview these letters (PDF)')}</button></form>
<ul class="letter-list">${cards.slice(0, SHOWN).map((c) => html`<li>${formatReservationId(c.controlNo)}</li>`)}</ul>
${cards.length > SHOWN ? html`<p>${t(lang, `ほか${cards.length - SHOWN}件`, `and ${cards.length - SHOWN} more`)}</p>` : ''}
<form method="post" action="/staff/card/letters">${csrfField(req)}<input type="hidden" name="cardIds" value="${ids}"><input type="hidden" name="count" value="${String(cards.length)}">
<button type="submit" class="button">${t(lang, `${cards.length}件を印刷して発送済みにする`, `Print ${cards.length} and mark sent`)}</button></form>
<p><a href="/staff/card">${t(lang, 'やめて戻る', 'Cancel and go back')}</a></p>`));
  });

  app.post('/staff/card/letters', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const cardIds = field(req, 'cardIds').split(',').filter(Boolean);
    const count = Number(field(req, 'count'));
    if (!cardIds.length || !Number.isInteger(count) || count < 1)
      throw errors.validation([{ field: 'cardIds', message: { ja: '印刷する交付案内を選び、件数を確認してから印刷してください。', en: 'Choose the letters and confirm their count before printing.' } }]);
    const r = await printLetters(ctx, { settings: office, cardIds, expectedCount: count, ...audit(req) });
    if (!r.ok)
      throw errors.conflict('letters_changed', {
        ja: `確認した${count}件のうち、印刷できるのは${r.count}件になりました（交付・廃棄などで状態が変わりました）。何も変更していません。もう一度対象を選んでください。`,
        en: `Of the ${count} confirmed cards, ${r.count} can still get a letter (their state changed). Nothing was changed; choose the cards again.`,
      });
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="card-letters-${ctx.clock.now().toISOString().slice(0, 10)}.pdf"`)
      .send(r.pdf);
  });
}
