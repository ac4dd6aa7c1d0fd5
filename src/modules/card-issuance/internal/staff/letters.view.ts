/** The letters (交付案内) section of the dashboard and the page shown when no letter matches a selection. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, linkButton, notice, radios, textArea, textField } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { MAX_LETTERS_PER_PDF } from '../print-letters.js';
import { cardLettersMessages } from './card-letters.messages.js';
import { renderCardOffice } from './card-office.view.js';

/** The section on the card dashboard: preview, or print and mark sent after a confirmation step. */
export function lettersSection(lang: Lang, csrf: string, unprinted: number): SafeHtml {
  const t = cardLettersMessages.in(lang);
  const plain = { lang, markOptional: false };
  return html`<section class="card" id="letters"><h2>${t('heading')}</h2>
<p>${t('unprinted', { count: unprinted, max: MAX_LETTERS_PER_PDF.toLocaleString() })}</p>
<p class="hint">${t('hint')}</p>
<form method="post" action="/staff/card/letters/preview" class="letters-form">${csrfInput(csrf)}
${radios({
  ...plain,
  name: 'mode',
  id: 'pv-mode',
  label: t('cards'),
  value: 'unprinted',
  choices: [
    { value: 'unprinted', label: t('modeUnprinted') },
    { value: 'numbers', label: t('modeNumbers') },
  ],
})}
${textField({ ...plain, name: 'limit', id: 'pv-limit', type: 'number', label: t('limit'), min: 1, max: MAX_LETTERS_PER_PDF, inputmode: 'numeric' })}
${textArea({ ...plain, name: 'numbers', id: 'pv-numbers', label: t('numbers'), rows: 3 })}
${button({ label: t('preview'), kind: 'secondary' })}
<button type="submit" class="button" formaction="/staff/card/letters/confirm">${t('printAndMark')}</button>
</form></section>`;
}

/** No letter matches the selection (nothing printed, nothing changed). */
export function noLetters(req: FastifyRequest): string {
  const t = cardLettersMessages.in(req.lang);
  return renderCardOffice(
    req,
    t('title'),
    html`<h1 class="page-title">${t('title')}</h1>
${notice({ kind: 'warning', role: 'status', body: t('nothing') })}
<p>${linkButton({ href: '/staff/card', label: t('backToOffice'), kind: 'secondary' })}</p>`,
  );
}
