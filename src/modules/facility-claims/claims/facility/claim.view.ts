/**
 * What the portal's form screens share: the state of the form (status, version, the city's comment when
 * returned), the checks at entry listed field by field with a link to where the fact is changed, the
 * action buttons the state allows, the staffing table and the note that every fact comes from elsewhere.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../http/i18n.js';
import { errorSummary, fieldId, notice, postButtonForm, summaryList } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import type { FacilityActor } from '../../shared/facility-session.js';
import { renderFacilityPage } from '../../shared/facility-shell.js';
import { codeLabel } from '../../shared/labels.messages.js';
import type { EntryCheck, StaffingSummary, SubmissionForm } from '../../shared/types.js';
import { claimsMessages } from '../claims.messages.js';
import type { FormView } from '../read-submission.js';

export type PageErrors = { field: string; message: string }[];

export const yen = (n: number) => n.toLocaleString('ja-JP');

export function monthLabel(lang: Lang, month: string): string {
  return claimsMessages.t(lang, 'monthLabel', {
    year: month.slice(0, 4),
    month: lang === 'ja' ? String(Number(month.slice(5, 7))) : month.slice(5, 7),
  });
}

/** The screen of a form and period. */
export function formUrl(form: SubmissionForm, period: string): string {
  if (form === 'monthly-claim') return `/facility/claims/monthly/${period}`;
  if (form === 'shogu-plan' || form === 'shogu-report') return `/facility/claims/shogu/${period}/${form.slice(6)}`;
  return `/facility/claims/additions/${period}/${form.slice(9)}`;
}

/** Where the fact behind a check's field is changed (or the field on this page). */
function hrefOf(field: string, fiscalYear: number): string | undefined {
  if (/^staff\.[^.]+\.improvement$/.test(field)) return `#${fieldId(field)}`;
  const staff = /^staff\.([^.]+)\./.exec(field);
  if (staff) return `/facility/staff/${encodeURIComponent(staff[1]!)}`;
  if (field === 'staffing') return '/facility/staff';
  if (field.startsWith('items.')) return '/facility/items';
  if (field === 'counts') return '/facility/counts';
  if (field === 'plan') return `/facility/claims/shogu/${fiscalYear}/plan`;
  if (field.startsWith('totals.') || field === 'kubun3') return '#shogu-staff';
  return undefined;
}

/** The id of a check's list entry (the error summary links there; an input of this page keeps its own id). */
const checkAnchor = (field: string) => (/^staff\.[^.]+\.improvement$/.test(field) ? fieldId(field) : `check-${fieldId(field)}`);

export function checksPanel(lang: Lang, checks: readonly EntryCheck[], fiscalYear: number): SafeHtml {
  const t = claimsMessages.in(lang);
  if (!checks.length) return notice({ kind: 'success', title: t('checksTitle'), body: t('checksNone'), role: 'none' });
  const seen = new Set<string>();
  const item = (c: EntryCheck) => {
    const href = hrefOf(c.field, fiscalYear);
    const anchor = checkAnchor(c.field);
    const id = seen.has(anchor) || anchor.startsWith('field-') ? undefined : anchor;
    seen.add(anchor);
    return html`<li${id ? html` id="${id}"` : html``}>${c.message[lang]}${href ? html` <a href="${href}">${t('fixHere')}</a>` : html``}</li>`;
  };
  const errs = checks.filter((c) => c.severity === 'error');
  const warns = checks.filter((c) => c.severity === 'warning');
  return html`<section aria-labelledby="checks-title" id="checks">
  <h2 id="checks-title">${t('checksTitle')}</h2>
  ${errs.length ? notice({ kind: 'error', title: t('checksErrors'), body: html`<ul>${errs.map(item)}</ul>`, role: 'none', headingLevel: 3 }) : html``}
  ${warns.length ? notice({ kind: 'warning', title: t('checksWarnings'), body: html`<ul>${warns.map(item)}</ul>`, role: 'none', headingLevel: 3 }) : html``}
</section>`;
}

/** The summary of a refused submit or save: one link per field to its check (or input). */
export function refusalSummary(lang: Lang, errors: PageErrors): SafeHtml {
  return errorSummary({ title: claimsMessages.t(lang, 'errorTitle'), errors, fieldId: checkAnchor });
}

