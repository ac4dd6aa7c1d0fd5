/**
 * /facility/items?fy=2026 — the application items of the session's facility for a fiscal year: national,
 * prefecture and city items, each with its state in effect, the values it needs, the date it applies from,
 * the history of changes and a form (one per item, POST /facility/items/:fiscalYear/:code). The conditions
 * the roster and the child counts do not meet are shown as warnings. A refused form comes back with
 * everything typed and field-level messages beside that item.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang, Text } from '../../../../platform/i18n.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import {
  button,
  dataTable,
  dateField,
  errorSummary,
  type FieldMessage,
  fieldId,
  notice,
  radios,
  selectField,
  textField,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { type FacilityActor, facilityAuditContext } from '../../shared/facility-session.js';
import { facilityCsrfField, renderFacilityPage } from '../../shared/facility-shell.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { codeLabel } from '../../shared/labels.messages.js';
import type { ItemCode, ItemLevel } from '../../shared/types.js';
import { DEDUCTION_CODES, formValueOf, ITEM_FIELDS, type ItemField, valueFromForm } from '../item-definitions.js';
import { currentFiscalYear, itemsDate } from '../items-date.js';
import { itemMessages } from '../items.messages.js';
import { itemFormBody, itemParams, itemsPageQuery } from '../items.schemas.js';
import { type ItemOverview, itemWarnings, listItems } from '../list-items.js';
import { fiscalYearRange, setItem } from '../set-item.js';

type Posted = { code: ItemCode; raw: Record<string, string>; errors: FieldMessage[] };
type T = ReturnType<typeof itemMessages.in>;

const LEVELS: { level: ItemLevel; key: 'levelNational' | 'levelPrefecture' | 'levelCity' }[] = [
  { level: 'national', key: 'levelNational' },
  { level: 'prefecture', key: 'levelPrefecture' },
  { level: 'city', key: 'levelCity' },
];

const idOf = (code: string, field: string) => fieldId(`${code}-${field}`);
const fieldLabel = (t: T, f: ItemField) => t(`field.${f.path}` as 'field.staff');

function choiceLabel(t: T, f: ItemField, v: string): string {
  return f.path === 'kind' ? t(`kind.${v}` as 'kind.employed') : t(`minutes.${v}` as 'minutes.30');
}

/** The values of a row as one line ("加配する職員数（人）: 1、…"). */
function valueText(t: T, code: ItemCode, value: Record<string, unknown>, lang: Lang): string {
  return ITEM_FIELDS[code]
    .map((f) => {
      const v = formValueOf(value, f.path);
      if (v === '') return '';
      return `${fieldLabel(t, f)}: ${f.kind === 'choice' || f.kind === 'number-choice' ? choiceLabel(t, f, v) : v}`;
    })
    .filter(Boolean)
    .join(lang === 'ja' ? '、' : '; ');
}

function valueControl(t: T, lang: Lang, code: ItemCode, f: ItemField, value: string, errors: FieldMessage[]): SafeHtml {
  const name = `value.${f.path}`;
  const base = { lang, name, id: idOf(code, name), label: fieldLabel(t, f), errors, value };
  if (f.kind === 'choice' || f.kind === 'number-choice')
    return selectField({ ...base, options: (f.choices ?? []).map((c) => ({ value: c, label: choiceLabel(t, f, c) })), emptyLabel: '—' });
  const rate = f.path === 'kubun1Rate' || f.path === 'kubun2Rate';
  return textField({
    ...base,
    required: !rate,
    hint: rate ? t('rateHint') : undefined,
    inputmode: f.kind === 'integer' ? 'numeric' : 'decimal',
    maxLength: 8,
  });
}

