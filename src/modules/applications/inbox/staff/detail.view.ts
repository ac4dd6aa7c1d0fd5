/**
 * The application screen: answers by step, attachments (download links, each download audited by the
 * attachments part), payment, history with comments, notes, assignment and the status form (with the
 * fields to name for a correction request). Shared by the GET page and the POST forms that show it
 * again with errors.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import {
  button,
  checkboxes,
  csrfInput,
  dataTable,
  errorSummary,
  notice,
  radios,
  selectField,
  sensitiveReveal,
  summaryList,
  textArea,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { staffFileUrl } from '../../attachments/list-files.js';
import type { FieldDefinition } from '../../procedures/definition.js';
import { answerText } from '../answer-text.js';
import type { ApplicationDetail } from '../get-application.js';
import { inboxMessages, paymentLabels, statusLabels } from '../inbox.messages.js';
import { inboxPage, localised, paymentBadge, statusBadge, yen } from './inbox.view.js';

export type DetailState = { errors: FieldMessage[]; raw: Record<string, string>; done?: 'status' | 'assigned' | 'note' };

const PRIVACY_BADGES = { sensitive: 'sensitiveBadge', identity_document: 'identityBadge', my_number: 'myNumberBadge' } as const;

function fileSize(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function answerCell(lang: Lang, d: ApplicationDetail, f: FieldDefinition): SafeHtml {
  const t = inboxMessages.in(lang);
  const value = d.answers?.[f.key];
  const badgeKey = f.privacy in PRIVACY_BADGES ? PRIVACY_BADGES[f.privacy as keyof typeof PRIVACY_BADGES] : undefined;
  const badge = badgeKey ? html` <span class="badge">${t(badgeKey)}</span>` : '';
  if (f.privacy === 'sensitive' && !d.sensitive.revealed && d.sensitive.keys.includes(f.key))
    return html`<span class="muted">${t('sensitiveMasked')}</span>${badge}`;
  if (value === undefined || value === null || value === '') return html`<span class="muted">${t('notAnswered')}</span>${badge}`;
  if (f.type === 'file') {
    const ids = (Array.isArray(value) ? value : [value]).map(String);
    return html`${ids.map((id, i) => {
      const file = d.files.find((x) => x.id === id);
      const name = file?.filename ?? `${localised(f.label, lang)}${ids.length > 1 ? ` ${i + 1}` : ''}`;
      return html`<a href="${staffFileUrl(d.application.id, id)}" download>${t('fileLink', { name, size: file ? fileSize(file.sizeBytes) : '-' })}</a> `;
    })}${badge}`;
  }
  return html`${answerText(f, value, lang)}${badge}`;
}

/**
 * The sensitive answers' notice: shown after a reveal; else, for a person the procedure lets read them,
 * the form asking the reason (POST, never a GET URL, so a reload or a shared link shows nothing);
 * for anyone else who may read them.
 */
function sensitiveSection(lang: Lang, d: ApplicationDetail, csrf: string, s: DetailState): SafeHtml {
  const t = inboxMessages.in(lang);
  const count = d.sensitive.keys.length;
  return sensitiveReveal({
    lang,
    action: `/staff/applications/${d.application.id}/sensitive`,
    csrf,
    count,
    isRevealed: d.sensitive.revealed,
    isReplayed: d.sensitive.replayed,
    mayRead: d.sensitive.mayRead,
    readers: d.sensitive.readers,
    texts: {
      intro: t('sensitiveIntro', { count }),
      whoMay: (roles) => t('sensitiveWhoMay', { count, roles }),
      nobody: t('sensitiveNobody', { count }),
      reasonHint: t('sensitiveReasonHint'),
    },
    raw: s.raw,
    errors: s.errors,
    headingLevel: 3,
  });
}

function answersSection(lang: Lang, d: ApplicationDetail, csrf: string, s: DetailState): SafeHtml {
  const t = inboxMessages.in(lang);
  if (!d.answers) return html`<h2>${t('answers')}</h2><p>${t('erased')}</p>`;
  return html`<h2>${t('answers')}</h2>
${sensitiveSection(lang, d, csrf, s)}
${d.definition.steps.map((step) => {
  // a field hidden by its condition was never asked: leave it out rather than show it unanswered
  const fields = step.fields.filter((f) => !f.showIf || d.answers?.[f.key] !== undefined || d.sensitive.keys.includes(f.key));
  return html`<section class="card"><h3>${localised(step.title, lang)}</h3>${summaryList({
    items: fields.map((f) => ({ term: localised(f.label, lang), value: answerCell(lang, d, f) })),
  })}</section>`;
})}`;
}

