/** One card as staff see it (/staff/card/cards/:id): personal data, state, dates, booking, notes, and the forms to change them. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../../http/actor.js';
import { errors } from '../../../../http/errors.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import { button, csrfInput, linkButton, notice, selectField, summaryList, textArea } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { readableDepartmentIds } from '../../../staff/index.js';
import { formatReservationId } from '../../shared/normalise.js';
import { CARD_STATES, STATE_LABELS } from '../card-states.js';
import { viewCard } from '../search-cards.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { renderCardOffice } from './card-office.view.js';

/** A card id in the URL (anything else is a page that does not exist). */
export const cardParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/) });

/** The states staff may set by hand on this screen. */
export const STAFF_STATES = ['returned', 'uncollected', 'destroyed', 'issued', 'letter_sent'] as const;

export async function renderCardDetail(
  ctx: AppContext,
  req: FastifyRequest,
  o: { actor: StaffActor; csrf: string; cardId: string; message?: SafeHtml },
): Promise<string> {
  const lang = req.lang;
  const t = cardOfficeMessages.in(lang);
  // viewCard reads only the person's departments' cards (else 404) and audits the view.
  const c = await viewCard(ctx, readableDepartmentIds(o.actor), o.cardId, auditContextOf(req));
  if (!c) throw errors.notFound();
  const fmt = (d: Date | null | undefined) => (d ? formatJstDateTime(d, lang) : '');
  const group =
    c.bookingGroup && c.bookingGroup.length > 1 ? `${t('bookedWith')}: ${c.bookingGroup.map(formatReservationId).join(', ')}` : '';
  const booking = c.bookingRef
    ? [c.bookingRef, c.bookingLocation?.split('|')[1] ?? '', fmt(c.bookingStart), group, c.bookingEmail ?? '', c.bookingMemo ?? ''].join(
        ' ',
      )
    : '—';
  const main = html`<h1 class="page-title">${formatReservationId(c.controlNo)}</h1>${o.message ?? ''}
${c.erasedAt ? notice({ kind: 'warning', role: 'status', body: t('erased', { when: fmt(c.erasedAt) }) }) : ''}
<div class="card">${summaryList({
    items: [
      { term: t('loginId'), value: formatReservationId(c.controlNo) },
      { term: t('name'), value: t('nameWithKana', { name: c.name, kana: c.kana }) },
      { term: t('birthDate'), value: c.birthDate },
      { term: t('address'), value: `〒${c.postalCode} ${c.address}` },
      { term: t('applicationShipping'), value: `${c.applicationId} / ${c.shippingNo}` },
      { term: t('state'), value: html`<span class="badge">${STATE_LABELS[c.state][lang]}</span>` },
      { term: t('passwordPolicy'), value: c.passwordPolicy === 'random' ? t('passwordRandom') : t('passwordBirthday') },
      {
        term: t('letter'),
        value: c.letterPrintedAt ? t('printedWhen', { when: fmt(c.letterPrintedAt), count: c.letterPrintCount }) : t('notPrinted'),
      },
      { term: t('booking'), value: booking },
    ],
  })}</div>
<h2>${t('dates')}</h2><ul>${CARD_STATES.filter((s) => c.dates[s]).map((s) => html`<li>${STATE_LABELS[s][lang]}: ${fmt(c.dates[s])}</li>`)}</ul>
<form method="post" action="/staff/card/cards/${c.id}/state" class="inline-form">${csrfInput(o.csrf)}
${selectField({ name: 'to', lang, label: t('changeState'), markOptional: false, options: STAFF_STATES.map((s) => ({ value: s, label: STATE_LABELS[s][lang] })) })}
${button({ label: t('change'), kind: 'secondary' })}</form>
<h2>${t('notes')}</h2><ul>${c.notes.map((n) => html`<li>${fmt(n.at)} ${n.by ?? ''}: ${n.body}</li>`)}</ul>
<form method="post" action="/staff/card/cards/${c.id}/notes">${csrfInput(o.csrf)}
${textArea({ name: 'body', lang, label: t('addNote'), required: true, maxLength: 1000 })}
${button({ label: t('add'), kind: 'secondary' })}</form>
<p>${linkButton({ href: '/staff/card', label: t('back'), kind: 'secondary' })}</p>`;
  return renderCardOffice(req, t('cardTitle'), main);
}
