/**
 * /facility/staff/:id — one person: the record, the dated history, the form recording a change (role,
 * employment, leave, retirement) and the form correcting the record. Another facility's id is a 404
 * like an unknown one. Both forms come back with everything typed when refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import { fieldErrorsOf } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  dataTable,
  dateField,
  errorSummary,
  type FieldMessage,
  linkButton,
  notice,
  radios,
  selectField,
  summaryList,
  textArea,
  textField,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { type FacilityActor, facilityAuditContext } from '../../shared/facility-session.js';
import { facilityCsrfField, renderFacilityPage } from '../../shared/facility-shell.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { type StaffDetail, getStaffMember } from '../get-staff-member.js';
import { recordStaffEvent } from '../record-staff-event.js';
import { RECORDABLE_EVENT_KINDS } from '../roster-rules.js';
import { rosterMessages } from '../roster.messages.js';
import { formBody, fromForm, staffEventBody, staffIdParams, updateStaffBody } from '../roster.schemas.js';
import { todayOf } from '../staff-access.js';
import { updateStaffMember } from '../update-staff-member.js';
import {
  dateText,
  employmentChoices,
  experienceText,
  formErrors,
  personFields,
  qualificationsText,
  type Raw,
  rawOf,
  roleOptions,
  str,
  warningText,
} from './roster.view.js';

const detailQuery = z.object({ done: z.enum(['created', 'updated', 'event']).optional() });
const DONE = { created: 'created', updated: 'updated', event: 'eventRecorded' } as const;

type View = { done?: keyof typeof DONE; editRaw?: Raw; eventRaw?: Raw; errors?: FieldMessage[] };

/** The record as the correction form shows it. */
function editValues(d: StaffDetail): Raw {
  return {
    name: d.name,
    nameKana: d.nameKana ?? '',
    birthDate: d.birthDate,
    address: d.address,
    hiredOn: d.hiredOn,
    qualifications: d.qualifications,
    qualificationNumber: d.qualificationNumber ?? '',
    priorExperienceYears: String(Math.floor(d.priorExperienceMonths / 12)),
    priorExperienceMonths: String(d.priorExperienceMonths % 12),
  };
}

function historyDetail(h: StaffDetail['history'][number], lang: Lang): string {
  const t = rosterMessages.in(lang);
  const parts: string[] = [];
  if (h.role) parts.push(codeLabel('role', h.role, lang));
  if (h.employment) parts.push(codeLabel('employment', h.employment, lang));
  if (h.weeklyHours !== null) parts.push(t('hoursValue', { hours: h.weeklyHours }));
  return parts.join(t('listSeparator'));
}

async function render(ctx: AppContext, req: FastifyRequest, lang: Lang, actor: FacilityActor, d: StaffDetail, o: View): Promise<string> {
  const t = rosterMessages.in(lang);
  const facility = await loadFacilityProfile(ctx.db, actor.facilityId);
  const errors = o.errors ?? [];
  const ev = o.eventRaw ?? {};
  const today = todayOf(ctx);
  const action = `/facility/staff/${d.id}`;
  const main = html`<h1 class="page-title">${d.name}</h1>
${errorSummary({ title: t('checkForm'), errors })}
${o.done ? notice({ kind: 'success', body: t(DONE[o.done]) }) : ''}
${d.warnings.length ? notice({ kind: 'warning', body: d.warnings.map((w) => warningText(w, lang)).join(' ') }) : ''}
<h2>${t('detailsHeading')}</h2>
${summaryList({
  emptyText: t('none'),
  items: [
    { term: t('name'), value: d.name },
    { term: t('nameKana'), value: d.nameKana },
    { term: t('birthDate'), value: dateText(d.birthDate, lang) },
    { term: t('address'), value: d.address },
    { term: t('colStatus'), value: t(`status.${d.status}`) },
    { term: t('role'), value: codeLabel('role', d.role, lang) },
    { term: t('employment'), value: `${codeLabel('employment', d.employment, lang)} ${t('hoursValue', { hours: d.weeklyHours })}` },
    { term: t('qualifications'), value: qualificationsText(d.qualifications, lang) },
    { term: t('qualificationNumber'), value: d.qualificationNumber },
    { term: t('hiredOn'), value: dateText(d.hiredOn, lang) },
    { term: t('leftOn'), value: dateText(d.leftOn, lang) },
    { term: t('priorExperience'), value: experienceText(d.priorExperienceMonths, lang) },
    { term: t('experienceNow'), value: experienceText(d.experienceMonths, lang) },
  ],
})}
${dataTable({
  lang,
  caption: t('historyHeading'),
  columns: [
    { key: 'date', label: t('histDate') },
    { key: 'kind', label: t('histKind') },
    { key: 'detail', label: t('histDetail') },
    { key: 'note', label: t('histNote') },
  ],
  rows: d.history.map((h) => ({
    date: `${dateText(h.effectiveOn, lang)}${h.effectiveOn > today ? t('histFuture') : ''}`,
    kind: t(`kind.${h.kind}`),
    detail: historyDetail(h, lang),
    note: h.note ?? '',
  })),
})}
<h2 id="event-h">${t('eventHeading')}</h2>
<p class="hint">${t('eventHint')}</p>
<form method="post" action="${action}/events" aria-labelledby="event-h" novalidate>
  ${facilityCsrfField(actor)}
  ${selectField({ lang, errors, name: 'kind', label: t('kind'), required: true, value: str(ev.kind), emptyLabel: t('choose'), options: RECORDABLE_EVENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })) })}
  ${dateField({ lang, errors, name: 'effectiveOn', label: t('effectiveOn'), hint: t('effectiveOnHint'), required: true, value: str(ev.effectiveOn) })}
  ${selectField({ lang, errors, name: 'role', label: t('newRole'), value: str(ev.role), emptyLabel: t('choose'), options: roleOptions(lang) })}
  ${radios({ lang, errors, name: 'employment', label: t('newEmployment'), inline: true, value: str(ev.employment), choices: employmentChoices(lang) })}
  ${textField({ lang, errors, name: 'weeklyHours', label: t('weeklyHours'), hint: t('weeklyHoursHint'), value: str(ev.weeklyHours), inputmode: 'decimal', maxLength: 5 })}
  ${textArea({ lang, errors, name: 'note', label: t('note'), value: str(ev.note), rows: 2, maxLength: 500 })}
  <p>${button({ label: t('recordEvent') })}</p>
</form>
<h2 id="edit-h">${t('editHeading')}</h2>
<p class="hint">${t('editHint')}</p>
<form method="post" action="${action}" aria-labelledby="edit-h" novalidate>
  ${facilityCsrfField(actor)}
  ${personFields(lang, o.editRaw ?? editValues(d), o.eventRaw ? [] : errors, false)}
  <p>${button({ label: t('save') })}</p>
</form>
<p>${linkButton({ href: '/facility/staff', label: t('backToList'), kind: 'secondary' })}</p>`;
  return renderFacilityPage(req, actor, {
    title: t('detailTitle'),
    main,
    active: 'roster',
    facilityName: facility?.name,
    hasErrors: errors.length > 0,
  });
}