function filesSection(lang: Lang, d: ApplicationDetail): SafeHtml {
  const t = inboxMessages.in(lang);
  const fields = new Map(d.definition.steps.flatMap((s) => s.fields).map((f) => [f.key, f]));
  return html`<h2>${t('files')}</h2>
${
  d.files.length
    ? html`<ul>${d.files.map((f) => {
        const field = f.fieldKey ? fields.get(f.fieldKey) : undefined;
        return html`<li>${field ? html`${localised(field.label, lang)}: ` : ''}<a href="${staffFileUrl(d.application.id, f.id)}" download>${t('fileLink', { name: f.filename, size: fileSize(f.sizeBytes) })}</a> <span class="muted">${f.contentType}</span></li>`;
      })}</ul>
<p class="hint">${t('downloadAudited')}</p>`
    : html`<p>${t('noFiles')}</p>`
}`;
}

function paymentSection(lang: Lang, d: ApplicationDetail): SafeHtml {
  const t = inboxMessages.in(lang);
  const a = d.application;
  if (a.feeAmount === null) return html``;
  const p = d.payment;
  return html`<h2>${t('paymentHeading')}</h2>
<div class="card">${summaryList({
    items: [
      { term: t('fee'), value: t('feeAmount', { amount: yen(a.feeAmount, lang) }) },
      {
        term: t('paymentStatus'),
        value: paymentBadge(lang, { feeAmount: a.feeAmount, isPaid: d.isPaid, paymentStatus: d.paymentStatus }),
      },
      ...(p
        ? [
            { term: t('paymentAmount'), value: t('feeAmount', { amount: yen(p.amount, lang) }) },
            ...(p.method ? [{ term: t('paymentMethod'), value: p.method }] : []),
            ...(p.paidAt ? [{ term: t('paidAt'), value: formatJstDateTime(p.paidAt, lang) }] : []),
            ...(p.refundedAmount > 0
              ? [{ term: paymentLabels.t(lang, 'refunded'), value: t('feeAmount', { amount: yen(p.refundedAmount, lang) }) }]
              : []),
          ]
        : [{ term: t('paymentStatus'), value: t('noPayment') }]),
    ],
  })}</div>`;
}

function historySection(lang: Lang, d: ApplicationDetail): SafeHtml {
  const t = inboxMessages.in(lang);
  const fields = new Map(d.definition.steps.flatMap((s) => s.fields).map((f) => [f.key, f]));
  const by = (h: ApplicationDetail['history'][number]) =>
    h.actorType === 'staff'
      ? (h.changedBy ?? '')
      : h.actorType === 'citizen'
        ? t('byCitizen')
        : h.actorType === 'payment'
          ? t('byPayment')
          : t('bySystem');
  return html`<h2>${t('history')}</h2>
${dataTable({
  lang,
  caption: t('history'),
  hideCaption: true,
  columns: [
    { key: 'when', label: t('when') },
    { key: 'status', label: t('status') },
    { key: 'by', label: t('by') },
    { key: 'comment', label: t('comment') },
  ],
  rows: d.history.map((h) => ({
    when: html`<time datetime="${h.changedAt.toISOString()}">${formatJstDateTime(h.changedAt, lang)}</time>`,
    status: statusBadge(lang, h.status),
    by: by(h),
    comment: html`${h.comment ?? ''}${
      h.correctionFields.length
        ? html`<br><span class="muted">${t('fieldsToCorrect')}: ${h.correctionFields
            .map((k) => {
              const f = fields.get(k);
              return f ? localised(f.label, lang) : k;
            })
            .join(lang === 'en' ? ', ' : '、')}</span>`
        : ''
    }`,
  })),
})}`;
}

function notesSection(lang: Lang, d: ApplicationDetail, csrf: string, s: DetailState): SafeHtml {
  const t = inboxMessages.in(lang);
  return html`<h2>${t('notes')}</h2>
<p class="hint">${t('notesHint')}</p>
${
  d.notes.length
    ? html`<ul class="notes">${d.notes.map(
        (n) =>
          html`<li><p>${n.body}</p><p class="muted">${n.staffName} — <time datetime="${n.createdAt.toISOString()}">${formatJstDateTime(n.createdAt, lang)}</time></p></li>`,
      )}</ul>`
    : html`<p>${t('noNotes')}</p>`
}
<form method="post" action="/staff/applications/${d.application.id}/notes">
  ${csrfInput(csrf)}
  ${textArea({ lang, name: 'body', id: 'note-body', label: t('noteBody'), required: true, rows: 3, maxLength: 4000, value: s.raw.body, errors: s.errors })}
  ${button({ label: t('addNote'), kind: 'secondary' })}
</form>`;
}

