/** The breach report screen's form (kept as typed, with field errors) and the report with its downloads. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  csrfInput,
  dateField,
  errorSummary,
  type FieldMessage,
  selectField,
  textArea,
  textField,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import type { BreachReport } from '../breach-report.js';
import { breachMessages } from '../breach.messages.js';

export const BREACH_URL = '/staff/privacy/breach';

export type FormValues = Partial<Record<'from' | 'to' | 'scope' | 'staff' | 'tables' | 'cause' | 'measures', string>>;
export type ScopeOption = { value: string; label: string };

/** The form; the staff account and tables fields only for the privacy officer. */
export function breachForm(
  o: { lang: Lang; csrf: string; scopes: readonly ScopeOption[]; isOfficer: boolean },
  v: FormValues,
  errors: readonly FieldMessage[],
) {
  const t = breachMessages.in(o.lang);
  const base = { lang: o.lang, errors };
  return html`${errorSummary({ title: t('checkInput'), errors })}
<form method="post" action="${BREACH_URL}" novalidate>
  ${csrfInput(o.csrf)}
  <h2>${t('formTitle')}</h2>
  <div class="filters">
  ${dateField({ ...base, name: 'from', label: t('from'), value: v.from ?? '', required: true })}
  ${dateField({ ...base, name: 'to', label: t('to'), value: v.to ?? '', required: true })}
  </div>
  ${selectField({ ...base, name: 'scope', label: t('scope'), hint: t('scopeHint'), value: v.scope ?? '', emptyLabel: t('scopeEmpty'), options: o.scopes })}
  ${o.isOfficer ? textField({ ...base, name: 'staff', label: t('staffLogin'), hint: t('staffHint'), value: v.staff ?? '' }) : ''}
  ${o.isOfficer ? textField({ ...base, name: 'tables', label: t('tables'), hint: t('tablesHint'), value: v.tables ?? '' }) : ''}
  ${textArea({ ...base, name: 'cause', label: t('cause'), hint: t('freeTextHint'), value: v.cause ?? '', rows: 4, maxLength: 4000 })}
  ${textArea({ ...base, name: 'measures', label: t('measures'), hint: t('freeTextHint'), value: v.measures ?? '', rows: 4, maxLength: 4000 })}
  <p>${button({ label: t('submit') })}</p>
</form>`;
}

export function renderFormPage(req: FastifyRequest, form: ReturnType<typeof breachForm>): string {
  const t = breachMessages.in(req.lang);
  return renderStaffPage(req, {
    title: t('title'),
    main: html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${form}`,
    active: 'privacy-breach',
  });
}

/** The draft on screen, with the downloads (POST with the same fields and CSRF) and the form below to refine it. */
export function renderReportPage(
  req: FastifyRequest,
  o: { report: BreachReport; csrf: string; values: FormValues; mayExportContacts: boolean; form: ReturnType<typeof breachForm> },
): string {
  const t = breachMessages.in(req.lang);
  const hidden = Object.entries(o.values).map(([k, v]) => (v === undefined ? '' : html`<input type="hidden" name="${k}" value="${v}">`));
  const main = html`<h1 class="page-title">${t('title')}</h1>
<section class="breach-report" aria-labelledby="draft-title">
<h2 id="draft-title">${o.report.title}</h2>
${o.report.sections.map(
  (s, i) => html`<h3>${i + 1}. ${s.heading}</h3>
${s.lines.length > 1 ? html`<ul>${s.lines.map((l) => html`<li>${l}</li>`)}</ul>` : html`<p>${s.lines[0] ?? ''}</p>`}`,
)}
</section>
<form method="post" action="${BREACH_URL}/report.pdf">
  ${csrfInput(o.csrf)}${hidden}
  <p>${button({ label: t('downloadPdf') })}
  <button type="submit" class="button button--secondary" formaction="${BREACH_URL}/report.json">${t('downloadJson')}</button></p>
</form>
${
  o.mayExportContacts
    ? html`<form method="post" action="${BREACH_URL}/contacts.csv">
  ${csrfInput(o.csrf)}${hidden}
  <p class="muted">${t('contactsHint')}</p>
  <p>${button({ label: t('downloadContacts'), kind: 'secondary' })}</p>
</form>`
    : ''
}
${o.form}`;
  return renderStaffPage(req, { title: t('title'), main, active: 'privacy-breach' });
}
