/** Staff pages for 廃棄予定 (cards due for destruction) and the bulk confirmation, under /staff/card/destruction. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { formatJstDayNumeric } from '../../../platform/japan-time.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { recordAudit } from '../../audit/index.js';
import { csrfField, renderStaffPage } from '../../staff/index.js';
import { formatReservationId } from '../shared/normalise.js';
import { assertCan, can } from '../card.policy.js';
import { audit, field, officeOf } from '../staff-office.js';
import { confirmDestruction, countDueForDestruction, DESTRUCTION_PAGE_SIZE, dueForDestruction } from './card-destruction.js';
import { getCardLifecycle } from './card-lifecycle-settings.js';

type L = 'ja' | 'en';
const t = (lang: L, ja: string, en: string) => (lang === 'ja' ? ja : en);
const day = (d: Date | null) => (d ? formatJstDayNumeric(d) : '—');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function notice(kind: 'success' | 'error' | 'warning', text: string): SafeHtml {
  return html`<div class="notice notice--${kind}" role="${kind === 'error' ? 'alert' : 'status'}"><p>${text}</p></div>`;
}

export function registerDestructionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const staff = { config: { auth: 'staff' as const } };

  const listPage = async (req: FastifyRequest, message?: SafeHtml) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    const lang = req.lang;
    const now = ctx.clock.now();
    const s = (await getCardLifecycle(ctx.db, office.departmentId))!;
    const total = await countDueForDestruction(ctx.db, office.departmentId, now);
    const cards = await dueForDestruction(ctx.db, office.departmentId, now);
    await ctx.db.transaction((tx) =>
      recordAudit(tx, { ...audit(req), action: 'card.destruction.list', departmentId: office.departmentId, recordType: 'card', detail: { count: total } }, now),
    );
    const title = t(lang, '廃棄予定のカード', 'Cards due for destruction');
    const mayConfirm = can(actor, 'confirm-destruction', office.departmentId);
    return renderStaffPage(req, {
      title,
      active: 'card',
      main: html`<h1 class="page-title">${title}</h1>${message ?? ''}
<p>${t(
        lang,
        `未受取になってから${s.destroyAfterDays}日を過ぎ、かつカードの到着から${s.destroyMinDaysAfterReceipt}日を過ぎたカードです。自動では廃棄しません。裁断などで廃棄したカードを選んで確定してください。`,
        `Cards uncollected for more than ${s.destroyAfterDays} days that arrived more than ${s.destroyMinDaysAfterReceipt} days ago. Nothing is destroyed automatically: select the cards you destroyed (shredded) and confirm.`,
      )} <a href="/staff/card/deadlines">${t(lang, '日数の設定', 'Change the periods')}</a></p>
${cards.length && !mayConfirm
  ? html`<p class="hint">${t(lang, '廃棄の確定は所属管理者が行います。', 'A department administrator confirms destruction.')}</p>
<div class="table-wrap" role="region" tabindex="0" aria-label="${title}"><table><caption class="visually-hidden">${title}</caption>
<thead><tr><th scope="col">${t(lang, '製造管理番号', 'Control number')}</th><th scope="col">${t(lang, 'カード到着', 'Arrived')}</th><th scope="col">${t(lang, '未受取', 'Uncollected')}</th><th scope="col">${t(lang, '廃棄予定日', 'Due')}</th></tr></thead>
<tbody>${cards.map((c) => html`<tr><td>${formatReservationId(c.controlNo)}</td><td>${day(c.receivedAt)}</td><td>${day(c.uncollectedAt)}</td><td>${day(c.dueAt)}</td></tr>`)}</tbody></table></div>
<p>${total > cards.length ? t(lang, `${total}件のうち、廃棄予定日の早い${cards.length}件を表示しています。`, `Showing the ${cards.length} earliest of ${total}.`) : t(lang, `全${total}件`, `${total} card(s)`)}</p>`
  : cards.length
  ? html`<form method="post" action="/staff/card/destruction">${csrfField(req)}
<div class="table-wrap" role="region" tabindex="0" aria-label="${title}"><table><caption class="visually-hidden">${title}</caption>
<thead><tr><th scope="col">${t(lang, '廃棄する', 'Destroy')}</th><th scope="col">${t(lang, '製造管理番号', 'Control number')}</th><th scope="col">${t(lang, 'カード到着', 'Arrived')}</th><th scope="col">${t(lang, '未受取', 'Uncollected')}</th><th scope="col">${t(lang, '廃棄予定日', 'Due')}</th></tr></thead>
<tbody>${cards.map(
      (c, i) => html`<tr><td><input type="checkbox" id="destroy-${i}" name="cardId" value="${c.id}" checked></td><td><label for="destroy-${i}">${formatReservationId(c.controlNo)}</label></td><td>${day(c.receivedAt)}</td><td>${day(c.uncollectedAt)}</td><td>${day(c.dueAt)}</td></tr>`,
    )}</tbody></table></div>
<p>${t(
      lang,
      total > cards.length ? `${total}件のうち、廃棄予定日の早い${cards.length}件を表示しています。確定すると次の${Math.min(DESTRUCTION_PAGE_SIZE, total - cards.length)}件が表示されます。` : `全${total}件`,
      total > cards.length ? `Showing the ${cards.length} earliest of ${total}; confirm to see the next ones.` : `${total} card(s)`,
    )}</p>
<div class="form-field"><div class="choice"><input type="checkbox" id="destroy-confirm" name="confirm" value="yes" required><label for="destroy-confirm">${t(lang, '選択したカードを廃棄したことを確認しました', 'I confirm that the selected cards have been destroyed')}</label></div></div>
<button type="submit" class="button">${t(lang, '廃棄を確定', 'Confirm destruction')}</button></form>`
  : html`<p class="muted">${t(lang, '廃棄予定のカードはありません。', 'No card is due for destruction.')}</p>`}
<p><a href="/staff/card">${t(lang, 'カード交付管理に戻る', 'Back to card issuance')}</a></p>`,
    });
  };

  app.get('/staff/card/destruction', staff, async (req, reply) => reply.type('text/html; charset=utf-8').send(await listPage(req)));

  app.post('/staff/card/destruction', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const office = await officeOf(ctx, actor);
    assertCan(actor, 'confirm-destruction', office.departmentId);
    const lang = req.lang;
    const sent = (req.body as Record<string, unknown> | undefined)?.cardId;
    const ids = (Array.isArray(sent) ? sent : [sent]).filter((x): x is string => typeof x === 'string' && UUID.test(x));
    if (field(req, 'confirm') !== 'yes' || ids.length === 0) {
      const text = ids.length === 0
        ? t(lang, '廃棄したカードを選んでください。何も変更していません。', 'Select the cards you destroyed. Nothing was changed.')
        : t(lang, '「廃棄したことを確認しました」にチェックを入れてください。何も変更していません。', 'Tick "I confirm that the selected cards have been destroyed". Nothing was changed.');
      return reply.code(422).type('text/html; charset=utf-8').send(await listPage(req, notice('error', text)));
    }
    const r = await confirmDestruction(ctx, { departmentId: office.departmentId, cardIds: ids, ...audit(req) });
    const text =
      t(lang, `${r.destroyed}件を廃棄済みにしました。`, `${r.destroyed} card(s) marked destroyed.`) +
      (r.skipped ? t(lang, `${r.skipped}件は廃棄予定ではなくなっていたため変更していません。`, ` ${r.skipped} were no longer due and were left unchanged.`) : '');
    return reply.type('text/html; charset=utf-8').send(await listPage(req, notice(r.skipped ? 'warning' : 'success', text)));
  });
}