function assignSection(lang: Lang, d: ApplicationDetail, csrf: string, s: DetailState): SafeHtml {
  const t = inboxMessages.in(lang);
  return html`<h2>${t('assignHeading')}</h2>
<form method="post" action="/staff/applications/${d.application.id}/assign" class="filters">
  ${csrfInput(csrf)}
  ${selectField({
    lang,
    name: 'staffId',
    id: 'assign-staff',
    label: t('assignTo'),
    markOptional: false,
    value: s.raw.staffId ?? d.application.assignedStaffId ?? '',
    emptyLabel: t('unassigned'),
    options: d.members.map((m) => ({ value: m.id, label: m.name })),
    errors: s.errors,
  })}
  ${button({ label: t('assignButton'), kind: 'secondary' })}
</form>`;
}

function statusSection(lang: Lang, d: ApplicationDetail, csrf: string, s: DetailState): SafeHtml {
  const t = inboxMessages.in(lang);
  if (!d.allowedStatuses.length) return html`<h2>${t('statusHeading')}</h2><p>${t('noTransitions')}</p>`;
  const fields = d.definition.steps.flatMap((st) => st.fields);
  const chosen = s.raw.correctionFields?.split('\n') ?? [];
  return html`<h2>${t('statusHeading')}</h2>
<form method="post" action="/staff/applications/${d.application.id}/status" class="card">
  ${csrfInput(csrf)}
  ${radios({
    lang,
    name: 'status',
    id: 'status-new',
    label: t('newStatus'),
    required: true,
    value: s.raw.status,
    errors: s.errors,
    choices: d.allowedStatuses.map((st) => ({ value: st, label: statusLabels.t(lang, st) })),
  })}
  ${
    d.allowedStatuses.includes('correction_requested')
      ? checkboxes({
          lang,
          name: 'correctionFields',
          id: 'status-fields',
          label: t('correctionLegend'),
          markOptional: false,
          values: chosen,
          errors: s.errors,
          choices: fields.map((f) => ({ value: f.key, label: localised(f.label, lang) })),
        })
      : ''
  }
  ${textArea({ lang, name: 'comment', id: 'status-comment', label: t('comment'), hint: t('commentHint'), rows: 4, maxLength: 2000, value: s.raw.comment, errors: s.errors })}
  ${button({ label: t('changeButton') })}
</form>`;
}

export function renderDetail(req: FastifyRequest, d: ApplicationDetail, csrf: string, s: DetailState): string {
  const lang = req.lang;
  const t = inboxMessages.in(lang);
  const a = d.application;
  const done =
    s.done === 'status'
      ? t('statusChanged', { status: statusLabels.t(lang, a.status) })
      : s.done === 'assigned'
        ? t('assigned')
        : s.done === 'note'
          ? t('noteAdded')
          : undefined;
  const main = html`${done ? notice({ kind: 'success', body: done }) : ''}
${errorSummary({ title: t('checkInput'), errors: s.errors, fieldId: (f) => ({ status: 'status-new', correctionFields: 'status-fields', comment: 'status-comment', body: 'note-body', staffId: 'assign-staff', reason: 'sensitive-reason' })[f] ?? `field-${f}` })}
<h1 class="page-title">${t('detailTitle', { reference: a.referenceNumber })}</h1>
<p class="muted">${t('viewAudited')}</p>
<div class="card">${summaryList({
    items: [
      { term: t('status'), value: statusBadge(lang, a.status) },
      {
        term: t('procedure'),
        value: t('exportVersionOption', { title: localised(d.definition.title, lang), version: a.procedureVersion }),
      },
      { term: t('submitted'), value: formatJstDateTime(a.submittedAt, lang) },
      { term: t('channel'), value: t(`channel.${a.channel as 'web' | 'api' | 'line'}`) },
      { term: t('language'), value: t(a.lang === 'en' ? 'lang.en' : 'lang.ja') },
      { term: t('fee'), value: a.feeAmount === null ? t('noFee') : t('feeAmount', { amount: yen(a.feeAmount, lang) }) },
      { term: t('assignee'), value: d.members.find((m) => m.id === a.assignedStaffId)?.name ?? t('unassigned') },
      ...(a.retainUntil ? [{ term: t('retainUntil'), value: formatJstDateTime(a.retainUntil, lang) }] : []),
    ],
  })}</div>
${statusSection(lang, d, csrf, s)}
${answersSection(lang, d, csrf, s)}
${filesSection(lang, d)}
${paymentSection(lang, d)}
${historySection(lang, d)}
${assignSection(lang, d, csrf, s)}
${notesSection(lang, d, csrf, s)}
<p><a href="/staff/applications">${t('backToList')}</a></p>`;
  return inboxPage(req, t('detailTitle', { reference: a.referenceNumber }), main);
}
