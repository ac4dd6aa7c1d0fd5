/**
 * The forms of the application screen: POST /staff/applications/:id/status (status, comment to the
 * citizen, fields to correct), …/assign and …/notes. Each calls one operation and goes back to the
 * screen; a refusal shows the screen again with the message at the field and what was typed (422 or
 * 409). Another department's application is a 404, as on the screen.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect, type PageResult } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { addNote } from '../add-note.js';
import { assignApplication } from '../assign-application.js';
import { changeStatus } from '../change-status.js';
import { getApplicationForStaff } from '../get-application.js';
import { inboxMessages } from '../inbox.messages.js';
import { applicationParams, assignForm, noteForm, statusForm } from '../inbox.schemas.js';
import { renderDetail } from './detail.view.js';

type Again = { req: FastifyRequest; actor: StaffActor; id: string; csrf: string; raw: Record<string, string> };

export function registerDetailActions(app: FastifyInstance, ctx: AppContext): void {
  /** The screen again with field errors (the access check and the audited read run again). */
  const again = async (a: Again, errors: { field: string; message: string }[], status: number): Promise<PageResult> => {
    const d = await getApplicationForStaff(ctx, a.actor, a.id, auditContextOf(a.req));
    return { html: renderDetail(a.req, d, a.csrf, { errors, raw: a.raw }), status };
  };
  /** Runs the operation; a refusal with field errors (422, 409) becomes the screen again. */
  const run = async (a: Again, op: () => Promise<unknown>, done: string): Promise<PageResult> => {
    try {
      await op();
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
        const errors = pageErrorsOf(err, a.req.lang);
        return again(a, errors.length ? errors : [{ field: 'status', message: err.text[a.req.lang] }], err.status);
      }
      throw err;
    }
    return redirect(`/staff/applications/${a.id}?done=${done}`);
  };
  const rawOf = (body: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (body && typeof body === 'object')
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
        if (k === '_csrf') continue;
        if (typeof v === 'string') out[k] = v;
        else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join('\n');
      }
    return out;
  };

  definePage(app, {
    method: 'POST',
    url: '/staff/applications/:id/status',
    summary: 'Change the status with a comment to the citizen (and the fields to correct); notifies the citizen',
    auth: 'staff',
    params: applicationParams,
    body: statusForm,
    invalid: ({ req, actor, params, csrf, raw, errors }) => again({ req, actor, id: params.id, csrf, raw }, errors, 422),
    async handler({ req, actor, params, body, csrf }) {
      const a = { req, actor, id: params.id, csrf, raw: rawOf(req.body) };
      const status = body.status;
      if (!status) {
        // the access check first: another department's id stays a 404 whatever was posted
        return again(a, [{ field: 'status', message: inboxMessages.t(req.lang, 'statusRequired') }], 422);
      }
      return run(
        a,
        () =>
          changeStatus(
            ctx,
            actor,
            params.id,
            { status, comment: body.comment, correctionFields: body.correctionFields },
            auditContextOf(req),
          ),
        'status',
      );
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/applications/:id/assign',
    summary: 'Assign the application to a member of its department (or clear the assignment)',
    auth: 'staff',
    params: applicationParams,
    body: assignForm,
    invalid: ({ req, actor, params, csrf, raw, errors }) => again({ req, actor, id: params.id, csrf, raw }, errors, 422),
    handler: ({ req, actor, params, body, csrf }) =>
      run(
        { req, actor, id: params.id, csrf, raw: rawOf(req.body) },
        () => assignApplication(ctx, actor, params.id, body.staffId ?? null, auditContextOf(req)),
        'assigned',
      ),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/applications/:id/notes',
    summary: 'Add an internal note (staff only, encrypted)',
    auth: 'staff',
    params: applicationParams,
    body: noteForm,
    invalid: ({ req, actor, params, csrf, raw, errors }) => again({ req, actor, id: params.id, csrf, raw }, errors, 422),
    handler: ({ req, actor, params, body, csrf }) =>
      run(
        { req, actor, id: params.id, csrf, raw: rawOf(req.body) },
        () => addNote(ctx, actor, params.id, body.body, auditContextOf(req)),
        'note',
      ),
  });
}
