/** POST /staff/procedures/:id/structure — move or remove a field or a step (one change per form; the overview's buttons). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import type { ProcedureDefinition } from '../definition.js';
import { editProcedureDraft } from '../edit-procedure-draft.js';
import { moveField, moveStep, removeField, removeStep } from '../edit-definition.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { attempt, procedureParams } from './builder.view.js';
import { refusedOverview } from './overview.page.js';

const structureBody = z.object({
  op: z.enum(['field-up', 'field-down', 'field-remove', 'step-up', 'step-down', 'step-remove']),
  key: z.string().max(40).optional(),
  step: z.coerce.number().int().min(0).max(100).optional(),
});

function changeOf(b: z.output<typeof structureBody>): (def: ProcedureDefinition) => ProcedureDefinition {
  const key = b.key ?? '';
  const step = b.step ?? -1;
  switch (b.op) {
    case 'field-up':
      return (d) => moveField(d, key, 'up');
    case 'field-down':
      return (d) => moveField(d, key, 'down');
    case 'field-remove':
      return (d) => removeField(d, key);
    case 'step-up':
      return (d) => moveStep(d, step, 'up');
    case 'step-down':
      return (d) => moveStep(d, step, 'down');
    case 'step-remove':
      return (d) => removeStep(d, step);
  }
}

export function registerStructurePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/structure',
    summary: 'Move or remove a field or step of the draft',
    auth: 'staff',
    params: procedureParams,
    allow: (actor, { params }) => mayManageProcedure(ctx.db, actor, params.id),
    body: structureBody,
    invalid: (i) => refusedOverview(ctx, i, i.errors),
    async handler(i) {
      const errors = await attempt(i.lang, () =>
        editProcedureDraft(ctx, i.actor, i.params.id, changeOf(i.body), { ...auditContextOf(i.req), what: i.body.op }),
      );
      if (errors) return refusedOverview(ctx, i, errors);
      return redirect(`/staff/procedures/${i.params.id}?done=saved`);
    },
  });
}
