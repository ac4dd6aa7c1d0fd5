/**
 * The facility API of claims and forms (facility users; auth 'public' with the facility session, read
 * first): the year's list, prepare (create or refresh a draft), a submission with its history, the
 * 処遇改善 entries, submit and withdraw. Every route scopes to the session's facility: another
 * facility's submission is 404.
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { facilityAuditContext, requireFacilityApi } from '../shared/facility-session.js';
import {
  claimListResponse,
  fiscalYearQuery,
  formParams,
  idParams,
  preparedResponse,
  shoguEntriesBody,
  statusResponse,
  submissionResponse,
} from './claims.schemas.js';
import { listClaims } from './list-claims.js';
import { prepareSubmission, type Prepared } from './prepare-submission.js';
import { getSubmission } from './read-submission.js';
import { saveShoguEntries } from './save-shogu-entries.js';
import { submitSubmission } from './submit-submission.js';
import { summaryOf } from './build-forms.js';
import { withdrawSubmission } from './withdraw-submission.js';

const TAGS = ['facility-claims', 'facility'];
const SECURITY = ['facilitySession'] as const;

const preparedJson = (p: Prepared) => ({
  id: p.id,
  version: p.version,
  status: p.status,
  summary: summaryOf(p.content).summary,
  checks: p.content.checks,
});

export function registerClaimsApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/claims',
    summary: "Your facility's claims and forms of a fiscal year: the 12 monthly claims and the yearly forms, each with its newest version",
    tags: TAGS,
    auth: 'public',
    security: SECURITY,
    query: fiscalYearQuery,
    responses: { 200: { description: 'The forms of the year', schema: claimListResponse } },
    handler: async ({ req, query }) => {
      const actor = await requireFacilityApi(ctx, req);
      const r = await listClaims(ctx, actor, query.fiscalYear);
      return {
        fiscalYear: query.fiscalYear,
        items: [...r.monthly, ...r.yearly].map((e) => ({
          form: e.form,
          period: e.period,
          submission: e.latest
            ? {
                id: e.latest.id,
                version: e.latest.version,
                status: e.latest.status,
                totalAmount: e.latest.totalAmount,
                summary: e.latest.summary,
              }
            : null,
        })),
      };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/claims/:form/:period/prepare',
    summary: 'Create the draft of a form for a period, or refresh the open draft from the current roster, counts and items',
    description:
      'period: YYYY-MM for monthly-claim, the fiscal year YYYY otherwise. A returned version is refreshed and stays returned. 409 submission_state when the open version is submitted, or when an approved version exists and nothing is open (start a new version). The checks at entry come back with the draft. Audited (facility.submission.save).',
    tags: TAGS,
    auth: 'public',
    security: SECURITY,
    params: formParams,
    responses: {
      200: { description: 'The draft', schema: preparedResponse },
      409: { description: 'The form is submitted, or approved (submission_state)' },
      422: { description: 'The period does not fit the form' },
    },
    handler: async ({ req, params }) => {
      const actor = await requireFacilityApi(ctx, req);
      return preparedJson(await prepareSubmission(ctx, actor, facilityAuditContext(req, actor), params.form, params.period));
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/submissions/:id',
    summary: 'One of your submissions: status, version, content as stored and its history with the city comments (audited)',
    tags: TAGS,
    auth: 'public',
    security: SECURITY,
    params: idParams,
    responses: {
      200: { description: 'The submission', schema: submissionResponse },
      404: { description: 'Not found, or not a submission of your facility' },
    },
    handler: async ({ req, params }) => {
      const actor = await requireFacilityApi(ctx, req);
      const v = await getSubmission(ctx, actor, facilityAuditContext(req, actor), params.id);
      return {
        id: v.row.id,
        form: v.row.form,
        period: v.row.period,
        version: v.row.version,
        status: v.row.status,
        totalAmount: v.row.totalAmount,
        summary: v.row.summary,
        submittedAt: v.row.submittedAt ? jstIso(new Date(v.row.submittedAt)) : null,
        content: v.content,
        events: v.events.map((e) => ({ action: e.action, actorType: e.actorType, comment: e.comment, at: jstIso(e.at) })),
      };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/submissions/:id/shogu-entries',
    summary: 'Save the wage improvement (yen a year) and kubun 3 group (A/B) of each person on a pay improvement addition (shogu) draft',
    description:
      'The one fact these forms need that no other screen holds. People not listed get 0 and no group. Only people on the form are accepted (422 naming staff.<id>.improvement). Audited (facility.submission.save).',
    tags: TAGS,
    auth: 'public',
    security: SECURITY,
    params: idParams,
    body: shoguEntriesBody,
    responses: {
      200: { description: 'The draft, rebuilt', schema: preparedResponse },
      404: { description: 'Not found, not a pay improvement (shogu) form, or not of your facility' },
      409: { description: 'Not a draft or returned version (submission_state)' },
      422: { description: 'An amount out of range or a person not on the form' },
    },
    handler: async ({ req, params, body }) => {
      const actor = await requireFacilityApi(ctx, req);
      return preparedJson(await saveShoguEntries(ctx, actor, facilityAuditContext(req, actor), params.id, body.entries));
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/submissions/:id/submit',
    summary: 'Submit a draft or returned version to the city',
    description:
      'The content is rebuilt from the current data first; while any check at entry is an error the answer is 422 with those checks as field errors and nothing changes. 409 submission_state for another state. Audited (facility.submission.submit).',
    tags: TAGS,
    auth: 'public',
    security: SECURITY,
    params: idParams,
    responses: {
      200: { description: 'Submitted', schema: statusResponse },
      404: { description: 'Not found, or not a submission of your facility' },
      409: { description: 'Not a draft or returned version (submission_state)' },
      422: { description: 'The checks at entry found errors (fieldErrors name the fields)' },
    },
    handler: async ({ req, params }) => {
      const actor = await requireFacilityApi(ctx, req);
      return submitSubmission(ctx, actor, facilityAuditContext(req, actor), params.id);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/submissions/:id/withdraw',
    summary: 'Withdraw a submitted version before the city decides (back to draft)',
    description: '409 submission_state unless it is submitted. Audited (facility.submission.withdraw).',
    tags: TAGS,
    auth: 'public',
    security: SECURITY,
    params: idParams,
    responses: {
      200: { description: 'Withdrawn', schema: statusResponse },
      404: { description: 'Not found, or not a submission of your facility' },
      409: { description: 'Not submitted (submission_state)' },
    },
    handler: async ({ req, params }) => {
      const actor = await requireFacilityApi(ctx, req);
      return withdrawSubmission(ctx, actor, facilityAuditContext(req, actor), params.id);
    },
  });
}
