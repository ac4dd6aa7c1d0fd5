/**
 * The card office's dashboard (/staff/card): counts, links to the settings screens, search, the
 * imports, letters and the file exchange with the booking site. Each form's POST answers with this
 * page again and its outcome above it.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, csrfInput, dataTable, postButtonForm, selectField, textField } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { officeOf } from '../../staff-office.js';
import { countDueForDestruction } from '../card-destruction.js';
import { cardDashboard } from '../card-progress.js';
import { CARD_STATES, STATE_LABELS } from '../card-states.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { renderCardOffice } from './card-office.view.js';
import { lettersSection } from './letters.view.js';

export async function renderDashboard(
  ctx: AppContext,
  req: FastifyRequest,
  o: { actor: StaffActor; csrf: string; message?: SafeHtml },
): Promise<string> {
  const lang = req.lang;
  const t = cardOfficeMessages.in(lang);
  const office = await officeOf(ctx, o.actor);
  const d = await cardDashboard(ctx, office.departmentId);
  const due = await countDueForDestruction(ctx.db, office.departmentId, ctx.clock.now());
  const csrf = o.csrf;
  const plain = { lang, markOptional: false };
  const stateColumns = [
    ...CARD_STATES.map((s) => ({ key: s as string, label: STATE_LABELS[s][lang], numeric: true })),
    { key: 'total', label: t('total'), numeric: true },
  ];
  const main = html`<h1 class="page-title">${t('heading')}</h1>
${o.message ?? ''}
<section class="card"><h2>${t('byState')}</h2>
${dataTable({
  lang,
  caption: t('byState'),
  hideCaption: true,
  columns: stateColumns,
  rows: [{ ...Object.fromEntries(CARD_STATES.map((s) => [s, d.byState[s] ?? 0])), total: d.total }],
})}
<h3>${t('byLocation')}</h3>
${d.byLocation.length ? html`<ul>${d.byLocation.map((l) => html`<li>${l.location}: ${l.count}</li>`)}</ul>` : html`<p class="muted">${t('noneYet')}</p>`}
<h3>${t('perDay')}</h3>
${dataTable({
  lang,
  caption: t('perDayCaption'),
  hideCaption: true,
  emptyText: t('noneYet'),
  columns: [
    { key: 'day', label: t('day') },
    { key: 'received', label: STATE_LABELS.received[lang], numeric: true },
    { key: 'letters', label: STATE_LABELS.letter_sent[lang], numeric: true },
    { key: 'booked', label: STATE_LABELS.booked[lang], numeric: true },
    { key: 'issued', label: STATE_LABELS.issued[lang], numeric: true },
  ],
  rows: d.byDay,
})}</section>

<p><a href="/staff/card/deadlines">${t('deadlinesLink')}</a>${t('linkSeparator')}<a href="/staff/card/destruction">${t('destructionLink', { count: due })}</a>${t('linkSeparator')}<a href="/staff/card/mapping">${t('mappingLink')}</a></p>
<section class="card"><h2>${t('search')}</h2>
<p class="hint">${t('searchHint')}</p>
<form method="get" action="/staff/card/search" class="filters">
${textField({ ...plain, name: 'kana', label: t('kana') })}
${textField({ ...plain, name: 'birthDate', label: t('birthDate'), attributes: { placeholder: '1980-04-01' } })}
${textField({ ...plain, name: 'address', label: t('address') })}
${textField({ ...plain, name: 'number', label: t('number'), autocomplete: 'off' })}
${button({ label: t('search') })}</form></section>

<section class="card"><h2>${t('importList')}</h2>
<p class="hint">${t('importListHint')}</p>
<form method="post" action="/staff/card/import" enctype="multipart/form-data">${csrfInput(csrf)}
${fileField('list-file', t('file'), t('required'), '.csv,text/csv')}
${selectField({
  ...plain,
  name: 'encoding',
  label: t('encoding'),
  emptyLabel: t('detectEncoding'),
  options: [
    { value: 'shift_jis', label: 'Shift_JIS' },
    { value: 'utf-8', label: 'UTF-8' },
  ],
})}
${button({ label: t('importButton') })}</form></section>

<section class="card"><h2>${t('importProgress')}</h2>
<form method="post" action="/staff/card/progress" enctype="multipart/form-data">${csrfInput(csrf)}
${selectField({
  ...plain,
  name: 'kind',
  label: t('kind'),
  options: [
    { value: 'setup', label: t('kindSetup') },
    { value: 'issued', label: t('kindIssued') },
  ],
})}
${fileField('progress-file', t('file'), t('required'))}
${button({ label: t('importButton') })}</form></section>

${lettersSection(lang, csrf, d.unprintedLetters)}

<section class="card"><h2>${t('fileExchange')}</h2>
${postButtonForm({ action: '/staff/card/bundle', csrf, label: t('exportBundle') })}
<form method="post" action="/staff/card/bookings" enctype="multipart/form-data">${csrfInput(csrf)}
${fileField('bookings-file', t('bookingFile'), t('required'))}
${button({ label: t('importBookings') })}</form></section>`;
  return renderCardOffice(req, t('title'), main);
}

/**
 * A required file input with its label. The component layer has no file field yet; the upload forms
 * send the CSRF token before the file (see withUploads), so the file is the form's last part.
 */
function fileField(id: string, label: string, required: string, accept?: string): SafeHtml {
  return html`<div class="form-field"><label for="${id}">${label}<span class="required">${required}</span></label><input id="${id}" type="file" name="file"${
    accept ? html` accept="${accept}"` : ''
  } required></div>`;
}
