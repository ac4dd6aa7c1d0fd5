/**
 * /staff/procedures/:id/settings — title, description, who may apply, period, capacity, retention,
 * identity documents, My Number flag, contact and applicant-name fields, fee and revenue account (saved
 * to the draft); and, in a form of its own that applies at once, the roles that may read the
 * procedure's sensitive answers (POST …/sensitive-readers, audited).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  checkboxes,
  csrfInput,
  errorSummary,
  type FieldMessage,
  radios,
  selectField,
  textArea,
  textField,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { allFields, IDENTITY_DOCUMENT_KINDS, type ProcedureDefinition } from '../definition.js';
import { SENSITIVE_READER_ROLES } from '../../applications.policy.js';
import { editProcedureDraft } from '../edit-procedure-draft.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { sensitiveReadersForm } from '../procedures.schemas.js';
import { getProcedureForStaff } from '../read-procedures.js';
import { setProcedureSensitiveReaders } from '../set-sensitive-readers.js';
import { builderMessages as bm } from './builder.messages.js';
import { applySettingsForm, settingsErrorName, settingsFormBody, settingsFormOf } from './builder-forms.js';
import {
  attempt,
  backLink,
  builderPage,
  doneNotice,
  doneQuery,
  idKindLabel,
  many,
  one,
  procedureParams,
  rawForm,
  textIn,
  type DONE,
} from './builder.view.js';

type Raw = Record<string, string | string[]>;

/** The sensitive readers form's state: the roles stored (or posted again) and its errors. */
type Readers = { values: string[]; errors: FieldMessage[] };

function readersSection(lang: Lang, id: string, csrf: string, r: Readers) {
  const t = bm.in(lang);
  return html`<h2 id="sensitive-readers">${t('readersHeading')}</h2>
<p>${t('readersIntro')}</p>
<form method="post" action="/staff/procedures/${id}/sensitive-readers" class="card">
  ${csrfInput(csrf)}
  ${checkboxes({
    lang,
    name: 'readers',
    id: 'readers',
    label: t('readersLabel'),
    hint: t('readersHint'),
    markOptional: false,
    values: r.values,
    errors: r.errors,
    choices: SENSITIVE_READER_ROLES.map((role) => ({ value: role, label: t(`readerRole.${role}`) })),
  })}
  ${button({ label: t('readersSave'), type: 'submit', kind: 'secondary' })}
</form>`;
}

function render(
  req: FastifyRequest,
  lang: Lang,
  id: string,
  def: ProcedureDefinition,
  csrf: string,
  raw: Raw,
  errors: FieldMessage[],
  readers: Readers,
  done?: (typeof DONE)[number],
): string {
  const t = bm.in(lang);
  const base = { lang, errors };
  const fields = allFields(def);
  const fieldOptions = (types: string[]) =>
    fields.filter((f) => types.includes(f.type)).map((f) => ({ value: f.key, label: `${textIn(f.label, lang)} (${f.key})` }));
  const title = t('settingsTitle', { title: textIn(def.title, lang) });
  const main = html`${doneNotice(lang, done)}<h1 class="page-title">${title}</h1>
${errorSummary({ title: t('checkInput'), errors: [...errors, ...readers.errors] })}
<form method="post" action="/staff/procedures/${id}/settings">
  ${csrfInput(csrf)}
  ${textField({ ...base, name: 'titleJa', label: t('titleJa'), required: true, value: one(raw.titleJa), maxLength: 100 })}
  ${textField({ ...base, name: 'titleEn', label: t('titleEn'), value: one(raw.titleEn), maxLength: 100 })}
  ${textArea({ ...base, name: 'descriptionJa', label: t('descriptionJa'), required: true, value: one(raw.descriptionJa), rows: 5 })}
  ${textArea({ ...base, name: 'descriptionEn', label: t('descriptionEn'), value: one(raw.descriptionEn), rows: 5 })}
  ${textArea({ ...base, name: 'eligibilityJa', label: t('eligibilityJa'), required: true, value: one(raw.eligibilityJa), rows: 3 })}
  ${textArea({ ...base, name: 'eligibilityEn', label: t('eligibilityEn'), value: one(raw.eligibilityEn), rows: 3 })}
  ${textField({ ...base, name: 'opensAt', label: t('opensAt'), hint: t('dateTimeHint'), value: one(raw.opensAt) })}
  ${textField({ ...base, name: 'closesAt', label: t('closesAt'), hint: t('dateTimeHint'), value: one(raw.closesAt) })}
  ${textField({ ...base, name: 'capacity', label: t('capacity'), hint: t('capacityHint'), inputmode: 'numeric', value: one(raw.capacity) })}
  ${textField({ ...base, name: 'retentionDays', label: t('retentionDays'), hint: t('retentionHint'), required: true, inputmode: 'numeric', value: one(raw.retentionDays) })}
  ${selectField({ ...base, name: 'contactEmailField', label: t('contactEmailField'), required: true, value: one(raw.contactEmailField), options: fieldOptions(['email']) })}
  ${selectField({
    ...base,
    name: 'applicantNameField',
    label: t('applicantNameField'),
    value: one(raw.applicantNameField),
    emptyLabel: t('noneSelected'),
    options: fieldOptions(['text', 'kana']),
  })}
  ${checkboxes({ ...base, name: 'identityRequired', label: t('identityRequired'), values: many(raw.identityRequired), choices: [{ value: 'yes', label: t('identityRequiredYes') }] })}
  ${checkboxes({
    ...base,
    name: 'identityKinds',
    label: t('identityKinds'),
    values: many(raw.identityKinds),
    choices: IDENTITY_DOCUMENT_KINDS.map((k) => ({ value: k, label: idKindLabel(k, lang) })),
  })}
  ${checkboxes({
    ...base,
    name: 'collectsMyNumber',
    label: t('collectsMyNumber'),
    hint: t('collectsMyNumberHint'),
    values: many(raw.collectsMyNumber),
    choices: [{ value: 'yes', label: t('collectsMyNumberYes') }],
  })}
  ${radios({
    ...base,
    name: 'feeKind',
    label: t('feeKind'),
    required: true,
    value: one(raw.feeKind),
    choices: [
      { value: 'none', label: t('feeNone') },
      { value: 'fixed', label: t('feeFixed') },
      { value: 'per_unit', label: t('feePerUnit') },
    ],
  })}
  ${textField({ ...base, name: 'feeAmount', label: t('feeAmount'), inputmode: 'numeric', value: one(raw.feeAmount) })}
  ${textField({ ...base, name: 'feeUnitPrice', label: t('feeUnitPrice'), inputmode: 'numeric', value: one(raw.feeUnitPrice) })}
  ${selectField({ ...base, name: 'feeQuantityField', label: t('feeQuantityField'), value: one(raw.feeQuantityField), emptyLabel: t('noneSelected'), options: fieldOptions(['number']) })}
  ${textField({ ...base, name: 'feeUnitLabelJa', label: t('feeUnitLabelJa'), value: one(raw.feeUnitLabelJa), maxLength: 20 })}
  ${textField({ ...base, name: 'feeUnitLabelEn', label: t('feeUnitLabelEn'), value: one(raw.feeUnitLabelEn), maxLength: 20 })}
  ${radios({
    ...base,
    name: 'feeTiming',
    label: t('feeTiming'),
    value: one(raw.feeTiming),
    choices: [
      { value: 'on_submission', label: t('timingOnSubmission') },
      { value: 'after_acceptance', label: t('timingAfterAcceptance') },
    ],
  })}
  ${textField({ ...base, name: 'revenueAccountCode', label: t('revenueAccountCode'), hint: t('revenueAccountHint'), value: one(raw.revenueAccountCode), maxLength: 40 })}
  ${button({ label: t('save'), type: 'submit' })}
</form>
${readersSection(lang, id, csrf, readers)}
${backLink(`/staff/procedures/${id}`, t('backToProcedure'))}`;
  return builderPage(req, title, main);
}

