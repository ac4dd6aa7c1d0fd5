/**
 * The decision forms of the submission screen: POST /staff/facility-claims/:id/return (comment
 * required) and …/approve (comment optional). Each calls one operation and goes back to the screen; a
 * refusal (no comment, no longer submitted) shows the screen again with the message at the field and
 * what was typed. Outsiders 404, the enrolment division 403 — before any form error.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { AppError, errors } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect, type PageResult } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { canFacility } from '../../facility.policy.js';
import { approveSubmission } from '../approve-submission.js';
import { getSubmission } from '../get-submission.js';
import { returnSubmission } from '../return-submission.js';
import { approveForm, idParams, returnBody } from '../review.schemas.js';
import { detailHref } from './review.view.js';
import { renderDetail } from './detail.view.js';

type Again = { req: FastifyRequest; actor: StaffActor; id: string; csrf: string; raw: Record<string, string> };

export function registerDecisionPages(app: FastifyInstance, ctx: AppContext): void {
  const again = async (a: Again, errs: { field: string; message: string }[], status: number): Promise<PageResult> => {
    if (!canFacility(a.actor, 'review', ctx.config)) throw errors.forbidden();
    const d = await getSubmission(ctx, a.actor, a.id, auditContextOf(a.req));
    return { html: renderDetail(a.req, d, a.csrf, { errors: errs, raw: a.raw }), status };
  };
  const run = async (a: Again, field: string, op: () => Promise<unknown>, done: 'returned' | 'approved'): Promise<PageResult> => {
    try {
      await op();
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
        const errs = pageErrorsOf(err, a.req.lang);
        return again(a, errs.length ? errs : [{ field, message: err.text[a.req.lang] }], err.status);
      }
      throw err;
    }
    return redirect(`${detailHref(a.id)}?done=${done}`);
  };
  const allow = (actor: StaffActor) => canFacility(actor, 'view', ctx.config);

  definePage(app, {
    method: 'POST',
    url: '/staff/facility-claims/:id/return',
    summary: 'Return a submitted form to the facility with a comment (required)',
    auth: 'staff',
    params: idParams,
    body: returnBody,
    allow,
    invalid: ({ req, actor, params, csrf, raw, errors: errs }) => again({ req, actor, id: params.id, csrf, raw }, errs, 422),
    handler: ({ req, actor, params, body, csrf }) =>
      run(
        { req, actor, id: params.id, csrf, raw: { comment: body.comment } },
        'comment',
        () => returnSubmission(ctx, actor, params.id, body.comment, auditContextOf(req)),
        'returned',
      ),
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/facility-claims/:id/approve',
    summary: 'Approve a submitted form (the version approved before becomes superseded)',
    auth: 'staff',
    params: idParams,
    body: approveForm,
    allow,
    invalid: ({ req, actor, params, csrf, raw, errors: errs }) => again({ req, actor, id: params.id, csrf, raw }, errs, 422),
    handler: ({ req, actor, params, body, csrf }) =>
      run(
        { req, actor, id: params.id, csrf, raw: { approveComment: body.approveComment ?? '' } },
        'approveComment',
        () => approveSubmission(ctx, actor, params.id, body.approveComment, auditContextOf(req)),
        'approved',
      ),
  });
}
