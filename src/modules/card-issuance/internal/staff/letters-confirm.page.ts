/**
 * POST /staff/card/letters/confirm — the step before printing: how many letters, and which cards,
 * will be printed and marked "letter sent". Changes nothing; the print form carries the ids and count.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, csrfInput, linkButton, notice } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { formatReservationId } from '../../shared/normalise.js';
import { officeOf } from '../../staff-office.js';
import { selectLetterCards } from '../print-letters.js';
import { cardLettersMessages } from './card-letters.messages.js';
import { officeAllows, renderCardOffice } from './card-office.view.js';
import { letterSelectionBody, letterSelectionOf } from './letter-selection.js';
import { noLetters } from './letters.view.js';

const SHOWN = 100;

export function registerLettersConfirmPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/letters/confirm',
    summary: 'Card office: confirm which letters will be printed and marked sent',
    auth: 'staff',
    allow: officeAllows(ctx, 'process'),
    body: letterSelectionBody,
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      const cards = await selectLetterCards(ctx, office, letterSelectionOf(body));
      if (cards.length === 0) return noLetters(req);
      const t = cardLettersMessages.in(lang);
      const ids = cards.map((c) => c.id).join(',');
      const title = t('confirmTitle');
      return renderCardOffice(
        req,
        title,
        html`<h1 class="page-title">${title}</h1>
${notice({ kind: 'warning', role: 'status', body: html`<p><strong>${t('confirmWhat', { count: cards.length })}</strong></p><p>${t('confirmDeadline')}</p>` })}
<form method="post" action="/staff/card/letters/preview">${csrfInput(csrf)}<input type="hidden" name="cardIds" value="${ids}">${button({ label: t('previewThese'), kind: 'secondary' })}</form>
<ul class="letter-list">${cards.slice(0, SHOWN).map((c) => html`<li>${formatReservationId(c.controlNo)}</li>`)}</ul>
${cards.length > SHOWN ? html`<p>${t('andMore', { count: cards.length - SHOWN })}</p>` : ''}
<form method="post" action="/staff/card/letters">${csrfInput(csrf)}<input type="hidden" name="cardIds" value="${ids}"><input type="hidden" name="count" value="${String(cards.length)}">
${button({ label: t('printCount', { count: cards.length }) })}</form>
<p>${linkButton({ href: '/staff/card', label: t('cancel'), kind: 'secondary' })}</p>`,
      );
    },
  });
}
