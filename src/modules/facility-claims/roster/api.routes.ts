/**
 * The roster's API for facility users (pinned): GET/POST /api/v1/facility/staff, GET/PATCH
 * /api/v1/facility/staff/{id}, POST /api/v1/facility/staff/{id}/events. Scoped to the session's
 * facility; another facility's id is a 404 like an unknown one. Every call is audited.
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { facilityAuditContext, requireFacilityApi } from '../shared/facility-session.js';
import { createStaffMember } from './create-staff-member.js';
import { getStaffMember } from './get-staff-member.js';
import { listStaff } from './list-staff.js';
import { recordStaffEvent } from './record-staff-event.js';
import {
  createStaffBody,
  staffCreatedResponse,
  staffDetailResponse,
  staffEventBody,
  staffEventResponse,
  staffIdParams,
  staffListResponse,
  updateStaffBody,
} from './roster.schemas.js';
import { updateStaffMember } from './update-staff-member.js';

const TAGS = ['facility-claims', 'facility'];
const common = {
  401: { description: 'No facility session (unauthenticated)' },
};
const writes = { ...common, 403: { description: 'X-CSRF-Token missing or not this session’s (csrf_failed)' } };
const notFound = { 404: { description: "Not one of your facility's staff (an unknown id and another facility's id answer the same)" } };

export function registerRosterApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/staff',
    summary: "Your facility's staff roster with today's state, computed experience and the staffing figures",
    description:
      'Names decrypted; retired people last. The figures (headcount, care FTE, qualified care FTE, by role, average experience) are computed, never typed. Audited (facility.staff.list).',
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    responses: { 200: { description: 'The roster', schema: staffListResponse }, ...common },
    handler: async ({ req }) => {
      const actor = await requireFacilityApi(ctx, req);
      return listStaff(ctx, actor, facilityAuditContext(req, actor));
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/staff',
    summary: 'Add a person to the roster (personal fields stored encrypted), with their hire as the first history row',
    description:
      'Checked at entry: birth date not in the future and at least 15 on the hire date; hire date not before birth nor more than a year ahead; part-time hours below 40 (full-time defaults to 40); a hoikushi qualification needs its registration number. 422 with field errors in Japanese and English. Audited (facility.staff.create).',
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    body: createStaffBody,
    responses: {
      201: { description: 'Added', schema: staffCreatedResponse },
      ...writes,
      422: { description: 'Field errors (validation_failed)' },
    },
    handler: async ({ req, reply, body }) => {
      const actor = await requireFacilityApi(ctx, req);
      const r = await createStaffMember(ctx, actor, body, facilityAuditContext(req, actor));
      reply.code(201);
      return r;
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/facility/staff/:id',
    summary: 'One person of your roster with personal fields and the dated history',
    description: 'Audited (facility.staff.view).',
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    params: staffIdParams,
    responses: { 200: { description: 'The person', schema: staffDetailResponse }, ...common, ...notFound },
    handler: async ({ req, params }) => {
      const actor = await requireFacilityApi(ctx, req);
      return getStaffMember(ctx, actor, params.id, facilityAuditContext(req, actor));
    },
  });

  defineApi(app, {
    method: 'PATCH',
    url: '/api/v1/facility/staff/:id',
    summary: 'Correct personal fields, qualifications, the hire date or prior experience',
    description:
      'Fields left out stay as they are; an empty nameKana or qualificationNumber clears it. When either prior-experience field is sent, the prior experience becomes years × 12 + months. Role and employment change only by dated events. Audited (facility.staff.update, field names only).',
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    params: staffIdParams,
    body: updateStaffBody,
    responses: {
      200: { description: 'Corrected', schema: staffCreatedResponse },
      ...writes,
      ...notFound,
      422: { description: 'Field errors (validation_failed)' },
    },
    handler: async ({ req, params, body }) => {
      const actor = await requireFacilityApi(ctx, req);
      const r = await updateStaffMember(ctx, actor, params.id, body, facilityAuditContext(req, actor));
      return { id: r.id };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/facility/staff/:id/events',
    summary: 'Record a dated change: role-change, employment-change, leave-start, leave-end or retire',
    description:
      'Events are recorded in date order, not before the hire and not after a retirement; leave-end (the first day back) needs a leave in progress and a later date; retire is the last day employed. A change dated today or earlier updates the current record. Audited (facility.staff.history).',
    tags: TAGS,
    auth: 'public',
    security: ['facilitySession'],
    params: staffIdParams,
    body: staffEventBody,
    responses: {
      201: { description: 'Recorded', schema: staffEventResponse },
      ...writes,
      ...notFound,
      422: { description: 'Field errors (validation_failed)' },
    },
    handler: async ({ req, reply, params, body }) => {
      const actor = await requireFacilityApi(ctx, req);
      const r = await recordStaffEvent(ctx, actor, params.id, body, facilityAuditContext(req, actor));
      reply.code(201);
      return r;
    },
  });
}
