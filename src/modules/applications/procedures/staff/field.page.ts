/**
 * /staff/procedures/:id/add-field?step=N (add a field to step N; N = the number of steps starts a new
 * step) and /staff/procedures/:id/fields/:key (edit one; a changed key is renamed wherever the
 * definition refers to it). Refusals come back with what was typed and the messages at the inputs.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../../http/actor.js';
import { errors as httpErrors } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import type { FieldMessage } from '../../../../web/components/index.js';
import { auditContextOf } from '../../../audit/index.js';
import type { FieldDefinition, ProcedureDefinition } from '../definition.js';
import { addField, locateField, replaceField } from '../edit-definition.js';
import { editProcedureDraft } from '../edit-procedure-draft.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { getProcedureForStaff } from '../read-procedures.js';
import { builderMessages as bm } from './builder.messages.js';
import { decodeFieldForm, fieldFormBody, fieldFormErrorName, fieldFormOf, localised } from './builder-forms.js';
import { attempt, procedureParams, rawForm, textIn } from './builder.view.js';
import { renderFieldForm } from './field-form.view.js';

const stepQuery = z.object({ step: z.coerce.number().int().min(0).max(20).default(0) });
const fieldParams = procedureParams.extend({ key: z.string().max(40) });

type Raw = Record<string, string | string[]>;
type Base = { req: Parameters<typeof renderFieldForm>[0]; lang: Lang; actor: StaffActor; csrf: string };

async function working(ctx: AppContext, actor: StaffActor, id: string): Promise<ProcedureDefinition> {
  return (await getProcedureForStaff(ctx.db, actor, id)).newest.definition;
}

function earlierThan(def: ProcedureDefinition, step: number, index: number): FieldDefinition[] {
  return def.steps.flatMap((s, i) => (i < step ? s.fields : i === step ? s.fields.slice(0, index) : []));
}

function newForm(i: Base, id: string, def: ProcedureDefinition, step: number, raw: Raw, errors: FieldMessage[]) {
  if (step > def.steps.length) throw httpErrors.notFound();
  const title = bm.t(i.lang, 'fieldNewTitle', { title: textIn(def.title, i.lang) });
  const earlier = earlierThan(def, step, def.steps[step]?.fields.length ?? 0);
  return renderFieldForm(i.req, i.lang, {
    id,
    def,
    action: `/staff/procedures/${id}/add-field?step=${step}`,
    title,
    earlier,
    newStep: step === def.steps.length,
    csrf: i.csrf,
    raw: { step: String(step), required: 'yes', privacy: 'personal', type: 'text', ...raw },
    errors,
  });
}

function editForm(i: Base, id: string, def: ProcedureDefinition, key: string, raw: Raw | undefined, errors: FieldMessage[]) {
  const at = locateField(def, key);
  const field = at && def.steps[at.step]?.fields[at.index];
  if (!at || !field) throw httpErrors.notFound();
  return renderFieldForm(i.req, i.lang, {
    id,
    def,
    action: `/staff/procedures/${id}/fields/${key}`,
    title: bm.t(i.lang, 'fieldEditTitle', { label: textIn(field.label, i.lang) }),
    earlier: earlierThan(def, at.step, at.index),
    newStep: false,
    csrf: i.csrf,
    raw: raw ?? fieldFormOf(field),
    errors,
  });
}

export function registerFieldPages(app: FastifyInstance, ctx: AppContext): void {
  const allow = (actor: StaffActor, { params }: { params: { id: string } }) => mayManageProcedure(ctx.db, actor, params.id);
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id/add-field',
    summary: 'Form to add a field (or a new step with its first field)',
    auth: 'staff',
    params: procedureParams,
    query: stepQuery,
    allow,
    handler: async (i) => newForm(i, i.params.id, await working(ctx, i.actor, i.params.id), i.query.step, {}, []),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/add-field',
    summary: 'Add a field to the draft',
    auth: 'staff',
    params: procedureParams,
    query: stepQuery,
    allow,
    body: fieldFormBody,
    invalid: async (i) => ({
      html: newForm(i, i.params.id, await working(ctx, i.actor, i.params.id), Number(i.raw.step) || 0, i.raw, i.errors),
      status: 422,
    }),
    async handler(i) {
      const def = await working(ctx, i.actor, i.params.id);
      const step = i.query.step;
      const raw = rawForm(i.req.body);
      const decoded = decodeFieldForm(i.body);
      const index = def.steps[step]?.fields.length ?? 0;
      const at = `steps.${step}.fields.${index}`;
      const errors = decoded.errors.length
        ? decoded.errors.map((e) => ({ field: e.field, message: e.message[i.lang] }))
        : await attempt(
            i.lang,
            () =>
              editProcedureDraft(
                ctx,
                i.actor,
                i.params.id,
                (d) =>
                  addField(d, step, decoded.value, step === d.steps.length ? localised(i.body.stepTitleJa, i.body.stepTitleEn) : undefined),
                { ...auditContextOf(i.req), what: 'field-add' },
              ),
            (path) => fieldFormErrorName(path, at, `steps.${step}`),
          );
      if (errors) return { html: newForm(i, i.params.id, def, step, raw, errors), status: 422 };
      return redirect(`/staff/procedures/${i.params.id}?done=saved`);
    },
  });
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id/fields/:key',
    summary: 'Form to edit one field',
    auth: 'staff',
    params: fieldParams,
    allow,
    handler: async (i) => editForm(i, i.params.id, await working(ctx, i.actor, i.params.id), i.params.key, undefined, []),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/fields/:key',
    summary: 'Save one field of the draft',
    auth: 'staff',
    params: fieldParams,
    allow,
    body: fieldFormBody,
    invalid: async (i) => ({
      html: editForm(i, i.params.id, await working(ctx, i.actor, i.params.id), i.params.key, i.raw, i.errors),
      status: 422,
    }),
    async handler(i) {
      const def = await working(ctx, i.actor, i.params.id);
      const raw = rawForm(i.req.body);
      const decoded = decodeFieldForm(i.body);
      const pos = locateField(def, i.params.key);
      if (!pos) throw httpErrors.notFound();
      const at = `steps.${pos.step}.fields.${pos.index}`;
      const errors = decoded.errors.length
        ? decoded.errors.map((e) => ({ field: e.field, message: e.message[i.lang] }))
        : await attempt(
            i.lang,
            () =>
              editProcedureDraft(ctx, i.actor, i.params.id, (d) => replaceField(d, i.params.key, decoded.value), {
                ...auditContextOf(i.req),
                what: 'field-edit',
              }),
            (path) => fieldFormErrorName(path, at),
          );
      if (errors) return { html: editForm(i, i.params.id, def, i.params.key, raw, errors), status: 422 };
      return redirect(`/staff/procedures/${i.params.id}?done=saved`);
    },
  });
}