export function flashOf(lang: Lang, done: 'saved' | 'submitted' | 'withdrawn' | 'new-version' | undefined): SafeHtml {
  if (!done) return html``;
  const key = ({ saved: 'saved', submitted: 'submitted', withdrawn: 'withdrawn', 'new-version': 'newVersionStarted' } as const)[done];
  return notice({ kind: 'success', body: claimsMessages.t(lang, key) });
}

/** Status, version and the way to the history; the city's comment when the version was returned. */
export function statusPanel(lang: Lang, view: FormView): SafeHtml {
  const t = claimsMessages.in(lang);
  const c = view.current;
  const returnedComment = c?.status === 'returned' ? view.events.filter((e) => e.action === 'returned').at(-1)?.comment : undefined;
  return html`${summaryList({
    items: [
      {
        term: t('statusNow'),
        value: c ? t('statusWithVersion', { status: codeLabel('status', c.status, lang), version: c.version }) : t('statusNone'),
        ...(c ? { change: { href: `/facility/submissions/${c.id}`, label: t('showSubmission') } } : {}),
      },
      { term: t('asOf'), value: view.period.asOf },
    ],
  })}
${c?.status === 'returned' ? notice({ kind: 'warning', title: t('returnedNote'), body: returnedComment ?? '' }) : html``}
${view.isSnapshot ? html`<p class="muted">${t('snapshotNote')}</p>` : html``}`;
}

export function factsNote(lang: Lang): SafeHtml {
  const t = claimsMessages.in(lang);
  return html`<p>${t('facts')} <a href="/facility/staff">${t('link.roster')}</a> · <a href="/facility/counts">${t('link.counts')}</a> · <a href="/facility/items">${t('link.items')}</a></p>`;
}

/** The buttons the state allows: save and submit (draft, returned, nothing yet), withdraw (submitted), a new version (approved). */
export function actionButtons(lang: Lang, csrf: string, url: string, view: FormView, o: { saveAndSubmitInForm?: boolean } = {}): SafeHtml {
  const t = claimsMessages.in(lang);
  const status = view.current?.status;
  const editable = !status || status === 'draft' || status === 'returned';
  const parts: SafeHtml[] = [];
  if (editable && !o.saveAndSubmitInForm) {
    parts.push(postButtonForm({ action: url, csrf, label: t('save'), kind: 'secondary', hidden: { action: 'save' } }));
    parts.push(postButtonForm({ action: url, csrf, label: t('submit'), hidden: { action: 'submit' }, confirm: t('submitConfirm') }));
  }
  if (status === 'submitted' && view.current)
    parts.push(
      postButtonForm({
        action: `/facility/submissions/${view.current.id}/withdraw`,
        csrf,
        label: t('withdraw'),
        kind: 'secondary',
        confirm: t('withdrawConfirm'),
      }),
    );
  if (view.canStartNewVersion)
    parts.push(postButtonForm({ action: url, csrf, label: t('newVersion'), kind: 'secondary', hidden: { action: 'new-version' } }));
  return parts.length ? html`<div class="button-row">${parts}</div>` : html``;
}

export function staffingList(lang: Lang, s: StaffingSummary, requiredCareFte?: number): SafeHtml {
  const t = claimsMessages.in(lang);
  return html`<h2>${t('staffingCaption')}</h2>${summaryList({
    items: [
      { term: t('staffing.headcount'), value: t('persons', { n: s.headcount }) },
      { term: t('staffing.careFte'), value: t('persons', { n: s.careFte }) },
      { term: t('staffing.qualifiedCareFte'), value: t('persons', { n: s.qualifiedCareFte }) },
      ...(requiredCareFte === undefined ? [] : [{ term: t('staffing.required'), value: t('persons', { n: requiredCareFte }) }]),
      { term: t('staffing.averageExperience'), value: t('years', { n: s.averageExperienceYears }) },
    ],
  })}`;
}

/** A portal page of the claims part (menu entry 請求・申請書類). */
export function claimsPage(
  req: FastifyRequest,
  actor: FacilityActor,
  o: { title: string; main: SafeHtml; facilityName?: string; hasErrors?: boolean },
): string {
  return renderFacilityPage(req, actor, { ...o, active: 'claims' });
}
