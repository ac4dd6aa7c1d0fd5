/**
 * The submission screen: the facts (facility, form, period, version, status, amount), the PDF, the
 * checks made at entry, 前回承認分からの変更 (each changed fact with before and after, highlighted; the
 * changed rows are highlighted in the form too), the form as readable tables, the history with the
 * comments, and — for the review division while it waits — the return and approve forms, each behind
 * a confirmation. Shared by the GET page and the POST forms that show it again with errors.
 */
import { describeItemValue } from '../../items/describe-item-value.js';
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import {
  button,
  csrfInput,
  dataTable,
  errorSummary,
  formatWareki,
  notice,
  summaryList,
  textArea,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { codeLabel } from '../../shared/labels.messages.js';
import type { AdditionContent, FormStaffLine, MonthlyClaimContent, ShoguContent } from '../../shared/types.js';
import { classKey, classLabel, type Change, type DiffValue } from '../diff-submissions.js';
import type { SubmissionDetail } from '../get-submission.js';
import { reviewMessages } from '../review.messages.js';
import { detailHref, num, periodLabel, reviewPage, statusBadge, yen } from './review.view.js';

export type DetailState = { errors: FieldMessage[]; raw: Record<string, string>; done?: 'returned' | 'approved' };

const FIELD_IDS: Record<string, string> = { comment: 'return-comment', approveComment: 'approve-comment' };

function valueText(v: DiffValue, lang: Lang): string {
  const t = reviewMessages.in(lang);
  if (v === null) return t('absent');
  if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
  if (typeof v === 'number') return num(v, lang);
  if (typeof v === 'object') return v[lang];
  return v;
}

/** Highlights a value whose fact changed since the comparison basis. */
const marked = (changed: boolean, v: string | SafeHtml): SafeHtml => (changed ? html`<mark>${v}</mark>` : html`${v}`);

function changesSection(lang: Lang, d: SubmissionDetail): SafeHtml {
  const t = reviewMessages.in(lang);
  const b = d.baseline;
  if (!b) return html`<h2>${t('changesHeading')}</h2><p>${t('noBaseline')}</p>`;
  const basis =
    b.basis === 'version'
      ? t('basisVersion', { version: b.version })
      : t('basisPreviousPeriod', { period: periodLabel(b.period, lang), version: b.version });
  return html`<h2>${t('changesHeading')}</h2>
<p>${basis} <a href="${detailHref(b.id)}">${t('openBaseline')}</a></p>
${
  d.changes.length
    ? dataTable({
        lang,
        caption: t('changesHeading'),
        hideCaption: true,
        columns: [
          { key: 'section', label: t('changeSection') },
          { key: 'label', label: t('changeItem') },
          { key: 'kind', label: t('changeKind') },
          { key: 'before', label: t('before') },
          { key: 'after', label: t('after') },
        ],
        rows: d.changes.map((c) => ({
          section: t(`section.${c.section}`),
          label: c.label[lang],
          kind: t(`kind.${c.kind}`),
          before: html`<del>${valueText(c.before, lang)}</del>`,
          after: html`<mark>${valueText(c.after, lang)}</mark>`,
        })),
      })
    : html`<p>${t('noChanges')}</p>`
}`;
}

function checksSection(lang: Lang, d: SubmissionDetail): SafeHtml {
  const t = reviewMessages.in(lang);
  const checks = d.content.checks ?? [];
  return html`<h2>${t('checksHeading')}</h2>${
    checks.length
      ? html`<ul>${checks.map(
          (c) =>
            html`<li><span class="badge">${t(c.severity === 'error' ? 'severityError' : 'severityWarning')}</span> ${c.message[lang]}</li>`,
        )}</ul>`
      : html`<p>${t('noChecks')}</p>`
  }`;
}

function itemsTable(
  lang: Lang,
  list: { code: string; claimed: boolean; effectiveFrom: string; value: Record<string, unknown>; conditionsMet?: boolean }[],
  changed: Set<string>,
  prefix: 'items' | 'additions',
): SafeHtml {
  const t = reviewMessages.in(lang);
  return dataTable({
    lang,
    caption: t(`section.${prefix}`),
    columns: [
      { key: 'item', label: t('item') },
      { key: 'claimed', label: t('field.claimed') },
      { key: 'from', label: t('field.effectiveFrom') },
      { key: 'conditions', label: t('field.conditionsMet') },
      { key: 'values', label: t('field.values') },
    ],
    emptyText: t('none'),
    rows: list.map((i) => {
      const ch = (k: string) => changed.has(`${prefix}.${i.code}`) || changed.has(`${prefix}.${i.code}.${k}`);
      return {
        item: codeLabel('item', i.code, lang),
        claimed: marked(ch('claimed'), t(i.claimed ? 'yes' : 'no')),
        from: marked(ch('effectiveFrom'), (lang === 'ja' && formatWareki(i.effectiveFrom, lang)) || i.effectiveFrom),
        conditions: i.conditionsMet === undefined ? '' : marked(ch('conditionsMet'), t(i.conditionsMet ? 'met' : 'notMet')),
        values: marked(ch('value'), describeItemValue(i.value, lang)),
      };
    }),
  });
}

function staffTable(
  lang: Lang,
  staff: (FormStaffLine & { improvementYearly?: number; kubun3Group?: 'A' | 'B' | null })[],
  changed: Set<string>,
) {
  const t = reviewMessages.in(lang);
  const shogu = staff.some((s) => s.improvementYearly !== undefined);
  return dataTable({
    lang,
    caption: t('section.staff'),
    columns: [
      { key: 'name', label: t('field.name') },
      { key: 'role', label: t('field.role') },
      { key: 'employment', label: t('field.employment') },
      { key: 'hours', label: t('field.weeklyHours'), numeric: true },
      { key: 'qualifications', label: t('field.qualifications') },
      { key: 'experience', label: t('field.experienceYears'), numeric: true },
      ...(shogu
        ? [
            { key: 'group', label: t('field.kubun3Group') },
            { key: 'improvement', label: t('field.improvementYearly'), numeric: true },
          ]
        : []),
    ],
    emptyText: t('none'),
    rows: staff.map((s) => {
      const ch = (k: string) => changed.has(`staff.${s.staffId}`) || changed.has(`staff.${s.staffId}.${k}`);
      return {
        name: marked(changed.has(`staff.${s.staffId}`), s.name),
        role: marked(ch('role'), codeLabel('role', s.role, lang)),
        employment: marked(ch('employment'), codeLabel('employment', s.employment, lang)),
        hours: marked(ch('weeklyHours'), num(s.weeklyHours, lang, 1)),
        qualifications: marked(
          ch('qualifications'),
          s.qualifications.map((q) => codeLabel('qualification', q, lang)).join(t('listSeparator')),
        ),
        experience: marked(ch('experienceYears'), num(s.experienceYears, lang, 0)),
        group: marked(ch('kubun3Group'), s.kubun3Group ?? ''),
        improvement: marked(ch('improvementYearly'), yen(s.improvementYearly ?? 0, lang)),
      };
    }),
  });
}

function staffingList(lang: Lang, s: MonthlyClaimContent['staffing'], changed: Set<string>, required?: number) {
  const t = reviewMessages.in(lang);
  const row = (key: string, term: string, v: number, digits = 2) => ({
    term,
    value: marked(changed.has(`staffing.${key}`), num(v, lang, digits)),
  });
  return summaryList({
    items: [
      ...(required === undefined ? [] : [row('requiredCareFte', t('field.requiredCareFte'), required)]),
      row('careFte', t('field.careFte'), s.careFte),
      row('qualifiedCareFte', t('field.qualifiedCareFte'), s.qualifiedCareFte),
      row('headcount', t('field.headcount'), s.headcount),
      row('averageExperienceYears', t('field.averageExperienceYears'), s.averageExperienceYears, 1),
    ],
  });
}

function monthlyContent(lang: Lang, c: MonthlyClaimContent, changed: Set<string>): SafeHtml {
  const t = reviewMessages.in(lang);
  const calc = c.calculation;
  const sum = (xs: { perChild: number }[]) => xs.reduce((s, x) => s + x.perChild, 0);
  return html`${calc.priceTable.isSample ? notice({ kind: 'warning', body: t('sampleTable', { label: calc.priceTable.label }) }) : ''}
${dataTable({
  lang,
  caption: t('section.amounts'),
  columns: [
    { key: 'class', label: t('childClass') },
    { key: 'count', label: t('children'), numeric: true },
    { key: 'basic', label: t('basic'), numeric: true },
    { key: 'additions', label: t('additions'), numeric: true },
    { key: 'deductions', label: t('deductions'), numeric: true },
    { key: 'unit', label: t('field.unitPrice'), numeric: true },
    { key: 'amount', label: t('field.amount'), numeric: true },
  ],
  rowHeader: 'class',
  rows: [
    ...calc.lines.map((l) => ({
      class: classLabel(l)[lang],
      count: marked(changed.has(`count.${classKey(l)}`), num(l.count, lang)),
      basic: yen(l.basic, lang),
      additions: yen(sum(l.additions), lang),
      deductions: yen(sum(l.deductions), lang),
      unit: marked(changed.has(`unitPrice.${classKey(l)}`), yen(l.unitPrice, lang)),
      amount: marked(changed.has(`amount.${classKey(l)}`), yen(l.amount, lang)),
    })),
    ...calc.facilityAdditions.map((a) => ({
      class: codeLabel('item', a.code, lang),
      count: '',
      basic: '',
      additions: '',
      deductions: '',
      unit: '',
      amount: marked(changed.has(`facilityAddition.${a.code}`), yen(a.amount, lang)),
    })),
    {
      class: html`<strong>${t('field.total')}</strong>`,
      count: marked(
        changed.has('count.total'),
        num(
          c.counts.reduce((s, n) => s + n.count, 0),
          lang,
        ),
      ),
      basic: '',
      additions: '',
      deductions: '',
      unit: '',
      amount: html`<strong>${marked(changed.has('total'), yen(calc.total, lang))}</strong>`,
    },
  ],
})}
<h3>${t('section.staffing')}</h3>
${staffingList(lang, c.staffing, changed, c.requiredCareFte)}
<h3>${t('section.items')}</h3>
${itemsTable(lang, c.items, changed, 'items')}`;
}

function shoguContent(lang: Lang, c: ShoguContent, changed: Set<string>): SafeHtml {
  const t = reviewMessages.in(lang);
  const v = (key: string, text: string) => marked(changed.has(`shogu.${key}`), text);
  return html`${dataTable({
    lang,
    caption: t('section.shogu'),
    columns: [
      { key: 'kubun', label: t('kubun') },
      { key: 'rate', label: t('rateOrPersons'), numeric: true },
      { key: 'yearly', label: t('yearly'), numeric: true },
    ],
    rowHeader: 'kubun',
    rows: [
      {
        kubun: t('kubun1'),
        rate: v('kubun1.rate', `${num(c.kubun1.rate, lang)}%`),
        yearly: v('kubun1.yearlyAmount', yen(c.kubun1.yearlyAmount, lang)),
      },
      {
        kubun: t('kubun2'),
        rate: v('kubun2.rate', `${num(c.kubun2.rate, lang)}%`),
        yearly: v('kubun2.yearlyAmount', yen(c.kubun2.yearlyAmount, lang)),
      },
      {
        kubun: t('kubun3'),
        rate: html`${v('kubun3.personsA', `A ${c.kubun3.personsA}`)} / ${v('kubun3.personsB', `B ${c.kubun3.personsB}`)}`,
        yearly: v('kubun3.yearlyAmount', yen(c.kubun3.yearlyAmount, lang)),
      },
      {
        kubun: html`<strong>${t('field.total')}</strong>`,
        rate: '',
        yearly: html`<strong>${v('totals.additionYearly', yen(c.totals.additionYearly, lang))}</strong>`,
      },
    ],
  })}
${summaryList({
  items: [
    { term: t('field.averageExperienceYears'), value: v('averageExperienceYears', num(c.averageExperienceYears, lang, 1)) },
    { term: t('field.improvementTotal'), value: v('totals.improvementYearly', yen(c.totals.improvementYearly, lang)) },
    { term: t('field.basePayShare'), value: v('totals.basePayShare', `${num(c.totals.basePayShare * 100, lang, 1)}%`) },
  ],
})}
${staffTable(lang, c.staff, changed)}`;
}

function additionContent(lang: Lang, c: AdditionContent, changed: Set<string>): SafeHtml {
  const t = reviewMessages.in(lang);
  return html`${itemsTable(lang, c.additions, changed, 'additions')}
<h3>${t('section.staffing')}</h3>
${staffingList(lang, c.staffing, changed)}
${staffTable(lang, c.staff, changed)}`;
}

function historySection(lang: Lang, d: SubmissionDetail): SafeHtml {
  const t = reviewMessages.in(lang);
  return html`<h2>${t('historyHeading')}</h2>
${dataTable({
  lang,
  caption: t('historyHeading'),
  hideCaption: true,
  columns: [
    { key: 'when', label: t('when') },
    { key: 'action', label: t('action') },
    { key: 'by', label: t('by') },
    { key: 'comment', label: t('comment') },
  ],
  emptyText: t('none'),
  rows: d.events.map((e) => ({
    when: html`<time datetime="${e.at.toISOString()}">${formatJstDateTime(e.at, lang)}</time>`,
    action: t(`event.${e.action}`),
    by:
      e.actorType === 'system'
        ? t('bySystem')
        : html`${e.actorName ?? ''} <span class="muted">${t(e.actorType === 'staff' ? 'byCity' : 'byFacility')}</span>`,
    comment: e.comment ?? '',
  })),
})}`;
}

/** A decision form behind a confirmation (opened again when it comes back with an error). */
function decisionForm(o: {
  action: string;
  csrf: string;
  label: string;
  question: string;
  confirmLabel: string;
  field: SafeHtml;
  open: boolean;
  kind?: 'danger';
}): SafeHtml {
  return html`<details class="confirm-action"${o.open ? html` open` : ''}>
  <summary class="button${o.kind === 'danger' ? ' button--danger' : ''}">${o.label}</summary>
  <form method="post" action="${o.action}">
    ${csrfInput(o.csrf)}
    ${o.field}
    <p>${o.question}</p>
    ${button({ label: o.confirmLabel, kind: o.kind })}
  </form>
</details>`;
}

function decisionSection(lang: Lang, d: SubmissionDetail, csrf: string, s: DetailState): SafeHtml {
  const t = reviewMessages.in(lang);
  if (!d.canDecide) return html``;
  const has = (f: string) => s.errors.some((e) => e.field === f);
  const id = d.submission.id;
  return html`<h2>${t('decisionHeading')}</h2>
<div class="card">
${decisionForm({
  action: `${detailHref(id)}/approve`,
  csrf,
  label: t('approve'),
  question: t('approveQuestion'),
  confirmLabel: t('approveConfirm'),
  open: has('approveComment'),
  field: textArea({
    lang,
    name: 'approveComment',
    id: 'approve-comment',
    label: t('approveComment'),
    hint: t('approveCommentHint'),
    rows: 3,
    maxLength: 4000,
    value: s.raw.approveComment,
    errors: s.errors,
  }),
})}
${decisionForm({
  action: `${detailHref(id)}/return`,
  csrf,
  label: t('return'),
  question: t('returnQuestion'),
  confirmLabel: t('returnConfirm'),
  kind: 'danger',
  open: has('comment'),
  field: textArea({
    lang,
    name: 'comment',
    id: 'return-comment',
    label: t('returnComment'),
    hint: t('returnCommentHint'),
    required: true,
    rows: 4,
    maxLength: 4000,
    value: s.raw.comment,
    errors: s.errors,
  }),
})}
</div>`;
}

export function renderDetail(req: FastifyRequest, d: SubmissionDetail, csrf: string, s: DetailState): string {
  const lang = req.lang;
  const t = reviewMessages.in(lang);
  const sub = d.submission;
  const changed = new Set(d.changes.map((c: Change) => c.key));
  const title = t('detailTitle', {
    form: codeLabel('form', sub.form, lang),
    facility: sub.facilityName,
    period: periodLabel(sub.period, lang),
  });
  const c = d.content;
  const body =
    c.form === 'monthly-claim'
      ? monthlyContent(lang, c, changed)
      : c.form === 'shogu-plan' || c.form === 'shogu-report'
        ? shoguContent(lang, c, changed)
        : additionContent(lang, c as AdditionContent, changed);
  const main = html`${s.done ? notice({ kind: 'success', body: t(s.done === 'approved' ? 'doneApproved' : 'doneReturned') }) : ''}
${errorSummary({ title: t('checkInput'), errors: s.errors, fieldId: (f) => FIELD_IDS[f] ?? `field-${f}` })}
<h1 class="page-title">${title}</h1>
<p class="muted">${t('viewAudited')}</p>
<div class="card">${summaryList({
    items: [
      { term: t('facility'), value: t('facilityWithCode', { name: sub.facilityName, code: sub.facilityCode }) },
      { term: t('facilityType'), value: codeLabel('type', sub.facilityType, lang) },
      { term: t('form'), value: codeLabel('form', sub.form, lang) },
      { term: t('period'), value: periodLabel(sub.period, lang) },
      { term: t('version'), value: String(sub.version) },
      { term: t('status'), value: statusBadge(lang, sub.status) },
      ...(sub.submittedAt ? [{ term: t('submittedAt'), value: formatJstDateTime(sub.submittedAt, lang) }] : []),
      ...(sub.decidedAt ? [{ term: t('decidedAt'), value: formatJstDateTime(sub.decidedAt, lang) }] : []),
      ...(sub.totalAmount !== null ? [{ term: t('amount'), value: t('yenAmount', { amount: yen(sub.totalAmount, lang) }) }] : []),
    ],
  })}
<p><a href="${detailHref(sub.id)}/pdf" download>${t('downloadPdf')}</a></p></div>
${decisionSection(lang, d, csrf, s)}
${changesSection(lang, d)}
${checksSection(lang, d)}
<h2>${t('contentHeading')}</h2>
${body}
${historySection(lang, d)}
<p><a href="/staff/facility-claims?month=${sub.period.length === 7 ? sub.period : ''}">${t('backToList')}</a></p>`;
  return reviewPage(req, title, main);
}