export function registerSettingsPage(app: FastifyInstance, ctx: AppContext): void {
  const allow = (actor: Parameters<typeof mayManageProcedure>[1], { params }: { params: { id: string } }) =>
    mayManageProcedure(ctx.db, actor, params.id);
  const read = (i: { actor: Parameters<typeof getProcedureForStaff>[1]; params: { id: string } }) =>
    getProcedureForStaff(ctx.db, i.actor, i.params.id);
  const current = async (i: Parameters<typeof read>[0]) => (await read(i)).newest.definition;
  const stored = async (i: Parameters<typeof read>[0]): Promise<Readers> => ({
    values: (await read(i)).procedure.sensitiveReaders,
    errors: [],
  });
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id/settings',
    summary: 'Settings form of a procedure',
    auth: 'staff',
    params: procedureParams,
    query: doneQuery,
    allow,
    async handler(i) {
      const p = await read(i);
      const def = p.newest.definition;
      const readers = { values: p.procedure.sensitiveReaders, errors: [] };
      return render(i.req, i.lang, i.params.id, def, i.csrf, settingsFormOf(def), [], readers, i.query.done);
    },
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/settings',
    summary: 'Save the settings of a procedure (to its draft)',
    auth: 'staff',
    params: procedureParams,
    allow,
    body: settingsFormBody,
    invalid: async (i) => ({
      html: render(i.req, i.lang, i.params.id, await current(i), i.csrf, i.raw, i.errors, await stored(i)),
      status: 422,
    }),
    async handler(i) {
      const raw = rawForm(i.req.body);
      const def = await current(i);
      const decoded = applySettingsForm(def, i.body);
      const errors = decoded.errors.length
        ? decoded.errors.map((e) => ({ field: e.field, message: e.message[i.lang] }))
        : await attempt(
            i.lang,
            () =>
              editProcedureDraft(ctx, i.actor, i.params.id, (d) => applySettingsForm(d, i.body).value, {
                ...auditContextOf(i.req),
                what: 'settings',
              }),
            settingsErrorName,
          );
      if (errors) return { html: render(i.req, i.lang, i.params.id, def, i.csrf, raw, errors, await stored(i)), status: 422 };
      return redirect(`/staff/procedures/${i.params.id}?done=saved`);
    },
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/sensitive-readers',
    summary: 'Set the roles that may read the procedure’s sensitive answers (applies at once; audited)',
    auth: 'staff',
    params: procedureParams,
    allow,
    body: sensitiveReadersForm,
    // a role that is not a choice (a forged form): the screen again with the stored roles and the message
    invalid: async (i) => {
      const def = await current(i);
      const readers = { values: many(i.raw.readers), errors: i.errors.map((e) => ({ ...e, field: 'readers' })) };
      return { html: render(i.req, i.lang, i.params.id, def, i.csrf, settingsFormOf(def), [], readers), status: 422 };
    },
    async handler(i) {
      await setProcedureSensitiveReaders(ctx, i.actor, i.params.id, i.body.readers, auditContextOf(i.req));
      return redirect(`/staff/procedures/${i.params.id}/settings?done=readers#sensitive-readers`);
    },
  });
}