/** The empty fields of the correction form, so that clearing a field clears it (absent means unchanged in the API). */
const EDIT_DEFAULTS = { name: '', nameKana: '', birthDate: '', address: '', hiredOn: '', qualifications: [], qualificationNumber: '' };

export function registerStaffDetailPage(app: FastifyInstance, ctx: AppContext): void {
  const refused = async (req: FastifyRequest, lang: Lang, actor: FacilityActor, id: string, view: View) => {
    const d = await getStaffMember(ctx, actor, id, facilityAuditContext(req, actor));
    return { html: await render(ctx, req, lang, actor, d, view), status: 422 };
  };

  definePage(app, {
    method: 'GET',
    url: '/facility/staff/:id',
    summary: 'One staff member: record, history, the change form and the correction form',
    auth: 'facility',
    params: staffIdParams,
    query: detailQuery,
    async handler({ req, lang, actor, params, query }) {
      const d = await getStaffMember(ctx, actor, params.id, facilityAuditContext(req, actor));
      return render(ctx, req, lang, actor, d, { done: query.done });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/staff/:id',
    summary: 'Correct a staff member’s record (everything typed kept on error)',
    auth: 'facility',
    params: staffIdParams,
    body: formBody,
    async handler({ req, lang, actor, params, body }) {
      const editRaw = rawOf(body);
      const parsed = updateStaffBody.safeParse({ ...EDIT_DEFAULTS, ...fromForm(body) });
      if (!parsed.success) return refused(req, lang, actor, params.id, { editRaw, errors: formErrors(fieldErrorsOf(parsed.error), lang) });
      try {
        await updateStaffMember(ctx, actor, params.id, parsed.data, facilityAuditContext(req, actor));
        return redirect(`/facility/staff/${params.id}?done=updated`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return refused(req, lang, actor, params.id, { editRaw, errors: formErrors(err.extra.fieldErrors ?? [], lang) });
      }
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/staff/:id/events',
    summary: 'Record a dated change of a staff member (role, employment, leave, retirement)',
    auth: 'facility',
    params: staffIdParams,
    body: formBody,
    async handler({ req, lang, actor, params, body }) {
      const eventRaw = rawOf(body);
      const parsed = staffEventBody.safeParse(fromForm(body));
      if (!parsed.success) return refused(req, lang, actor, params.id, { eventRaw, errors: formErrors(fieldErrorsOf(parsed.error), lang) });
      try {
        await recordStaffEvent(ctx, actor, params.id, parsed.data, facilityAuditContext(req, actor));
        return redirect(`/facility/staff/${params.id}?done=event`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return refused(req, lang, actor, params.id, { eventRaw, errors: formErrors(err.extra.fieldErrors ?? [], lang) });
      }
    },
  });
}