function itemSection(
  t: T,
  lang: Lang,
  actor: FacilityActor,
  fy: number,
  asOf: string,
  i: ItemOverview,
  warning: Text | undefined,
  posted: Posted | undefined,
): SafeHtml {
  const mine = posted?.code === i.code ? posted : undefined;
  const errors = mine?.errors ?? [];
  const latest = i.history[0];
  const isDeduction = DEDUCTION_CODES.includes(i.code);
  const raw = (name: string, fallback: string) => (mine ? (mine.raw[name] ?? '') : fallback);
  const claimedNow = latest ? (latest.claimed ? 'yes' : 'no') : '';
  const { from, to } = fiscalYearRange(fy);
  const state = i.inEffect
    ? t(i.inEffect.claimed ? 'stateClaimed' : 'stateNotClaimed', { date: i.inEffect.effectiveFrom })
    : latest
      ? t(latest.claimed ? 'stateClaimed' : 'stateNotClaimed', { date: latest.effectiveFrom })
      : t('stateNone');
  const headingId = `item-${i.code}`;
  return html`<section class="fc-item" aria-labelledby="${headingId}">
<h3 id="${headingId}">${codeLabel('item', i.code, lang)}</h3>
<p>${state}${i.inEffect ? html` — ${valueText(t, i.code, i.inEffect.value, lang)}` : ''}</p>
${warning ? notice({ kind: 'warning', title: t('warningTitle'), body: warning[lang], role: 'none' }) : ''}
<form method="post" action="/facility/items/${fy}/${i.code}" novalidate>
  ${facilityCsrfField(actor)}
  ${isDeduction ? html`<p class="hint">${t('deductionHint')}</p>` : ''}
  ${radios({
    lang,
    name: 'claimed',
    id: idOf(i.code, 'claimed'),
    label: t('claimed'),
    required: true,
    inline: true,
    errors,
    value: raw('claimed', claimedNow),
    choices: [
      { value: 'yes', label: t(isDeduction ? 'appliesYes' : 'claimedYes') },
      { value: 'no', label: t(isDeduction ? 'appliesNo' : 'claimedNo') },
    ],
  })}
  ${ITEM_FIELDS[i.code].map((f) => valueControl(t, lang, i.code, f, raw(`value.${f.path}`, latest ? formValueOf(latest.value, f.path) : ''), errors))}
  ${dateField({
    lang,
    name: 'effectiveFrom',
    id: idOf(i.code, 'effectiveFrom'),
    label: t('effectiveFrom'),
    hint: t('effectiveFromHint', { from, to }),
    required: true,
    errors,
    min: from,
    max: to,
    value: raw('effectiveFrom', latest ? asOf : from),
  })}
  <p>${button({ label: t('save') })}</p>
</form>
${
  i.history.length
    ? dataTable({
        lang,
        caption: `${codeLabel('item', i.code, lang)} — ${t('history')}`,
        columns: [
          { key: 'from', label: t('colFrom') },
          { key: 'claimed', label: t('colClaimed') },
          { key: 'value', label: t('colValue') },
          { key: 'recorded', label: t('colRecorded') },
        ],
        rows: i.history.map((h) => ({
          from: h.effectiveFrom,
          claimed: h.claimed ? t('yes') : t('no'),
          value: valueText(t, i.code, h.value, lang),
          recorded: formatJstDateTime(h.recordedAt, lang),
        })),
      })
    : html`<p class="muted">${t('noHistory')}</p>`
}
</section>`;
}

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  fy: number,
  o: { posted?: Posted; saved?: ItemCode },
): Promise<string> {
  const t = itemMessages.in(lang);
  const asOf = itemsDate(ctx, fy);
  const facility = await loadFacilityProfile(ctx.db, actor.facilityId);
  const items = await listItems(ctx.db, actor.facilityId, fy, asOf);
  const warnings = await itemWarnings(ctx.db, actor.facilityId, items, asOf);
  const errors = o.posted?.errors ?? [];
  const years = [fy - 1, fy, fy + 1];
  const labels = Object.fromEntries(
    o.posted
      ? [
          ['claimed', t('claimed')],
          ['effectiveFrom', t('effectiveFrom')],
          ...ITEM_FIELDS[o.posted.code].map((f) => [`value.${f.path}`, fieldLabel(t, f)]),
        ]
      : [],
  );
  const main = html`<h1 class="page-title">${t('title', { fy })}</h1>
${errorSummary({ title: t('errorTitle'), errors, labels, fieldId: (f) => idOf(o.posted?.code ?? '', f) })}
${o.saved ? notice({ kind: 'success', body: t('saved', { item: codeLabel('item', o.saved, lang) }) }) : ''}
<p>${t('intro')}</p>
<nav aria-label="${t('fyNav')}"><ul class="inline-list">${years.map(
    (y) =>
      html`<li>${y === fy ? html`<strong aria-current="page">${t('fyLink', { fy: y })}</strong>` : html`<a href="/facility/items?fy=${y}">${t('fyLink', { fy: y })}</a>`}</li>`,
  )}</ul></nav>
${LEVELS.map(
  ({ level, key }) => html`<h2>${t(key)}</h2>
${items.filter((i) => i.level === level).map((i) => itemSection(t, lang, actor, fy, asOf, i, warnings.get(i.code), o.posted))}`,
)}`;
  return renderFacilityPage(req, actor, {
    title: t('title', { fy }),
    main,
    active: 'items',
    facilityName: facility?.name,
    hasErrors: errors.length > 0,
  });
}

export function registerItemsPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/items',
    summary: 'The application items of a fiscal year: state, values, history, a form per item, warnings from the roster',
    auth: 'facility',
    query: itemsPageQuery,
    handler: async ({ req, lang, actor, query }) =>
      render(ctx, req, lang, actor, query.fy ?? currentFiscalYear(ctx), { saved: query.saved }),
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/items/:fiscalYear/:code',
    summary: 'Set one application item from a date (everything typed kept on error)',
    auth: 'facility',
    params: itemParams,
    body: itemFormBody,
    async invalid({ req, lang, actor, params, raw, errors }) {
      return render(ctx, req, lang, actor, params.fiscalYear, { posted: { code: params.code, raw, errors } });
    },
    async handler({ req, lang, actor, params, body }) {
      const raw = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const claimed = raw.claimed === 'yes' ? true : raw.claimed === 'no' ? false : undefined;
      try {
        await setItem(ctx, actor, facilityAuditContext(req, actor), {
          fiscalYear: params.fiscalYear,
          code: params.code,
          claimed,
          value: valueFromForm(params.code, raw),
          effectiveFrom: raw.effectiveFrom ?? '',
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        const errors = pageErrorsOf(err, lang);
        return {
          html: await render(ctx, req, lang, actor, params.fiscalYear, { posted: { code: params.code, raw, errors } }),
          status: 422,
        };
      }
      return redirect(`/facility/items?fy=${params.fiscalYear}&saved=${params.code}#item-${params.code}`);
    },
  });
}
