/**
 * Staff API of the city's review (pinned by the issue): GET /api/v1/staff/facility-claims (list, and
 * with ?month= the facilities × forms matrix), GET …/{id} (content, history, changes; every call
 * audited), POST …/{id}/approve, POST …/{id}/return {comment}, GET …/export?month= (CSV). Members
 * of other departments get 404 on every route; the enrolment division may read but not decide (403).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { auditContextOf } from '../../audit/index.js';
import { approveSubmission } from './approve-submission.js';
import { exportMonth } from './export-month.js';
import { getSubmission } from './get-submission.js';
import { listSubmissions } from './list-submissions.js';
import { returnSubmission } from './return-submission.js';
import {
  approveBody,
  decisionResponse,
  detailResponse,
  exportQuery,
  idParams,
  listQuery,
  listResponse,
  returnBody,
  toCsvEncoding,
} from './review.schemas.js';

const iso = (d: Date | null) => (d ? jstIso(d) : null);
const tags = ['facility-claims', 'staff'];
const notFound = { description: 'Not found, a draft, or you are not a member of the childcare divisions' };

export function registerReviewApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/facility-claims',
    summary: 'Facility submissions sent to the city (no content), submitted ones first; with month, the facilities × forms matrix',
    description:
      'Both childcare divisions. Filters: month=YYYY-MM (the monthly claim of that month and the yearly forms of its fiscal year), fiscalYear, facility (id), form, status. Drafts are never listed.',
    tags,
    auth: 'staff',
    query: listQuery,
    responses: { 200: { description: 'The submissions', schema: listResponse }, 404: notFound },
    handler: async ({ query, staff }) => {
      const r = await listSubmissions(ctx, staff, {
        month: query.month,
        fiscalYear: query.fiscalYear,
        facilityId: query.facility,
        form: query.form,
        status: query.status,
      });
      const out: z.input<typeof listResponse> = {
        items: r.items.map((i) => ({ ...i, submittedAt: iso(i.submittedAt), decidedAt: iso(i.decidedAt) })),
      };
      if (r.matrix)
        out.matrix = {
          ...r.matrix,
          rows: r.matrix.rows.map((row) => ({ facility: row.facility, cells: row.cells as Record<string, never> })),
        };
      return out;
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/facility-claims/export',
    summary: "The month's approved monthly claims per facility as CSV (CP932 by default, encoding=utf8 for UTF-8 with BOM); audited",
    description:
      'Facility childcare division only (403 for the enrolment division). One row per facility with an approved monthly claim, then a total row.',
    tags,
    auth: 'staff',
    query: exportQuery,
    responses: {
      200: { description: 'The CSV file', contentType: 'text/csv' },
      403: { description: 'Not the facility childcare division' },
      404: notFound,
    },
    handler: async ({ req, reply, query, staff }) => {
      const out = await exportMonth(ctx, staff, query.month, toCsvEncoding(query.encoding), auditContextOf(req));
      reply
        .header('Content-Type', out.contentType)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .header('X-Row-Count', String(out.count))
        .header('X-Unencodable-Characters', String(out.unencodable));
      return reply.send(out.body);
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/facility-claims/:id',
    summary: 'One submission: the form’s content, its history with comments and what changed since the last approved version (audited)',
    tags,
    auth: 'staff',
    params: idParams,
    responses: { 200: { description: 'The submission', schema: detailResponse }, 404: notFound },
    handler: async ({ req, params, staff }) => {
      const d = await getSubmission(ctx, staff, params.id, auditContextOf(req));
      const s = d.submission;
      return {
        id: s.id,
        facilityId: s.facilityId,
        facilityCode: s.facilityCode,
        facilityName: s.facilityName,
        facilityType: s.facilityType,
        form: s.form,
        period: s.period,
        version: s.version,
        status: s.status,
        totalAmount: s.totalAmount,
        submittedAt: iso(s.submittedAt),
        decidedAt: iso(s.decidedAt),
        content: d.content as unknown as Record<string, unknown>,
        history: d.events.map((e) => ({ ...e, at: jstIso(e.at) })),
        baseline: d.baseline,
        changes: d.changes.map((c) => ({
          ...c,
          label: c.label[req.lang],
          before: c.before && typeof c.before === 'object' ? c.before[req.lang] : c.before,
          after: c.after && typeof c.after === 'object' ? c.after[req.lang] : c.after,
        })),
        canDecide: d.canDecide,
      };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/facility-claims/:id/approve',
    summary: 'Approve a submitted form (optional comment); the version approved before becomes superseded; audited',
    description:
      'Facility childcare division only. Only a submitted form can be approved (409 submission_state otherwise). An approved version is locked.',
    tags,
    auth: 'staff',
    params: idParams,
    body: approveBody,
    responses: {
      200: { description: 'Approved', schema: decisionResponse },
      403: { description: 'Not the facility childcare division' },
      404: notFound,
      409: { description: 'Not submitted (submission_state)' },
    },
    handler: async ({ req, params, body, staff }) => approveSubmission(ctx, staff, params.id, body.comment, auditContextOf(req)),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/facility-claims/:id/return',
    summary: 'Return a submitted form to the facility with a comment (required); audited',
    description: 'Facility childcare division only. Only a submitted form can be returned (409 submission_state otherwise).',
    tags,
    auth: 'staff',
    params: idParams,
    body: returnBody,
    responses: {
      200: { description: 'Returned', schema: decisionResponse },
      403: { description: 'Not the facility childcare division' },
      404: notFound,
      409: { description: 'Not submitted (submission_state)' },
      422: { description: 'The comment is missing or too long' },
    },
    handler: async ({ req, params, body, staff }) => returnSubmission(ctx, staff, params.id, body.comment, auditContextOf(req)),
  });
}
